"""Apps register their navigation areas here (in AppConfig.ready), so the shell needs no edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    label: str
    url_name: str
    order: int = 100
    visible: Callable = lambda user: True


_AREAS: dict[str, Area] = {}


def register_area(area: Area) -> None:
    _AREAS[area.url_name] = area


def registered_areas() -> list[Area]:
    return sorted(_AREAS.values(), key=lambda a: (a.order, a.label))


def signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def with_role(*roles: str) -> Callable:
    """Visible to holders of one of ``roles`` (and administrators): an area shows only to those who can
    use it, so nobody's menu leads to an empty or refused page."""

    def visible(user) -> bool:
        from sausat.core.policy import scope_for

        return signed_in(user) and scope_for(user).has_role(*roles)

    return visible
