"""``/api/v1/me``: who the caller is and what they may reach (clients use it to shape their menus)."""

from datetime import date

from ninja import Router, Schema

from sausat.core.api_auth import AUTHENTICATED, api_user
from sausat.core.inbox import inbox_for
from sausat.core.policy import scope_for

router = Router(tags=["me"], auth=AUTHENTICATED)


class MeOut(Schema):
    username: str
    roles: list[str]
    unit_paths: list[str]


@router.get("", response=MeOut)
def me(request):
    """The signed-in user, their roles and the unit subtrees they cover (no other data)."""
    user = api_user(request)
    scope = scope_for(user)
    return {
        "username": user.get_username(),
        "roles": sorted(scope.roles),
        "unit_paths": sorted({g.scope_path for g in scope.grants}),
    }


class InboxItemOut(Schema):
    title: str
    url: str
    due: date | None
    overdue: bool
    kind: str
    detail: str
    count: int


class InboxFigureOut(Schema):
    key: str
    label: str
    value: float | None
    text: str
    url: str


class InboxSectionOut(Schema):
    key: str
    label: str
    count: int
    overdue: int
    more_url: str
    items: list[InboxItemOut]
    figures: list[InboxFigureOut] = []


@router.get("/inbox", response=list[InboxSectionOut])
def inbox(request):
    """What is waiting for the caller, by source, each list soonest deadline first: the same lists as
    the home page (``count`` is the source's total; ``items`` its first ten). Empty sources are kept,
    so a client learns which kinds of work this person has."""
    return inbox_for(api_user(request))
