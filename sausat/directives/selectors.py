"""Reads over tasks: the board, its filters, the "no task missed" checks. Each starts from the policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from sausat.core.actors import Viewer
from sausat.core.calendar import local_date
from sausat.directives.models import (
    DeadlineChange,
    DeadlineKind,
    Decision,
    DirectingDocument,
    ProgressReport,
    RequestKind,
    Task,
    TaskRequest,
)
from sausat.directives.policy import visible_documents, visible_tasks
from sausat.directives.status import Status, latest_period, task_status
from sausat.opinions.models import Opinion
from sausat.people.models import Organ, Person
from sausat.people.selectors import OFFERED_FIRST, offered_organs_q

RECURRING = (DeadlineKind.MONTHLY, DeadlineKind.QUARTERLY)


# Quarters a filter may name; others are ignored by the board and refused by the API (422), never a 500.
YEAR_MIN, YEAR_MAX = 2000, 2100


def valid_quarter(year: int | None, quarter: int | None) -> bool:
    return year is not None and quarter is not None and YEAR_MIN <= year <= YEAR_MAX and 1 <= quarter <= 4


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    nxt = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def status_q(status: str, now: dt.datetime, recurring_pks: dict[str, list[int]]) -> Q:
    """A database filter equal to :func:`task_status` at ``now`` for non-recurring tasks
    (whose statuses are computed in Python and passed in ``recurring_pks``)."""
    today = local_date(now)
    open_ = Q(completed_at__isnull=True) & ~Q(deadline_kind__in=RECURRING)
    done = Q(completed_at__isnull=False) & ~Q(deadline_kind__in=RECURRING)
    queries = {
        Status.COMPLETED_ON_TIME: done & (Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date"))),
        Status.COMPLETED_LATE: done & Q(completed_on__gt=F("due_date")),
        Status.OVERDUE: open_ & Q(due_date__lt=today),
        Status.IN_PROGRESS: open_ & Q(due_date__gte=today, first_report_at__isnull=False),
        Status.NOT_STARTED: open_ & Q(due_date__gte=today, first_report_at__isnull=True),
        Status.NO_DEADLINE: open_ & Q(due_date__isnull=True),
    }
    return queries[Status(status)] | Q(pk__in=recurring_pks.get(status, []))


def recurring_statuses(qs: QuerySet[Task], now: dt.datetime) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    tasks = qs.filter(deadline_kind__in=RECURRING).select_related("document").prefetch_related("progress_reports")
    for task in tasks:
        out.setdefault(task_status(task, now), []).append(task.pk)
    return out


@dataclass
class BoardFilters:
    status: str = ""
    organ: int | None = None
    year: int | None = None
    quarter: int | None = None
    q: str = ""
    document: int | None = None


def board(user: Viewer, filters: BoardFilters, *, now: dt.datetime | None = None) -> QuerySet[Task]:
    """Tasks the user may see, filtered; a constant number of queries whatever the count."""
    now = now or timezone.now()
    qs = visible_tasks(user)
    if filters.organ:
        qs = qs.filter(
            Q(lead_organ_id=filters.organ)
            | Q(pk__in=Task.cooperating_organs.through.objects.filter(organ_id=filters.organ).values("task_id"))
        )
    if filters.document:
        qs = qs.filter(document_id=filters.document)
    if filters.year is not None and filters.quarter is not None and valid_quarter(filters.year, filters.quarter):
        start, end = quarter_bounds(filters.year, filters.quarter)
        qs = qs.filter(Q(due_date__range=(start, end)) | Q(deadline_kind__in=RECURRING, document__date__lte=end))
    if filters.q:
        from sausat.textkit.normalize import search_key

        qs = qs.filter(search_key__contains=search_key(filters.q))
    if filters.status in {s.value for s in Status}:
        qs = qs.filter(status_q(filters.status, now, recurring_statuses(qs, now)))
    return qs.select_related("document", "lead_organ").order_by(
        F("completed_at").asc(nulls_first=True), F("due_date").asc(nulls_last=True), "id"
    )


def attach_history(tasks: list[Task], as_of: dt.datetime) -> None:
    """Load, in two queries, only the history :func:`task_status` needs: deadline changes of tasks
    whose deadline moved after ``as_of``, and the reports of recurring tasks."""
    moved = {
        t.pk: t
        for t in tasks
        if t.deadline_changed_at is not None
        and (t.deadline_changed_at > as_of or (t.completed_at and t.deadline_changed_at > t.completed_at))
    }
    recurring = {t.pk: t for t in tasks if t.deadline_kind in RECURRING}
    caches = {task.pk: _fresh_prefetch_cache(task) for task in [*moved.values(), *recurring.values()]}
    if moved:
        for pk in moved:
            caches[pk]["deadline_changes"] = []
        for change in DeadlineChange.objects.filter(task_id__in=list(moved)).only("task_id", "new_date", "changed_at"):
            caches[change.task_id]["deadline_changes"].append(change)
    if recurring:
        for pk in recurring:
            caches[pk]["progress_reports"] = []
        for report in ProgressReport.objects.filter(task_id__in=list(recurring)).only("task_id", "at"):
            caches[report.task_id]["progress_reports"].append(report)


def _fresh_prefetch_cache(task: Task) -> dict[str, list[Any]]:
    """Replace the task's prefetch cache (Django's ``_prefetched_objects_cache``, which
    ``prefetch_related`` fills and the related managers read; not in the type stubs) by an empty one."""
    cache: dict[str, list[Any]] = {}
    task.__dict__["_prefetched_objects_cache"] = cache
    return cache


def with_status(tasks: Iterable[Task], now: dt.datetime) -> list[Task]:
    rows = list(tasks)
    attach_history(rows, now)
    for task in rows:
        task.status = task_status(task, now)
    return rows


@dataclass
class CheckReport:
    documents_without_tasks: list[DirectingDocument] = field(default_factory=list)
    tasks_without_lead: list[Task] = field(default_factory=list)
    tasks_without_deadline: list[Task] = field(default_factory=list)
    silent_tasks: list[Task] = field(default_factory=list)
    overdue_without_extension: list[Task] = field(default_factory=list)
    recurring_missing: list[Task] = field(default_factory=list)
    silent_days: int = 30

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.documents_without_tasks,
                self.tasks_without_lead,
                self.tasks_without_deadline,
                self.silent_tasks,
                self.overdue_without_extension,
                self.recurring_missing,
            )
        )

    def sections(self) -> list[tuple[str, str, list[Any]]]:
        return [
            ("documents_without_tasks", gettext("Văn bản chưa giao nhiệm vụ nào"), self.documents_without_tasks),
            ("tasks_without_lead", gettext("Nhiệm vụ chưa có cơ quan chủ trì"), self.tasks_without_lead),
            ("tasks_without_deadline", gettext("Nhiệm vụ chưa có thời hạn"), self.tasks_without_deadline),
            (
                "silent_tasks",
                ngettext(
                    "Nhiệm vụ chưa báo cáo tiến độ trong %(days)s ngày",
                    "Nhiệm vụ chưa báo cáo tiến độ trong %(days)s ngày",
                    self.silent_days,
                )
                % {"days": self.silent_days},
                self.silent_tasks,
            ),
            ("overdue_without_extension", gettext("Nhiệm vụ quá hạn chưa xin gia hạn"), self.overdue_without_extension),
            ("recurring_missing", gettext("Nhiệm vụ định kỳ thiếu báo cáo kỳ gần nhất"), self.recurring_missing),
        ]


def no_task_missed(user: Viewer, *, silent_days: int = 30, now: dt.datetime | None = None) -> CheckReport:
    """Everything that risks being forgotten, in the user's scope."""
    now = now or timezone.now()
    today = local_date(now)
    tasks = visible_tasks(user).select_related("document", "lead_organ")
    open_tasks = tasks.filter(completed_at__isnull=True)
    report = CheckReport(silent_days=silent_days)
    report.documents_without_tasks = list(
        visible_documents(user)
        .filter(~Exists(Task.objects.filter(document=OuterRef("pk"))))
        .select_related("issuing_organ")
        .order_by("date", "id")
    )
    report.tasks_without_lead = list(open_tasks.filter(lead_organ__isnull=True))
    report.tasks_without_deadline = list(open_tasks.filter(deadline_kind=DeadlineKind.NONE))
    since = now - dt.timedelta(days=silent_days)
    report.silent_tasks = list(
        open_tasks.filter(document__date__lte=today - dt.timedelta(days=silent_days)).filter(
            Q(last_report_at__isnull=True) | Q(last_report_at__lt=since)
        )
    )
    asked = TaskRequest.objects.filter(task=OuterRef("pk"), kind=RequestKind.EXTENSION).exclude(
        decision=Decision.RETURNED
    )
    report.overdue_without_extension = list(
        open_tasks.exclude(deadline_kind__in=RECURRING).filter(due_date__lt=today).filter(~Exists(asked))
    )
    for task in open_tasks.filter(deadline_kind__in=RECURRING).prefetch_related("progress_reports"):
        _start, last, reported = latest_period(task, now)
        if last is not None and not reported:
            task.missing_period = last
            report.recurring_missing.append(task)
    return report


