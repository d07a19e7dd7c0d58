"""JSON API for liaison: the same policy and services as the HTML views.

- GET  /api/v1/liaison/units                      units the caller follows (current assignments)
- GET  /api/v1/liaison/units/{id}/activities      recent activities on a unit in scope (404 otherwise)
- POST /api/v1/liaison/units/{id}/activities      log an activity (JSON; idempotent on ``idempotency_key``)
- GET  /api/v1/liaison/coverage?ky=2026-11&n=30   the office's coverage figures per commune
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Router, Schema, Status

from sausat.core.api_auth import AUTHENTICATED, api_user
from sausat.core.calendar import local_date
from sausat.core.policy import require
from sausat.liaison import policy, selectors, services
from sausat.liaison.periods import parse_period
from sausat.people.models import Person

router = Router(tags=["liaison"], auth=AUTHENTICATED)


class LiaisonUnitOut(Schema):
    id: int
    code: str
    name: str
    role: str
    decision: str


class ActivityOut(Schema):
    id: int
    kind: str
    date: dt.date
    place: str
    met: str
    notes: str
    formal_feedback: bool
    linked_ref: str = ""
    cadre: str

    @staticmethod
    def resolve_cadre(obj) -> str:
        return obj.cadre.full_name


class FeedbackIn(Schema):
    addressee: str
    content: str
    expected_response: str = ""


class ActivityIn(Schema):
    idempotency_key: str
    kind: str = "visit"
    date: dt.date
    place: str = ""
    met: str = ""
    notes: str = ""
    formal_feedback: bool = False
    feedback: list[FeedbackIn] = []
    # kind "bridge" (cầu nối) only: the task conveyed, or the document cited as typed.
    linked_task_id: int | None = None
    linked_ref: str = ""


class ErrorOut(Schema):
    detail: str


class CoverageRow(Schema):
    id: int
    name: str
    days_since: int | None
    visits: int
    required: int
    meetings: int
    feedback: int
    vague_feedback: int
    joint: int
    reports_late: int
    escalations_open: int
    escalations_overdue: int
    stale: bool

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.pk


@router.get("/units", response=list[LiaisonUnitOut])
def my_units(request):
    return [
        LiaisonUnitOut(id=a.unit_id, code=a.unit.code, name=a.unit.name, role=a.role, decision=a.decision.number)
        for a in policy.current_assignments(api_user(request))
    ]


@router.get("/units/{unit_id}/activities", response=list[ActivityOut])
def unit_activities(request, unit_id: int):
    user = api_user(request)
    unit = policy.unit_or_404(user, unit_id)
    return list(policy.visible_activities(user).filter(unit=unit).select_related("cadre")[:50])


@router.post("/units/{unit_id}/activities", response={201: ActivityOut, 200: ActivityOut, 400: ErrorOut})
def log_activity(request, unit_id: int, payload: ActivityIn):
    user = api_user(request)
    unit = policy.unit_or_404(user, unit_id)
    require(policy.can_log_at(user, unit))
    assignment = policy.assignment_for(user, unit)
    cadre = assignment.cadre if assignment else Person.objects.filter(user=user).first()
    require(cadre is not None)
    try:
        activity, created = services.log_activity(
            actor=user,
            cadre=cadre,
            unit=unit,
            assignment=assignment,
            data=services.ActivityInput(
                kind=payload.kind,
                date=payload.date,
                place=payload.place,
                met=payload.met,
                notes=payload.notes,
                formal_feedback=payload.formal_feedback,
                linked_task_id=payload.linked_task_id,
                linked_ref=payload.linked_ref,
                feedback=[
                    services.FeedbackInput(f.addressee, f.content, f.expected_response) for f in payload.feedback
                ],
            ),
            idempotency_key=payload.idempotency_key,
        )
    except ValidationError as exc:
        return Status(400, {"detail": " ".join(exc.messages)})
    return Status(201 if created else 200, activity)


@router.get("/coverage", response=list[CoverageRow])
def coverage(request, ky: str = "", n: int | None = None):
    user = api_user(request)
    policy.require_office(user)
    today = local_date(timezone.now())
    if n is None:  # the dated setting in force (docs/rules.md)
        n = int(selectors.no_contact_rule(today).value)
    return selectors.commune_rows(user, parse_period(ky, today), today, max(1, min(365, n)))
