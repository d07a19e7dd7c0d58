"""A task's status, as Vietnamese government task tracking counts it. Computed, never typed.

:func:`task_status` is the one rule. As of a moment ``as_of``:

1. **Done** means the office *approved* the completion proposal (``Task.completed_at``, the moment
   of approval) at or before ``as_of``. A proposal that is still waiting does not count: the office
   may return it. (The proposal moment is kept in ``completion_proposed_at`` for the record only.)
   This is the dated setting ``directives.done_means`` (docs/rules.md; product default, the only
   value offered), shown on the check page.
   A done task is *completed on time* when it was approved no later than 24:00, Vietnam time, of
   the deadline in force at that moment, otherwise *completed late*. A done task without a
   deadline is on time.
2. An approved extension *replaces* the deadline from the moment it was approved: the deadline in
   force at a moment is the last ``DeadlineChange.new_date`` made before it (the original deadline
   before any change). History keeps every earlier deadline.
3. A task not done with no deadline is *no deadline*.
4. A task not done whose deadline in force has passed (``is_past_deadline``: after 24:00 of the
   last day in Asia/Ho_Chi_Minh, whatever the server's zone) is *in progress, overdue*, whether or
   not it has started.
5. Otherwise it is *not started* when no progress report was made by ``as_of``, and *in progress
   within the deadline* when one was.

Recurring tasks (monthly before day D, quarterly) are judged on their latest period whose deadline
has passed: a progress report dated inside that period (after the previous period's deadline, up
to the period's deadline) keeps the task *in progress within the deadline*; none makes it
*overdue*. Once ``recurring_until`` has passed, a task whose last period was reported is
*completed on time*. Deadlines falling on a day off move to the next working day (Civil Code
Art. 148, via :mod:`sausat.core.calendar`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from sausat.core.calendar import is_past_deadline, local_date, next_working_day
from sausat.directives.models import DeadlineKind, Task


class Status(StrEnum):
    COMPLETED_ON_TIME = "completed_on_time"
    COMPLETED_LATE = "completed_late"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    NOT_STARTED = "not_started"
    NO_DEADLINE = "no_deadline"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def is_done(self) -> bool:
        return self in (Status.COMPLETED_ON_TIME, Status.COMPLETED_LATE)

    @property
    def css(self) -> str:
        return STATUS_CSS[self]


STATUS_LABELS = {
    Status.COMPLETED_ON_TIME: _("Hoàn thành đúng hạn"),
    Status.COMPLETED_LATE: _("Hoàn thành quá hạn"),
    Status.IN_PROGRESS: _("Đang thực hiện trong hạn"),
    Status.OVERDUE: _("Đang thực hiện quá hạn"),
    Status.NOT_STARTED: _("Chưa triển khai"),
    Status.NO_DEADLINE: _("Không có thời hạn"),
}
STATUS_CSS = {
    Status.COMPLETED_ON_TIME: "ok",
    Status.COMPLETED_LATE: "late",
    Status.IN_PROGRESS: "",
    Status.OVERDUE: "overdue",
    Status.NOT_STARTED: "idle",
    Status.NO_DEADLINE: "idle",
}
# The four buckets of the quarterly review; "not started" counts as in progress within the deadline.
FOUR_BUCKETS = (Status.COMPLETED_ON_TIME, Status.COMPLETED_LATE, Status.IN_PROGRESS, Status.OVERDUE)


def deadline_in_force(task: Task, as_of: dt.datetime) -> dt.date | None:
    """The deadline that applies at ``as_of``: the latest approved change made by then."""
    if task.deadline_changed_at is None or as_of >= task.deadline_changed_at:
        return task.due_date
    result = task.original_due_date
    for change in _changes(task):
        if change.changed_at <= as_of:
            result = change.new_date
    return result


def _changes(task: Task):
    cache = getattr(task, "_prefetched_objects_cache", {})
    if "deadline_changes" in cache:
        return sorted(cache["deadline_changes"], key=lambda c: c.changed_at)
    return list(task.deadline_changes.order_by("changed_at", "id"))


def _report_moments(task: Task) -> list[dt.datetime]:
    cache = getattr(task, "_prefetched_objects_cache", {})
    if "progress_reports" in cache:
        return sorted(r.at for r in cache["progress_reports"])
    return list(task.progress_reports.order_by("at").values_list("at", flat=True))


def period_deadlines(task: Task, until: dt.date) -> list[dt.date]:
    """Deadlines of a recurring task's periods, from the document's date up to ``until``."""
    start = task.document.date if task.document_id else task.created_at.date()
    end = min(until, task.recurring_until) if task.recurring_until else until
    out: list[dt.date] = []
    year, month = start.year, start.month
    while True:
        if task.deadline_kind == DeadlineKind.MONTHLY:
            raw = dt.date(year, month, min(task.recurring_day or 28, 28))
            month += 1
        else:  # quarterly: the quarter's last month, day D (or its last day)
            q_end_month = ((month - 1) // 3) * 3 + 3
            if task.recurring_day:
                raw = dt.date(year, q_end_month, min(task.recurring_day, 28))
            else:
                raw = dt.date(year, q_end_month, 1) + dt.timedelta(days=31)
                raw = raw.replace(day=1) - dt.timedelta(days=1)
            month = q_end_month + 1
        if month > 12:
            year, month = year + 1, month - 12
        due = next_working_day(raw)
        if due <= start:
            continue
        if due > end and raw > end:
            break
        out.append(due)
        if len(out) > 400:
            break
    return out


def latest_period(task: Task, as_of: dt.datetime) -> tuple[dt.date | None, dt.date | None, bool]:
    """(start, deadline, reported) of a recurring task's latest period whose deadline has passed."""
    today = local_date(as_of)
    deadlines = [d for d in period_deadlines(task, today) if is_past_deadline(d, as_of)]
    if not deadlines:
        return None, None, False
    last = deadlines[-1]
    start = deadlines[-2] if len(deadlines) > 1 else (task.document.date if task.document_id else None)
    reported = any(
        (start is None or local_date(m) > start) and local_date(m) <= last for m in _report_moments(task) if m <= as_of
    )
    return start, last, reported


def _recurring_status(task: Task, as_of: dt.datetime) -> Status:
    _start, last, reported = latest_period(task, as_of)
    if last is None:
        started = task.first_report_at is not None and task.first_report_at <= as_of
        return Status.IN_PROGRESS if started else Status.NOT_STARTED
    if not reported:
        return Status.OVERDUE
    if task.recurring_until and is_past_deadline(task.recurring_until, as_of):
        return Status.COMPLETED_ON_TIME
    return Status.IN_PROGRESS


def task_status(task: Task, as_of: dt.datetime) -> Status:
    """The status of ``task`` at the aware moment ``as_of`` (see the module's rules)."""
    done = task.completed_at if task.completed_at is not None and task.completed_at <= as_of else None
    if done is not None:
        due = deadline_in_force(task, done)
        if task.is_recurring or due is None or not is_past_deadline(due, done):
            return Status.COMPLETED_ON_TIME
        return Status.COMPLETED_LATE
    if task.is_recurring:
        return _recurring_status(task, as_of)
    due = deadline_in_force(task, as_of)
    if due is None:
        return Status.NO_DEADLINE
    if is_past_deadline(due, as_of):
        return Status.OVERDUE
    if task.first_report_at is None or task.first_report_at > as_of:
        return Status.NOT_STARTED
    return Status.IN_PROGRESS