@dataclass(frozen=True)
class TaskEvidence:
    """One task as evidence for a cadre evaluation: its status at the period's end and its product."""

    task_id: int
    title: str
    due_date: dt.date | None
    completed_on: dt.date | None
    status: str
    product: str
    beyond_requirement: bool


def evidence_for(
    *, person_id: int | None = None, organ_id: int | None = None, start: dt.date, end: dt.date
) -> list[TaskEvidence]:
    """Tasks a person is accountable for (or an organ leads) that fell due or were done within
    [start, end], each judged at the end of ``end``. No user policy here: the caller (the cadre
    record's policy, which is stricter than the task board's) has already checked access."""
    from sausat.core.calendar import end_of_day

    if (person_id is None) == (organ_id is None):
        raise ValueError("evidence_for needs exactly one of person_id, organ_id")
    qs = (
        Task.objects.filter(accountable_person_id=person_id)
        if person_id
        else Task.objects.filter(lead_organ_id=organ_id)
    )
    qs = qs.exclude(deadline_kind__in=RECURRING).filter(
        Q(due_date__range=(start, end)) | Q(completed_on__range=(start, end))
    )
    as_of = end_of_day(end)
    beyond = set(
        TaskRequest.objects.filter(
            task__in=qs, kind=RequestKind.COMPLETION, decision=Decision.APPROVED, beyond_requirement=True
        ).values_list("task_id", flat=True)
    )
    rows = with_status(qs.order_by("due_date", "id"), as_of)
    return [
        TaskEvidence(
            task_id=t.pk,
            title=t.title,
            due_date=t.due_date,
            completed_on=t.completed_on,
            status=str(t.status),
            product=t.product,
            beyond_requirement=t.pk in beyond,
        )
        for t in rows
    ]


