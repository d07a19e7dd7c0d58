"""Answer-deadline reminders, as for tasks (:mod:`sausat.directives.reminders`).

Two kinds of deadline are watched:

- an opinion's answer deadline: one message per responder organ and deadline (a conference's
  group of opinions gives one message, not one per opinion) to the organ's responders, or the
  office of its unit when it has none;
- the reply deadline of a petition to a competent authority (``Answer.petition_reply_due``): one
  message per petition to the office of its unit.

"Due soon" goes once per deadline, on the first run within N working days of it; "overdue" once
per overdue day. The offsets are the dated setting ``opinions.reminders`` (docs/rules.md), per
province; working days are those of the unit's province. Exactly once, as the tasks' reminders:
the mark (``core.jobs.once``) and the notifications commit together.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from sausat.core.calendar import add_working_days, local_date
from sausat.core.dated_rules import SettingCache
from sausat.core.jobs import labelled, once, send_notification_once
from sausat.opinions.models import Answer, Opinion, Outcome
from sausat.people.models import Organ, Role, RoleGrant

REMINDER_SETTING = "opinions.reminders"
BEFORE = "before"
OVERDUE = "overdue"


@dataclass
class ReminderRun:
    day: dt.date
    deadlines: int = 0
    petitions: int = 0
    notifications: int = 0
    skipped: int = 0


def _grants(day: dt.date):
    return RoleGrant.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def _office(unit, day: dt.date) -> set[int]:
    return {
        g.user_id
        for g in _grants(day).filter(role=Role.SECRETARY).select_related("unit")
        if unit.scope_path.startswith(g.unit.scope_path)
    }


def organ_recipients(organ: Organ, day: dt.date) -> list:
    """The organ's responders; the office of its unit when it has none."""
    users = set(_grants(day).filter(role=Role.RESPONDER, organ_id=organ.pk).values_list("user_id", flat=True))
    if not users:
        users = _office(organ.unit, day)
    return list(get_user_model().objects.filter(pk__in=users, is_active=True))


def office_recipients(unit, day: dt.date) -> list:
    return list(get_user_model().objects.filter(pk__in=_office(unit, day), is_active=True))


def _send(mark: str, users: list, title: str, body: str, url: str) -> int:
    sent = 0
    with transaction.atomic():
        if not once(mark):
            return 0
        for user in users:
            if send_notification_once(user, title[:300], body, url, f"{mark}:{user.pk}", email=True) is not None:
                sent += 1
    return sent


def remind_deadline(organ: Organ, deadline: dt.date, count: int, kind: str, day: dt.date) -> int:
    mark_day = deadline if kind == BEFORE else day
    if kind == BEFORE:
        title = f"Sắp đến hạn trả lời {count} ý kiến (hạn {deadline:%d/%m/%Y})"
        body = f"{organ.name}: {count} ý kiến cần trả lời trước 24 giờ ngày {deadline:%d/%m/%Y}."
    else:
        title = f"Quá hạn {(day - deadline).days} ngày: {count} ý kiến chưa trả lời"
        body = f"{organ.name}: {count} ý kiến đã quá hạn trả lời ({deadline:%d/%m/%Y})."
    mark = f"opinions.remind:{organ.pk}:{deadline.isoformat()}:{mark_day.isoformat()}:{kind}"
    return _send(mark, organ_recipients(organ, day), title, body, reverse("opinions:queue"))


def remind_petition(answer: Answer, kind: str, day: dt.date) -> int:
    due = answer.petition_reply_due
    mark_day = due if kind == BEFORE else day
    if kind == BEFORE:
        title = f"Sắp đến hạn cấp trên trả lời kiến nghị: {answer.petition_authority}"
        body = f"Kiến nghị gửi {answer.petition_authority} có hạn trả lời ngày {due:%d/%m/%Y}."
    else:
        title = f"Quá hạn {(day - due).days} ngày: kiến nghị chưa được trả lời"
        body = (
            f"Kiến nghị gửi {answer.petition_authority} đã quá hạn trả lời ({due:%d/%m/%Y}). "
            "Vui lòng đôn đốc hoặc ghi nhận trả lời."
        )
    mark = f"opinions.petition:{answer.pk}:{mark_day.isoformat()}:{kind}"
    url = reverse("opinions:detail", args=[answer.opinion_id]) + "#answers"
    return _send(mark, office_recipients(answer.unit, day), title, body, url)


def _kind(due: dt.date, day: dt.date, rule, place, before: int | None, overdue: bool | None) -> str | None:
    if due < day:
        return OVERDUE if (rule["overdue"] if overdue is None else overdue) else None
    days = rule["before_working_days"] if before is None else before
    if due > day and days and due <= add_working_days(day, days, place=place):
        return BEFORE
    return None


def run_reminders(
    *, now: dt.datetime | None = None, before: int | None = None, overdue: bool | None = None
) -> ReminderRun:
    now = now or timezone.now()
    day = local_date(now)
    rules = SettingCache(REMINDER_SETTING, day)
    run = ReminderRun(day=day)
    widest = before if before is not None else max(r["before_working_days"] for r in rules.all_in_force())
    # A few days more than the widest window, so local days off cannot push a deadline out of it.
    horizon = add_working_days(day, widest or 0) + dt.timedelta(days=14)

    counts: dict[tuple[int, dt.date], int] = defaultdict(int)
    rows = (
        Opinion.objects.filter(outcome="", merged_into__isnull=True, responder_organ__isnull=False)
        .filter(deadline__isnull=False, deadline__lte=horizon)
        .exclude(deadline=day)
        .values_list("responder_organ_id", "deadline")
    )
    for organ_id, due in rows:
        counts[(organ_id, due)] += 1
    organs = Organ.objects.select_related("unit").in_bulk({organ_id for organ_id, _due in counts})
    for (organ_id, due), count in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        organ = organs[organ_id]
        kind = _kind(due, day, rules(organ.unit), organ.unit, before, overdue)
        if kind is None:
            continue
        run.deadlines += 1
        n = remind_deadline(organ, due, count, kind, day)
        run.notifications += n
        run.skipped += 0 if n else 1

    petitions = (
        Answer.objects.filter(
            outcome=Outcome.PETITIONED, petition_reply_on__isnull=True, petition_closed_on__isnull=True
        )
        .filter(petition_reply_due__isnull=False, petition_reply_due__lte=horizon)
        .exclude(petition_reply_due=day)
        .select_related("unit")
    )
    for answer in petitions:
        kind = _kind(answer.petition_reply_due, day, rules(answer.unit), answer.unit, before, overdue)
        if kind is None:
            continue
        run.petitions += 1
        n = remind_petition(answer, kind, day)
        run.notifications += n
        run.skipped += 0 if n else 1
    return run


@task
@labelled("Nhắc hạn trả lời ý kiến")
def reminders_job() -> dict:
    run = run_reminders()
    return {
        "day": run.day.isoformat(),
        "deadlines": run.deadlines,
        "petitions": run.petitions,
        "notifications": run.notifications,
        "skipped": run.skipped,
    }
