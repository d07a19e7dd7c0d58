"""Apps register their navigation areas (and links on the account page) here, in AppConfig.ready,
so the shell and the account page need no edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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


@dataclass(frozen=True)
class AccountLink:
    """A link on the person's own account page, offered by an app above accounts (the cadre record).

    ``url(user)`` answers the link for this person, or None when they have nothing there. It runs
    only on the account page, so an app may query for it there rather than on every page's menu.
    """

    label: str  # msgid
    url: Callable[[Any], str | None]
    order: int = 100


_ACCOUNT_LINKS: dict[str, AccountLink] = {}


def register_account_link(key: str, link: AccountLink) -> None:
    _ACCOUNT_LINKS[key] = link


def account_links(user: Any) -> list[tuple[str, str]]:
    """(translated label, url) of the registered links that apply to ``user``, in order."""
    from django.utils.translation import gettext

    out = []
    for link in sorted(_ACCOUNT_LINKS.values(), key=lambda a: (a.order, a.label)):
        url = link.url(user)
        if url:
            out.append((gettext(link.label), url))
    return out
