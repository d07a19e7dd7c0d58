"""Inbox sources of directives and tasks (registered in ``DirectivesConfig.ready``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop

from sausat.core.calendar import VN_TZ
from sausat.core.data_versions import cached
from sausat.core.dated_rules import setting_for
from sausat.core.inbox import (
    InboxFigure,
    InboxItem,
    InboxResult,
    InboxSource,
    from_queryset,
    register_inbox_source,
)
from sausat.core.policy import scope_for
from sausat.directives import policy
from sausat.directives.figures import FIGURE_DATA, current_quarter_figures, figure_texts
from sausat.directives.models import Decision, Task, TaskRequest
from sausat.directives.selectors import RECURRING, quarter_of, recurring_statuses
from sausat.directives.status import Status
from sausat.people.models import Role

# Code defaults of the dated settings "directives.silent_days" and "directives.at_risk_days"
# (docs/rules.md); the pages use the setting in force.
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
    """Open tasks led by the organs the person speaks for (a responder's organ, a commune's organs).

    A task whose completion was proposed waits for the office (its "requests" list), not for the lead
    body: it leaves this list until the office decides (a returned proposal brings it back)."""
    qs = Task.objects.filter(lead_organ__in=policy.own_organs(user), completion_proposed_at__isnull=True)
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
    silent_days = int(setting_for("directives.silent_days", on=today).value)
    since = dt.datetime.combine(today - dt.timedelta(days=silent_days), dt.time.min, tzinfo=VN_TZ)
    qs = policy.visible_tasks(user).filter(
        Q(last_report_at__isnull=True) | Q(last_report_at__lt=since),
        document__date__lte=today - dt.timedelta(days=silent_days),
    )
    return from_queryset(_open_tasks(qs), limit, _task_item(today))


def quarter_figures_of(user, today: dt.date) -> list[InboxFigure]:
    """The second promise's figures of the current quarter, by the selector of the dashboard and pack."""
    year, quarter = quarter_of(today)
    figures = current_quarter_figures(user, today)  # the same selector, cached until a task changes
    texts = figure_texts(figures)
    pack = reverse("directives:pack") + f"?year={year}&quarter={quarter}&scope=province"
    return [
        InboxFigure("completion", gettext("Hoàn thành trong quý"), figures.completion_rate, texts["completion"], pack),
        InboxFigure("on_time", gettext("Hoàn thành đúng hạn"), figures.on_time, texts["on_time"], pack),
        InboxFigure("overdue", gettext("Đang thực hiện quá hạn"), figures.overdue, texts["overdue"], pack),
    ]


def late_or_at_risk(user, today: dt.date, limit: int) -> InboxResult:
    """The second promise: its figures for the quarter, then open tasks overdue or due within a week.

    A recurring task is overdue when its last ended period has no report (``status.task_status``); the
    figure counts it, so the list behind the figure shows it too."""
    visible = policy.visible_tasks(user)
    at_risk = int(setting_for("directives.at_risk_days", on=today).value)
    dated = visible.exclude(deadline_kind__in=RECURRING).filter(due_date__lte=today + dt.timedelta(days=at_risk))
    recurring = visible.filter(deadline_kind__in=RECURRING, completed_at__isnull=True)
    # Working out a recurring task's status reads all its reports (hundreds of tasks at province
    # scale): kept per person, day and data version like the figures above it.
    late_recurring = cached(
        "directives.late_recurring",
        FIGURE_DATA,
        (user.pk, today.isoformat()),
        lambda: list(recurring_statuses(recurring, timezone.now()).get(Status.OVERDUE, [])),
    )
    qs = _open_tasks(visible.filter(Q(pk__in=dated.values("pk")) | Q(pk__in=late_recurring)))
    base = _task_item(today)
    late_pks = set(late_recurring)

    def to_item(task: Task) -> InboxItem:
        item = base(task)
        return replace(item, overdue=True) if task.pk in late_pks else item

    result = from_queryset(qs, limit, to_item)
    return InboxResult(count=result.count, items=result.items, figures=quarter_figures_of(user, today))


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
