"""The quarterly review pack: what the Standing Committee reads at its quarterly working session.

For a quarter and a scope (the whole province, one body, or the bodies of one advisory block),
statuses are computed by :func:`task_status` as of the end of the quarter (or now, for the
current quarter). A task belongs to the quarter when it was issued by the quarter's end and was
not already completed before it began.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from sausat.core.calendar import end_of_day, local_date
from sausat.core.numbers import vn_number
from sausat.core.precomputed import dmy, pk_url
from sausat.directives.figures import TaskFigures
from sausat.directives.models import (
    DeadlineKind,
    Decision,
    DirectingDocument,
    ProgressReport,
    RequestKind,
    Task,
    TaskRequest,
)
from sausat.directives.policy import visible_tasks
from sausat.directives.selectors import RECURRING, attach_history, next_quarter, quarter_bounds
from sausat.directives.status import FOUR_BUCKETS, Status, deadline_in_force, task_status
from sausat.people.models import Organ, OrganKind

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_title(year: int, quarter: int) -> str:
    return gettext("Quý %(quarter)s/%(year)s") % {"quarter": ROMAN[quarter], "year": year}


@dataclass(frozen=True)
class PackScope:
    """ "province", "organ:<id>" or "block:<organ kind>"."""

    kind: str = "province"
    organ: Organ | None = None
    block: str = ""

    @classmethod
    def parse(cls, value: str) -> PackScope:
        kind, _, rest = (value or "province").partition(":")
        if kind == "organ" and rest.isdigit():
            organ = Organ.objects.filter(pk=int(rest)).first()
            if organ is not None:
                return cls("organ", organ=organ)
        if kind == "block" and rest in OrganKind.values:
            return cls("block", block=rest)
        return cls()

    @property
    def key(self) -> str:
        if self.kind == "organ" and self.organ:
            return f"organ:{self.organ.pk}"
        if self.kind == "block":
            return f"block:{self.block}"
        return "province"

    @property
    def label(self) -> str:
        if self.kind == "organ" and self.organ:
            return self.organ.name
        if self.kind == "block":
            return gettext("Khối: %(kind)s") % {"kind": OrganKind(self.block).label}
        return gettext("Toàn tỉnh")

    def filter(self, qs: QuerySet[Task]) -> QuerySet[Task]:
        if self.kind == "organ" and self.organ:
            return qs.filter(lead_organ=self.organ)
        if self.kind == "block":
            return qs.filter(lead_organ__kind=self.block)
        return qs


@dataclass
class BodyRow(TaskFigures):
    """One body's figures (or the totals, ``organ=None``): counts and rates from :class:`TaskFigures`."""

    organ: Organ | None = None

    @property
    def name(self) -> str:
        return self.organ.name if self.organ else gettext("(Chưa giao cơ quan chủ trì)")


@dataclass
class Pack:
    year: int
    quarter: int
    scope: PackScope
    as_of: dt.datetime
    start: dt.date
    end: dt.date
    bodies: list[BodyRow]
    totals: BodyRow
    overdue: list[Task]
    completed: list[Task]
    due_next: list[Task]
    no_deadline: int

    @property
    def title(self) -> str:
        return quarter_title(self.year, self.quarter)

    @property
    def scope_phrase(self) -> str:
        return "toàn tỉnh" if self.scope.kind == "province" else self.scope.label

    @property
    def bucket_labels(self) -> list[str]:
        return [s.label for s in FOUR_BUCKETS]

    def chart_data(self) -> dict:
        return {
            "labels": [b.organ.short_name or b.name if b.organ else b.name for b in self.bodies],
            "series": [
                {"label": label, "data": [b.bucket_counts[i] for b in self.bodies]}
                for i, label in enumerate(self.bucket_labels)
            ],
        }

    def frame(self) -> dict[str, str]:
        """A first draft of the achievements and shortcomings, to be finished by the office."""
        t = self.totals
        ok, late, going, overdue = (vn_number(n) for n in t.bucket_counts)
        done, total, no_deadline = vn_number(t.done), vn_number(t.total), vn_number(self.no_deadline)
        achievements = (
            f"Trong quý {ROMAN[self.quarter]}/{self.year}, {self.scope_phrase} có {total} nhiệm vụ được theo dõi; "
            f"đã hoàn thành {done} nhiệm vụ ({t.completion_text}), trong đó {ok} nhiệm vụ đúng hạn; "
            f"{going} nhiệm vụ đang thực hiện trong hạn."
        )
        shortcomings = (
            f"Còn {overdue} nhiệm vụ quá hạn và {late} nhiệm vụ hoàn thành chậm so với thời hạn"
            + (f"; {no_deadline} nhiệm vụ chưa xác định thời hạn" if self.no_deadline else "")
            + ". Nguyên nhân và giải pháp khắc phục: (Văn phòng bổ sung)."
        )
        return {"achievements": achievements, "shortcomings": shortcomings}