def evidence_for_persons(
    person_ids: Iterable[int] | QuerySet[Any, Any], *, start: dt.date, end: dt.date
) -> dict[int, list[TaskEvidence]]:
    """:func:`evidence_for` for many persons at once ({person id: rows}) in a constant number of
    queries, for a province's yearly scoring of thousands of cadres. ``person_ids`` may be a
    ``values("person_id")`` queryset (then a subquery). Same rules, same caller duty."""
    from sausat.core.calendar import end_of_day

    qs = (
        Task.objects.filter(accountable_person_id__in=person_ids)
        .exclude(deadline_kind__in=RECURRING)
        .filter(Q(due_date__range=(start, end)) | Q(completed_on__range=(start, end)))
    )
    beyond = set(
        TaskRequest.objects.filter(
            task__in=qs, kind=RequestKind.COMPLETION, decision=Decision.APPROVED, beyond_requirement=True
        ).values_list("task_id", flat=True)
    )
    out: dict[int, list[TaskEvidence]] = {}
    for t in with_status(qs.order_by("due_date", "id"), end_of_day(end)):
        out.setdefault(cast(int, t.accountable_person_id), []).append(  # never None: filtered on it
            TaskEvidence(
                task_id=t.pk,
                title=t.title,
                due_date=t.due_date,
                completed_on=t.completed_on,
                status=str(t.status),
                product=t.product,
                beyond_requirement=t.pk in beyond,
            )
        )
    return out


# --- Choices on the directives pages (organs and persons live in people) ----------------------


def lead_organs(user: Viewer) -> QuerySet[Organ]:
    """The organs leading at least one task ``user`` may see (the board's and the pack's organ filter)."""
    return Organ.objects.filter(pk__in=visible_tasks(user).values("lead_organ_id"))


def assignable_organs(user: Viewer, on: dt.date | None = None) -> QuerySet[Organ]:
    """The organs an office may name as issuer, lead or cooperating organ: the current ones, and with
    ``on`` (the record's date) also those of units in force that day and dissolved since (the
    provinces and districts before 1/7/2025), after the current ones; the forms mark them."""
    return (
        Organ.objects.filter(offered_organs_q(on))
        .select_related("unit")
        .order_by(OFFERED_FIRST, "unit_id", "sort_order", "name")
    )


def signers(user: Viewer) -> QuerySet[Person]:
    """Persons who may sign a directing document: holders of a leadership position."""
    return Person.objects.filter(positions__is_leadership=True).distinct()


def any_task_from_opinion() -> Exists:
    """Whether a task (live or not, in any scope) was made from the opinion ``OuterRef("pk")``: the
    opinion page's query carries it, and skips :func:`tasks_from_opinion` when false."""
    return Exists(Task.all_objects.filter(source_opinion=OuterRef("pk")))


def tasks_from_opinion(user: Viewer, opinion: Opinion, limit: int) -> list[Task]:
    """The tasks made from ``opinion`` that ``user`` may open (the opinion page, through
    :mod:`sausat.opinions.hooks`)."""
    return list(visible_tasks(user).filter(source_opinion=opinion).order_by("pk")[:limit])
