"""Navigation by area, built from the user's scope."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sausat.core.navigation import registered_areas
from sausat.core.precomputed import cached_reverse


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    path = request.path
    for area in registered_areas():
        if area.visible(user):
            url = cached_reverse(area.url_name)
            items.append({"label": _(area.label), "url": url, "active": path.startswith(url) and url != "/"})
    person = getattr(user, "person", None) if user is not None and user.is_authenticated else None
    return {"nav_items": items, "nav_person_name": person.full_name if person else ""}