PACK_FIELDS = (
    "id",
    "title",
    "deadline_kind",
    "recurring_day",
    "recurring_until",
    "due_date",
    "original_due_date",
    "deadline_changed_at",
    "percent",
    "first_report_at",
    "completed_at",
    "product",
    "created_at",
    "document_id",
    "lead_organ_id",
)


def _attach_related(tasks: list[Task]) -> None:
    """Documents and lead organs, each loaded once (there are few of them; tasks are many)."""
    docs = DirectingDocument.objects.in_bulk({t.document_id for t in tasks})
    organs = Organ.objects.in_bulk({t.lead_organ_id for t in tasks if t.lead_organ_id})
    for task in tasks:
        cache = task._state.fields_cache
        cache["document"] = docs[task.document_id]
        cache["lead_organ"] = organs.get(task.lead_organ_id)


def _latest_reasons(tasks: list[Task], as_of: dt.datetime | None = None) -> None:
    """Attach ``reason`` to overdue tasks: the last extension request's reason, else the last report,
    as they stood at ``as_of`` (a past quarter's pack reads nothing written after the quarter).
    For a past ``as_of``, ``percent`` is also the progress reported by then."""
    ids = [t.pk for t in tasks]
    requests = TaskRequest.objects.filter(task_id__in=ids, kind=RequestKind.EXTENSION)
    reports = ProgressReport.objects.filter(task_id__in=ids)
    if as_of is not None:
        requests = requests.filter(requested_at__lte=as_of).exclude(decision=Decision.APPROVED, decided_at__lte=as_of)
        reports = reports.filter(at__lte=as_of)
    else:
        requests = requests.exclude(decision=Decision.APPROVED)
    reasons: dict[int, str] = {}
    for req in requests.order_by("task_id", "requested_at"):
        reasons[req.task_id] = req.reason
    last_reports: dict[int, tuple[str, int]] = {}
    for task_id, text, percent in reports.order_by("task_id", "at").values_list("task_id", "text", "percent"):
        last_reports[task_id] = (text, percent)
    for task in tasks:
        text, percent = last_reports.get(task.pk, ("", 0))
        task.reason = reasons.get(task.pk) or text or gettext("Chưa báo cáo lý do.")
        if as_of is not None:
            task.percent = percent


@dataclass(frozen=True)
class ClassifiedTasks:
    """The tasks of a quarter in a scope, each with ``status`` as of ``as_of``."""

    tasks: list[Task]
    start: dt.date
    end: dt.date
    as_of: dt.datetime
    start_moment: dt.datetime


def classified_tasks(
    user, year: int, quarter: int, scope: PackScope, *, now: dt.datetime | None = None
) -> ClassifiedTasks:
    """The one place a quarter's tasks are chosen and classified (the pack and every figure read it)."""
    now = now or timezone.now()
    start, end = quarter_bounds(year, quarter)
    as_of = min(now, end_of_day(end))
    start_moment = end_of_day(start - dt.timedelta(days=1))
    qs = scope.filter(visible_tasks(user)).filter(document__date__lte=end)
    qs = qs.filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start_moment))
    tasks = list(qs.only(*PACK_FIELDS).order_by("lead_organ__sort_order", "lead_organ__name", "due_date", "id"))
    _attach_related(tasks)
    attach_history(tasks, as_of)
    for task in tasks:
        task.status = task_status(task, as_of)
    return ClassifiedTasks(tasks=tasks, start=start, end=end, as_of=as_of, start_moment=start_moment)


