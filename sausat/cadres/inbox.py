"""Inbox sources of cadre work (registered in ``CadresConfig.ready``): what the organisation board
keeps moving. The board runs every procedure of its units, so it sees each one until it ends, whoever
holds the next step (the committee decides a level or gives the policy; the board prepares, submits
and chases). Only board holders see these sections: the records are confidential (``policy``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, When
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_noop

from sausat.cadres import policy
from sausat.cadres.models import Appointment, Evaluation, Step, VoteSession
from sausat.cadres.models_appointments import AppointmentStatus
from sausat.core.inbox import InboxItem, InboxResult, InboxSource, from_queryset, register_inbox_source
from sausat.core.policy import scope_for, unit_q


def _board_units(user):
    return unit_q(scope_for(user), "unit", *policy.BOARD_ROLES)


def evaluations(user, today: dt.date, limit: int) -> InboxResult:
    """Evaluations not yet decided, earliest period first. The rules give no deadline in the data, so
    the items carry none (the period's end is when classification starts, not when it is due)."""
    qs = (
        Evaluation.objects.filter(_board_units(user))
        .exclude(step=Step.DECIDED)
        .select_related("period", "person", "organ")
        .order_by("period__end", "period_id", "id")
    )

    def to_item(ev: Evaluation) -> InboxItem:
        return InboxItem(
            title=Truncator(ev.subject_name).chars(120),
            url=reverse("cadres:evaluation", args=[ev.pk]),
            kind=f"evaluation_{ev.step}",
            detail=f"{ev.period.label} · {ev.get_step_display()}",
        )

    return from_queryset(qs, limit, to_item)


def _next_due(appointment: Appointment) -> dt.date | None:
    if appointment.policy_approved_on is None:
        return appointment.policy_due
    return appointment.finish_due


def appointments(user, today: dt.date, limit: int) -> InboxResult:
    """Appointment procedures under way, by their next deadline: the competent level's policy while it
    is awaited, then the end of the procedure (both counted in working days when opened/approved)."""
    qs = (
        Appointment.objects.filter(_board_units(user))
        .exclude(status=AppointmentStatus.APPOINTED)
        .annotate(next_due=Case(When(policy_approved_on__isnull=True, then=F("policy_due")), default=F("finish_due")))
        .order_by(F("next_due").asc(nulls_last=True), "id")
    )

    def to_item(appointment: Appointment) -> InboxItem:
        due = _next_due(appointment)
        return InboxItem(
            title=Truncator(str(appointment)).chars(120),
            url=reverse("cadres:appointment", args=[appointment.pk]),
            due=due,
            overdue=bool(due and due < today),
            kind=f"appointment_{appointment.status}",
            detail=appointment.get_status_display(),
        )

    return from_queryset(qs, limit, to_item)


def votes(user, today: dt.date, limit: int) -> InboxResult:
    """Confidence votes whose tally is not entered yet, by the conference's date."""
    qs = VoteSession.objects.filter(_board_units(user), tallied_at__isnull=True).order_by("held_on", "id")

    def to_item(session: VoteSession) -> InboxItem:
        return InboxItem(
            title=Truncator(session.title).chars(120),
            url=reverse("cadres:session", args=[session.pk]),
            due=session.held_on,
            overdue=session.held_on < today,
            kind="vote_session",
        )

    return from_queryset(qs, limit, to_item)


def _board(user) -> bool:
    # From the scope, without a query; an administrator without the grant does not see cadre work.
    return policy.is_board(user)


def register() -> None:
    for source in (
        InboxSource(
            key="cadres.appointments",
            label=gettext_noop("Quy trình bổ nhiệm đang thực hiện"),
            visible=_board,
            items=appointments,
            order=70,
            more_url=lambda: reverse("cadres:appointments"),
        ),
        InboxSource(
            key="cadres.evaluations",
            label=gettext_noop("Đánh giá, xếp loại chưa quyết định"),
            visible=_board,
            items=evaluations,
            order=72,
            more_url=lambda: reverse("cadres:index"),
        ),
        InboxSource(
            key="cadres.votes",
            label=gettext_noop("Lấy phiếu tín nhiệm chưa nhập kết quả"),
            visible=_board,
            items=votes,
            order=74,
        ),
    ):
        register_inbox_source(source)
