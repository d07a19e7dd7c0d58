"""Deadline reminders: N working days before a deadline and on each overdue day, in the app and by e-mail.

The "due soon" reminder goes once per deadline, on the first run within ``N`` working days of
it; the overdue one once per overdue day. Exactly once per task, day and kind, even when the worker crashes and restarts: the mark
(``core.jobs.once``) and the notifications are written in one transaction, so a re-run finds the
mark exactly when the notifications committed; e-mails go out after that commit (at most once).

The offsets are the dated setting ``directives.reminders`` (docs/rules.md: 3 working days before,
and each overdue day; product default), per province when a province sets its own. The working days
are those of the task's unit (its province's local days off count).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import tasks
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sausat.core.calendar import add_working_days, local_date
from sausat.core.dated_rules import SettingCache
from sausat.core.jobs import labelled, once, send_notification_once
from sausat.directives.models import Task
from sausat.people.models import Role, RoleGrant

REMINDER_SETTING = "directives.reminders"
BEFORE = "before"
OVERDUE = "overdue"


@dataclass
class ReminderRun:
    day: dt.date
    tasks: int = 0
    notifications: int = 0
    skipped: int = 0


def recipients(task: Task, day: dt.date) -> list:
    """Who answers for the task: the lead organ's responders; for a commune organ, its cadres;
    the office of the task's unit when nobody else is there."""
    grants = RoleGrant.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    users: set[int] = set()
    if task.lead_organ_id:
        users |= set(grants.filter(role=Role.RESPONDER, organ_id=task.lead_organ_id).values_list("user_id", flat=True))
        path = task.lead_organ.unit.scope_path
        for g in grants.filter(role=Role.COMMUNE_CADRE).select_related("unit"):
            if path.startswith(g.unit.scope_path):
                users.add(g.user_id)
    if not users:
        for g in grants.filter(role=Role.SECRETARY).select_related("unit"):
            if task.unit.scope_path.startswith(g.unit.scope_path):
                users.add(g.user_id)
    return list(get_user_model().objects.filter(pk__in=users, is_active=True))


def _message(task: Task, kind: str, day: dt.date) -> tuple[str, str]:
    if kind == BEFORE:
        title = f"Sắp đến hạn: {task.title}"[:300]
        body = f"Nhiệm vụ hết hạn ngày {task.due_date:%d/%m/%Y}. Vui lòng báo cáo tiến độ hoặc đề nghị gia hạn."
    else:
        late = (day - task.due_date).days
        title = f"Quá hạn {late} ngày: {task.title}"[:300]
        body = f"Nhiệm vụ đã quá hạn ({task.due_date:%d/%m/%Y}). Vui lòng báo cáo, đề nghị hoàn thành hoặc gia hạn."
    return title, body


def remind_task(task: Task, kind: str, day: dt.date) -> int:
    """Send one task's reminder for ``day``; 0 when it was already sent."""
    title, body = _message(task, kind, day)
    url = reverse("directives:task", args=[task.pk])
    sent = 0
    with transaction.atomic():
        # "Due soon" goes once per deadline (on the first run inside the window, so a missed day
        # does not lose it); "overdue" once per overdue day.
        mark_day = task.due_date if kind == BEFORE else day
        if not once(f"directives.remind:{task.pk}:{mark_day.isoformat()}:{kind}"):
            return 0
        for user in recipients(task, day):
            key = f"directives:{task.pk}:{mark_day.isoformat()}:{kind}:{user.pk}"
            if send_notification_once(user, title, body, url, key, email=True) is not None:
                sent += 1
    return sent


def run_reminders(
    *, now: dt.datetime | None = None, before: int | None = None, overdue: bool | None = None
) -> ReminderRun:
    now = now or timezone.now()
    day = local_date(now)
    rules = SettingCache(REMINDER_SETTING, day)
    run = ReminderRun(day=day)
    open_tasks = Task.objects.filter(completed_at__isnull=True, due_date__isnull=False).exclude(
        deadline_kind__in=("monthly", "quarterly")
    )
    work: list[tuple[Task, str]] = []
    widest = before if before is not None else max(r["before_working_days"] for r in rules.all_in_force())
    if widest:
        # A few days more than the widest window, so local days off cannot push a task out of it.
        target = add_working_days(day, widest) + dt.timedelta(days=14)
        soon = open_tasks.filter(due_date__gt=day, due_date__lte=target).select_related("lead_organ__unit", "unit")
        for t in soon:
            days = before if before is not None else rules(t.unit)["before_working_days"]
            if days and t.due_date <= add_working_days(day, days, place=t.unit):
                work.append((t, BEFORE))
    late = open_tasks.filter(due_date__lt=day).select_related("lead_organ__unit", "unit")
    work += [(t, OVERDUE) for t in late if (overdue if overdue is not None else rules(t.unit)["overdue"])]
    for task, kind in work:
        n = remind_task(task, kind, day)
        run.tasks += 1
        if n:
            run.notifications += n
        else:
            run.skipped += 1
    return run


@tasks.task
@labelled("Nhắc hạn nhiệm vụ")
def reminders_job() -> dict:
    run = run_reminders()
    return {"day": run.day.isoformat(), "tasks": run.tasks, "notifications": run.notifications, "skipped": run.skipped}
