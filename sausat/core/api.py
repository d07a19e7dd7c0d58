"""``/api/v1/me``: who the caller is and what they may reach (clients use it to shape their menus)."""

from ninja import Router, Schema

from sausat.core.api_auth import AUTHENTICATED, api_user
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
