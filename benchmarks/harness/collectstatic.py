"""Collect static files for the production server, tolerating a vendored file's dangling source map.

``python -m benchmarks.harness.collectstatic`` (environment from server.production_env) runs
``collectstatic`` with WhiteNoise's compressed manifest storage minus the JavaScript
``sourceMappingURL`` rewrite: sausat/core/static/vendor/chart-4.6.1.umd.min.js ends with
``//# sourceMappingURL=chart.umd.min.js.map`` but the map is not vendored, which makes the stock
``manage.py collectstatic`` fail with DEBUG off. The manifest written here is the one the server's
stock storage reads. (Fix in the product: drop that comment line from the vendored file.)
"""

from __future__ import annotations

import django
from whitenoise.storage import CompressedManifestStaticFilesStorage


class LenientStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple((glob, rules) for glob, rules in CompressedManifestStaticFilesStorage.patterns if glob != "*.js")


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "benchmarks.harness.collectstatic.LenientStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)


if __name__ == "__main__":
    main()
