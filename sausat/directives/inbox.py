"""Inbox sources of directives and tasks (registered in ``DirectivesConfig.ready``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_noop

from sausat.core.calendar import VN_TZ
from sausat.core.inbox import InboxItem, InboxResult, InboxSource, from_queryset, register_inbox_source
from sausat.core.policy import scope_for
from sausat.directives import policy
from sausat.directives.models import Decision, Task, TaskRequest
from sausat.directives.selectors import RECURRING
from sausat.people.models import Role

SILENT_DAYS = 30
AT_RISK_DAYS = 7


def _task_item(today: dt.date):
    def to_item(task: Task) -> InboxItem:
        overdue = bool(task.due_date and task.due_date < today and task.deadline_kind not in RECURRING)
        return InboxItem(
            title=Truncator(task.title).chars(120),
            url=reverse("directives:task", args=[task.pk]),
            due=task.due_date,
            overdue=overdue,
            kind="task",
            detail=task.lead_organ.name if task.lead_organ_id else "",
        )

    return to_item


def _open_tasks(qs):
    return (
        qs.filter(completed_at__isnull=True)
        .select_related("lead_organ")
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )


def own(user, today: dt.date, limit: int) -> InboxResult:
    """Open tasks led by the organs the person speaks for (a responder's organ, a commune's organs)."""
    qs = Task.objects.filter(lead_organ__in=policy.own_organs(user))
    return from_queryset(_open_tasks(qs), limit, _task_item(today))


def requests(user, today: dt.date, limit: int) -> InboxResult:
    """Completion and extension requests waiting for the office's decision."""
    qs = (
        TaskRequest.objects.filter(decision=Decision.PENDING, task__in=policy.visible_tasks(user))
        .select_related("task")
        .order_by("requested_at", "id")
    )

    def to_item(req: TaskRequest) -> InboxItem:
        return InboxItem(
            title=Truncator(req.task.title).chars(120),
            url=reverse("directives:task", args=[req.task_id]) + "#requests",
            due=req.requested_at.astimezone(VN_TZ).date(),
            kind=f"request_{req.kind}",
            detail=req.get_kind_display(),
        )

    return from_queryset(qs, limit, to_item)


def silent(user, today: dt.date, limit: int) -> InboxResult:
    """Open tasks with no progress report in the last ``SILENT_DAYS`` days (same rule as the check page)."""
    since = dt.datetime.combine(today - dt.timedelta(days=SILENT_DAYS), dt.time.min, tzinfo=VN_TZ)
    qs = policy.visible_tasks(user).filter(
        Q(last_report_at__isnull=True) | Q(last_report_at__lt=since),
        document__date__lte=today - dt.timedelta(days=SILENT_DAYS),
    )
    return from_queryset(_open_tasks(qs), limit, _task_item(today))


def late_or_at_risk(user, today: dt.date, limit: int) -> InboxResult:
    """The second promise: open tasks overdue or due within a week."""
    qs = (
        policy.visible_tasks(user)
        .exclude(deadline_kind__in=RECURRING)
        .filter(due_date__lte=today + dt.timedelta(days=AT_RISK_DAYS))
    )
    return from_queryset(_open_tasks(qs), limit, _task_item(today))


def _office(user) -> bool:
    return scope_for(user).has_role(Role.SECRETARY)


def register() -> None:
    board = lambda: reverse("directives:index")  # noqa: E731
    for source in (
        InboxSource(
            key="directives.own",
            label=gettext_noop("Nhiệm vụ cơ quan bạn chủ trì"),
            visible=lambda u: bool(scope_for(u).roles & {Role.RESPONDER, Role.COMMUNE_CADRE}),
            items=own,
            order=15,
            more_url=board,
        ),
        InboxSource(
            key="directives.late",
            label=gettext_noop("Nhiệm vụ quá hạn hoặc sắp đến hạn"),
            visible=lambda u: scope_for(u).has_role(Role.LEADER),
            items=late_or_at_risk,
            order=25,
            more_url=board,
        ),
        InboxSource(
            key="directives.requests",
            label=gettext_noop("Đề nghị gia hạn, hoàn thành chờ quyết định"),
            visible=_office,
            items=requests,
            order=28,
        ),
        InboxSource(
            key="directives.silent",
            label=gettext_noop("Nhiệm vụ lâu chưa báo cáo tiến độ"),
            visible=_office,
            items=silent,
            order=38,
            more_url=lambda: reverse("directives:check"),
        ),
    ):
        register_inbox_source(source)