def quarterly_pack(user, year: int, quarter: int, scope: PackScope, *, now: dt.datetime | None = None) -> Pack:
    classified = classified_tasks(user, year, quarter, scope, now=now)
    tasks, start, end, as_of = classified.tasks, classified.start, classified.end, classified.as_of
    start_moment = classified.start_moment
    rows: dict[int | None, BodyRow] = {}
    totals = BodyRow()
    overdue: list[Task] = []
    completed: list[Task] = []
    no_deadline = 0
    for task in tasks:
        status = task.status
        row = rows.get(task.lead_organ_id)
        if row is None:
            row = rows[task.lead_organ_id] = BodyRow(organ=task.lead_organ)
        row.add(status)
        totals.add(status)
        if status is Status.OVERDUE:
            overdue.append(task)
        elif status.is_done and task.completed_at and task.completed_at >= start_moment:
            completed.append(task)
        elif status is Status.NO_DEADLINE:
            no_deadline += 1
    # A past quarter reads reasons and progress as they stood at its end, not as they are today.
    _latest_reasons(overdue, as_of if as_of < (now or timezone.now()) else None)
    ny, nq = next_quarter(year, quarter)
    n_start, n_end = quarter_bounds(ny, nq)
    due_next = [
        t
        for t in tasks
        if not t.status.is_done
        and (
            ((due := deadline_in_force(t, as_of)) and n_start <= due <= n_end)
            or (t.deadline_kind in RECURRING and (not t.recurring_until or t.recurring_until >= n_start))
        )
    ]
    bodies = sorted(rows.values(), key=lambda r: (r.organ is None, r.organ.sort_order if r.organ else 0, r.name))
    return Pack(
        year=year,
        quarter=quarter,
        scope=scope,
        as_of=as_of,
        start=start,
        end=end,
        bodies=bodies,
        totals=totals,
        overdue=overdue,
        completed=completed,
        due_next=due_next,
        no_deadline=no_deadline,
    )


def attach_page_values(pack: Pack) -> None:
    """Give the page's task lists their addresses and dates as strings, computed once per page
    instead of a ``{% url %}`` and a ``|date`` per row in the template (the province pack lists
    about a thousand tasks; issue 17): ``url``, ``due_on``, ``due_text`` (the deadline kind when
    there is no date) and ``completed_on``; each body row (and the totals) its figures as text,
    ``total_text`` and ``cells`` (bucket label, count), so the table needs no filter or cycle per cell."""
    labels = pack.bucket_labels
    for row in (*pack.bodies, pack.totals):
        row.total_text = vn_number(row.total)
        row.cells = [(label, vn_number(n)) for label, n in zip(labels, row.bucket_counts, strict=True)]
    task_url = pk_url("directives:task")
    kinds = dict(DeadlineKind.choices)
    for task in (*pack.overdue, *pack.completed, *pack.due_next):
        task.url = task_url(task.pk)
        task.due_on = dmy(task.due_date)
        task.due_text = task.due_on or str(kinds.get(task.deadline_kind, task.deadline_kind))
        task.completed_on = dmy(task.completed_at)


def trend(user, quarters: list[tuple[int, int]], scope: PackScope, *, now: dt.datetime | None = None) -> dict:
    """Completion rate and overdue count by body over several quarters (the leaders' dashboard).

    ``totals`` holds each quarter's :class:`TaskFigures` (not JSON: the view takes it out before
    handing the rest to the chart)."""
    now = now or timezone.now()
    labels: list[str] = []
    by_body: dict[str, dict[str, list]] = {}
    overall_rate: list[float | None] = []
    overall_overdue: list[int] = []
    totals: list[TaskFigures] = []
    for i, (y, q) in enumerate(quarters):
        pack = quarterly_pack(user, y, q, scope, now=now)
        labels.append(pack.title)
        totals.append(pack.totals)
        overall_rate.append(pack.totals.completion_rate)
        overall_overdue.append(pack.totals.overdue)
        for row in pack.bodies:
            entry = by_body.setdefault(row.name, {"rate": [None] * len(quarters), "overdue": [0] * len(quarters)})
            entry["rate"][i] = row.completion_rate
            entry["overdue"][i] = row.overdue
    return {"labels": labels, "rate": overall_rate, "overdue": overall_overdue, "bodies": by_body, "totals": totals}


def recent_quarters(now: dt.datetime, count: int = 4) -> list[tuple[int, int]]:
    day = local_date(now)
    y, q = day.year, (day.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        out.append((y, q))
        y, q = (y - 1, 4) if q == 1 else (y, q - 1)
    return list(reversed(out))


__all__ = ["DeadlineKind", "Pack", "PackScope", "quarterly_pack", "recent_quarters", "trend"]
