"""Object history pages. Each app registers how to fetch its objects through its policy."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model

# object_type ("app.model") -> function(user, pk) -> object, raising Http404 when out of scope.
_FETCHERS: dict[str, Callable[[object, str], Model]] = {}


def register_history(object_type: str, fetch: Callable[[object, str], Model]) -> None:
    _FETCHERS[object_type] = fetch


def fetcher_for(object_type: str) -> Callable[[object, str], Model] | None:
    return _FETCHERS.get(object_type)
