"""Templates are compiled once per process, not per request (issue 17: "cached template loader
confirmed in production"). Django wraps the loaders in ``cached.Loader`` whenever ``TEMPLATES``
sets no ``loaders`` of its own; this guards against a settings change that would drop it."""

from django.conf import settings
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader


def test_templates_go_through_the_cached_loader():
    assert "loaders" not in settings.TEMPLATES[0].get("OPTIONS", {})
    loaders = engines["django"].engine.template_loaders
    assert len(loaders) == 1 and isinstance(loaders[0], CachedLoader)
