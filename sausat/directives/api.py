import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from sausat.core.api_auth import AUTHENTICATED, api_user
from sausat.core.api_pagination import Pagination
from sausat.directives import policy, selectors
from sausat.directives.status import task_status

router = Router(tags=["directives"], auth=AUTHENTICATED)


class TaskOut(Schema):
    id: int
    title: str
    document_id: int
    lead_organ: str | None
    due_date: dt.date | None
    original_due_date: dt.date | None
    percent: int
    status: str
    status_label: str
    completed_at: dt.datetime | None

    @staticmethod
    def resolve_lead_organ(obj) -> str | None:
        return obj.lead_organ.name if obj.lead_organ_id else None

    @staticmethod
    def resolve_status(obj) -> str:
        return str(task_status(obj, timezone.now()))

    @staticmethod
    def resolve_status_label(obj) -> str:
        return task_status(obj, timezone.now()).label


@router.get("/tasks", response=list[TaskOut])
@paginate(Pagination)
def list_tasks(
    request,
    status: str = "",
    organ: int | None = None,
    year: int | None = Query(None, ge=selectors.YEAR_MIN, le=selectors.YEAR_MAX),
    quarter: int | None = Query(None, ge=1, le=4),
):
    """Tasks the caller may see, with their computed status; same filters as the board."""
    filters = selectors.BoardFilters(status=status, organ=organ, year=year, quarter=quarter)
    return selectors.board(api_user(request), filters)


@router.get("/tasks/{int:task_id}", response=TaskOut)
def get_task(request, task_id: int):
    return policy.task_or_404(api_user(request), task_id)
