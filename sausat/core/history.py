"""Object history pages. Each app registers how to fetch its objects through its policy."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model

# object_type ("app.model") -> function(user, pk) -> object, raising Http404 when out of scope.
_FETCHERS: dict[str, Callable[[object, str], Model]] = {}
# object_type -> function(user, obj) -> URL of the restore action, or None when not offered.
_RESTORERS: dict[str, Callable[[object, Model], str | None]] = {}


def register_history(
    object_type: str,
    fetch: Callable[[object, str], Model],
    *,
    restore_url: Callable[[object, Model], str | None] | None = None,
) -> None:
    """``fetch`` should also return soft-deleted objects to those allowed to restore them."""
    _FETCHERS[object_type] = fetch
    if restore_url is not None:
        _RESTORERS[object_type] = restore_url


def fetcher_for(object_type: str) -> Callable[[object, str], Model] | None:
    return _FETCHERS.get(object_type)


def restore_url_for(object_type: str, user, obj: Model) -> str | None:
    """Where a restore button posts to, for a soft-deleted object the user may restore."""
    restorer = _RESTORERS.get(object_type)
    if restorer is None or getattr(obj, "deleted_at", None) is None:
        return None
    return restorer(user, obj)
