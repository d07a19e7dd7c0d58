import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from sausat.core.api_auth import AUTHENTICATED, api_user
from sausat.core.api_pagination import Pagination
from sausat.meetings import policy

router = Router(tags=["meetings"], auth=AUTHENTICATED)


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: dt.datetime
    place: str
    unit_code: str
    status: str
    allow_anonymous: bool

    @staticmethod
    def resolve_unit_code(obj) -> str:
        return obj.unit.code


@router.get("/", response=list[MeetingOut])
@paginate(Pagination)
def list_meetings(request):
    """Meetings the caller may see, latest first."""
    return policy.visible_meetings(api_user(request)).select_related("unit").order_by("-starts_at", "-id")


@router.get("/{int:meeting_id}", response=MeetingOut)
def get_meeting(request, meeting_id: int):
    return policy.meeting_or_404(api_user(request), meeting_id)
