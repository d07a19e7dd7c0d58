"""Reads for the coverage dashboard and the review: a constant number of queries, whatever the size.

Every per-commune and per-cadre figure is a correlated subquery annotated onto one query (no
per-row queries). The figures feed the review's criteria (:mod:`sausat.liaison.review_criteria`:
the six shortcomings seed 003 names, and "late reporting" as a product metric):

- visits in the period against the decision's rule (visits_required per visit_period, scaled to
  the length of the period); activities whose notes are blank;
- feedback items whose specificity score is below the vagueness cut-off;
- joint activities with the local liaison in the period;
- days since the last contact, counted to the review day (:func:`review_day`: the period's last
  day, or today while it runs); escalations open and overdue on that day;
- reports that fell due in the period and were filed after their due date or not at all.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet

from sausat.core.actors import Viewer
from sausat.core.calendar import local_date
from sausat.core.dated_rules import AppliedSetting, setting_for
from sausat.geo.models import AdministrativeUnit
from sausat.liaison import policy, review_criteria
from sausat.liaison.feedback_specificity import vague_below
from sausat.liaison.figures import CoverageFigures, coverage_figures, is_stale
from sausat.liaison.models import (
    Activity,
    ActivityKind,
    Assignment,
    AssignmentRole,
    Escalation,
    FeedbackItem,
    Schedule,
    SituationReport,
)
from sausat.liaison.periods import Period, period_containing, report_due

# A dated setting ("liaison.no_contact_days", docs/rules.md); this is its code default.
DEFAULT_NO_CONTACT_DAYS = 30
NO_CONTACT_SETTING = "liaison.no_contact_days"

# One assignment as read by ``_assignments`` (a ``values()`` row).
type Row = Mapping[str, Any]


def no_contact_rule(on: dt.date, unit: AdministrativeUnit | None = None) -> AppliedSetting:
    return setting_for(NO_CONTACT_SETTING, on=on, unit=unit)


def review_day(period: Period, today: dt.date) -> dt.date:
    """The day a review of ``period`` measures at: the period's last day, or today while it runs.

    "Days since the last contact" count to it and "overdue" means overdue on it, so a review of
    Quý I/2017 reads as it would have on 31/03/2017, not as of today."""
    return min(today, period.end)


def _open_on(day: dt.date) -> Q:
    """Escalations raised by ``day`` (their report filed by then) and not answered by then."""
    raised = Q(issue__report__submitted_at__date__lte=day) | Q(
        issue__report__submitted_at__isnull=True, issue__report__period_end__lte=day
    )
    unanswered = Q(opinion__isnull=True) | Q(opinion__answered_at__isnull=True) | Q(opinion__answered_at__date__gt=day)
    return raised & unanswered


def _active_in(period: Period) -> Q:
    return Q(start_date__lte=period.end) & (Q(end_date__isnull=True) | Q(end_date__gte=period.start))


@cache
def _expected_reports(schedule: str, due_days: int, start: dt.date, end: dt.date, since: dt.date | None) -> int:
    """Report periods (starting on or after ``since``) whose due date falls in [start, end]."""
    count = 0
    period = period_containing(start - dt.timedelta(days=120), schedule)
    while period.start <= end:
        if (since is None or period.start >= since) and start <= report_due(period.end, due_days) <= end:
            count += 1
        period = period.next()
    return count


def _required_visits(visits_required: int | None, visit_period: str | None, period: Period) -> int:
    if not visits_required:
        return 0
    per_months = 3 if visit_period == Schedule.QUARTERLY else 1
    return math.ceil(visits_required * period.months / per_months)


@dataclass
class Coverage:
    period: Period
    today: dt.date
    no_contact_days: int
    communes: list[SimpleNamespace]
    cadres: list[SimpleNamespace]
    escalations: list[Escalation]
    as_of: dt.date | None = None  # the review day (see review_day)

    @property
    def is_past(self) -> bool:
        """A review of a period that has ended: its figures stand as on the period's last day."""
        return self.period.end < self.today

    @property
    def figures(self) -> CoverageFigures:
        return coverage_figures(self.communes)

    @property
    def totals(self) -> dict[str, int]:
        return self.figures.as_dict()


def _assignments(user: Viewer, period: Period) -> list[Row]:
    """Assignments in the office's scope active during the period (one query)."""
    return list(
        Assignment.objects.filter(policy.office_unit_filter(user))
        .filter(_active_in(period))
        .order_by("role", "id")
        .values(
            "unit_id",
            "unit__name",
            "unit__scope_path",
            "unit__successor__name",
            "unit__path",
            "unit__valid_to",
            "cadre_id",
            "cadre__full_name",
            "cadre_title",
            "role",
            "start_date",
            "decision__visits_required",
            "decision__visit_period",
            "decision__report_schedule",
            "decision__report_due_days",
        )
    )


def _grouped(qs: QuerySet[Any, Any], key: str, **aggregates: Any) -> dict[Any, dict[str, Any]]:
    """{key value: {aggregate: value}} from one GROUP BY query."""
    return {row.pop(key): row for row in qs.order_by().values(key).annotate(**aggregates)}


def _kind_counts(ids: set[int], field: str, period: Period) -> Mapping[int, Mapping[str, int]]:
    counts: defaultdict[int, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        Activity.objects.filter(**{f"{field}__in": ids}, date__gte=period.start, date__lte=period.end)
        .order_by()
        .values(field, "kind", "formal_feedback")
        .annotate(c=Count("pk"), blank=Count("pk", filter=Q(notes="")))
    )
    for row in rows:
        bucket = counts[row[field]]
        bucket[row["kind"]] += row["c"]
        bucket["all"] += row["c"]
        bucket["blank_notes"] += row["blank"]
        if row["kind"] == ActivityKind.MEETING and row["formal_feedback"]:
            bucket["meeting_feedback"] += row["c"]
    return counts


def _feedback(ids: set[int], field: str, period: Period) -> dict[Any, dict[str, Any]]:
    return _grouped(
        FeedbackItem.objects.filter(
            **{f"{field}__in": ids}, activity__date__gte=period.start, activity__date__lte=period.end
        ),
        field,
        n=Count("pk"),
        vague=Count("pk", filter=Q(specificity__lt=vague_below(period.end))),
    )


def _on_time(ids: set[int], field: str, period: Period, window_end: dt.date) -> dict[Any, dict[str, Any]]:
    return _grouped(
        SituationReport.objects.filter(
            **{f"{field}__in": ids},
            due_date__gte=period.start,
            due_date__lte=window_end,
            submitted_at__date__lte=F("due_date"),
        ),
        field,
        n=Count("pk"),
    )


def _expected(rule: Row, period: Period, window_end: dt.date) -> int:
    if window_end < period.start:
        return 0
    return _expected_reports(
        rule["decision__report_schedule"] or Schedule.MONTHLY,
        rule["decision__report_due_days"] or 5,
        period.start,
        window_end,
        rule["start_date"],
    )


def escalation_counts(unit_ids: Iterable[int], as_of: dt.date) -> dict[int, tuple[int, int]]:
    """{unit id: (escalations open on ``as_of``, of which overdue)} for the units that have any (one query).

    Kept apart from the other commune figures: whether an escalation is open follows its opinion's
    answer, written by the opinions app (the dashboard caches the rest, ``dashboard_selectors``)."""
    rows = _grouped(
        Escalation.objects.filter(_open_on(as_of), unit_id__in=list(unit_ids)),
        "unit_id",
        open=Count("pk"),
        overdue=Count("pk", filter=Q(deadline__lt=as_of)),
    )
    return {unit_id: (row["open"], row["overdue"]) for unit_id, row in rows.items()}


def commune_rows(
    user: Viewer,
    period: Period,
    today: dt.date,
    no_contact_days: int,
    assignments: list[Row] | None = None,
    *,
    escalations: bool = True,
) -> list[SimpleNamespace]:
    """One row per commune followed in the period; with ``escalations=False`` the escalation counts
    are left at 0 and not queried (the caller reads them with :func:`escalation_counts`)."""
    if assignments is None:
        assignments = _assignments(user, period)
    by_unit: dict[int, list[Row]] = defaultdict(list)
    for a in assignments:
        by_unit[a["unit_id"]].append(a)
    ids = set(by_unit)
    window_end = min(period.end, today - dt.timedelta(days=1))
    as_of = review_day(period, today)
    kinds = _kind_counts(ids, "unit_id", period)
    last = _grouped(Activity.objects.filter(unit_id__in=ids, date__lte=as_of), "unit_id", last=Max("date"))
    feedback = _feedback(ids, "unit_id", period)
    open_overdue = escalation_counts(ids, as_of) if escalations else {}
    on_time = _on_time(ids, "unit_id", period, window_end)
    rows = []
    for unit_id, group in by_unit.items():
        rule = group[0]
        k = kinds.get(unit_id, {})
        last_contact = last.get(unit_id, {}).get("last")
        row = SimpleNamespace(
            pk=unit_id,
            name=rule["unit__name"],
            scope_path=rule["unit__scope_path"],
            successor_name=rule["unit__successor__name"],
            path=rule["unit__path"],
            valid_to=rule["unit__valid_to"],
            lead_name=rule["cadre__full_name"],
            cadre_count=len({a["cadre_id"] for a in group}),
            last_contact=last_contact,
            visits=k.get(ActivityKind.VISIT, 0),
            meetings=k.get(ActivityKind.MEETING, 0),
            meetings_with_feedback=k.get("meeting_feedback", 0),
            joint=k.get(ActivityKind.JOINT, 0),
            bridge=k.get(ActivityKind.BRIDGE, 0),
            contacts=k.get("all", 0),
            feedback=feedback.get(unit_id, {}).get("n", 0),
            vague_feedback=feedback.get(unit_id, {}).get("vague", 0),
            escalations_open=open_overdue.get(unit_id, (0, 0))[0],
            escalations_overdue=open_overdue.get(unit_id, (0, 0))[1],
            reports_on_time=on_time.get(unit_id, {}).get("n", 0),
        )
        row.days_since = (as_of - last_contact).days if last_contact else None
        row.stale = is_stale(last_contact, as_of, no_contact_days)
        row.required = _required_visits(rule["decision__visits_required"], rule["decision__visit_period"], period)
        row.rarely_visits = row.visits < row.required
        row.reports_expected = _expected(rule, period, window_end)
        row.reports_late = max(0, row.reports_expected - row.reports_on_time)
        row.poor_coordination = row.joint == 0
        rows.append(row)
    rows.sort(key=lambda r: (r.scope_path, r.name))
    return rows


def cadre_rows(
    user: Viewer, period: Period, today: dt.date, assignments: list[Row] | None = None
) -> list[SimpleNamespace]:
    if assignments is None:
        assignments = _assignments(user, period)
    by_cadre: dict[int, list[Row]] = defaultdict(list)
    for a in assignments:
        by_cadre[a["cadre_id"]].append(a)
    ids = set(by_cadre)
    window_end = min(period.end, today - dt.timedelta(days=1))
    kinds = _kind_counts(ids, "cadre_id", period)
    feedback = _feedback(ids, "activity__cadre_id", period)
    on_time = _on_time(ids, "cadre_id", period, window_end)
    rows = []
    for cadre_id, group in by_cadre.items():
        rule = group[0]
        k = kinds.get(cadre_id, {})
        leads = [a for a in group if a["role"] == AssignmentRole.LEAD]
        row = SimpleNamespace(
            pk=cadre_id,
            full_name=rule["cadre__full_name"],
            title=rule["cadre_title"],
            unit_count=len({a["unit_id"] for a in group}),
            lead_count=len({a["unit_id"] for a in leads}),
            visits=k.get(ActivityKind.VISIT, 0),
            meetings=k.get(ActivityKind.MEETING, 0),
            joint=k.get(ActivityKind.JOINT, 0),
            feedback=feedback.get(cadre_id, {}).get("n", 0),
            vague_feedback=feedback.get(cadre_id, {}).get("vague", 0),
            reports_on_time=on_time.get(cadre_id, {}).get("n", 0),
        )
        row.required = (
            _required_visits(rule["decision__visits_required"], rule["decision__visit_period"], period) * row.unit_count
        )
        row.reports_expected = sum(_expected(a, period, window_end) for a in leads)
        row.reports_late = max(0, row.reports_expected - row.reports_on_time)
        row.activities = k.get("all", 0)
        row.blank_notes = k.get("blank_notes", 0)
        rows.append(row)
    # The criteria (review_criteria.assess) need the communes' rows too: coverage() applies them.
    rows.sort(key=lambda r: r.full_name)
    return rows


def open_escalations(user: Viewer, today: dt.date, limit: int = 50) -> list[Escalation]:
    """Escalations raised by ``today`` (the review day), open or answered as they stood that day."""
    raised = Q(issue__report__submitted_at__date__lte=today) | Q(
        issue__report__submitted_at__isnull=True, issue__report__period_end__lte=today
    )
    rows = (
        Escalation.objects.filter(policy.office_unit_filter(user))
        .filter(raised)
        .select_related("unit", "organ", "opinion", "issue__report__cadre")
        .order_by("opinion__answered_at", "deadline", "id")[:limit]
    )
    result = list(rows)
    for row in result:
        answered = row.opinion.answered_at if row.opinion is not None else None
        row.is_open = answered is None or local_date(answered) > today
        row.is_overdue = row.is_open and row.deadline < today
    return result


def coverage(
    user: Viewer, period: Period, today: dt.date, no_contact_days: int | None = None, *, escalations: bool = True
) -> Coverage:
    """The dashboard's and the review's figures; ``escalations=False`` leaves out the escalations
    (counts at 0, no list): the dashboard reads those per request (``dashboard_selectors``)."""
    as_of = review_day(period, today)
    if no_contact_days is None:
        no_contact_days = int(no_contact_rule(as_of).value)
    assignments = _assignments(user, period)
    communes = commune_rows(user, period, today, no_contact_days, assignments, escalations=escalations)
    cadres = cadre_rows(user, period, today, assignments)
    review_criteria.assess(cadres, communes, assignments)
    cadres.sort(key=lambda r: (-r.flag_count, r.full_name))
    return Coverage(
        period=period,
        today=today,
        no_contact_days=no_contact_days,
        communes=communes,
        cadres=cadres,
        escalations=open_escalations(user, as_of) if escalations else [],
        as_of=as_of,
    )


def historical_bodies(cov: Coverage) -> list[str]:
    """The provincial Party committees, as named on the review day, of the abolished provinces
    (pre-2025, "L-…") whose communes the review covers. Empty when every unit still exists: a
    review listing any is a reconstruction from historical records, not a document of those bodies."""
    from sausat.geo.models import Level
    from sausat.people.naming import body_name

    codes = {r.path.strip("/").split("/")[0] for r in cov.communes if r.valid_to is not None}
    if not codes:
        return []
    provinces = AdministrativeUnit.objects.filter(code__in=codes, level=Level.PROVINCE, valid_to__isnull=False)
    day = cov.as_of or cov.today
    return sorted(body_name("party_committee", p, on=min(day, p.valid_to or day)) for p in provinces)


def chart_data(cov: Coverage, limit: int = 60) -> dict[str, Any]:
    rows = sorted(cov.communes, key=lambda r: (-(r.days_since or 10_000), r.name))[:limit]
    return {
        "labels": [r.name for r in rows],
        "days": [r.days_since if r.days_since is not None else None for r in rows],
        "visits": [r.visits for r in rows],
        "required": [r.required for r in rows],
        "threshold": cov.no_contact_days,
    }


@dataclass(frozen=True)
class FieldAssignment:
    """One liaison assignment of a person, as another app may show it (the cadre record counts it
    as field training, seed 003); the caller has passed its own policy for the person."""

    unit_name: str
    cadre_title: str
    role_label: str
    decision_number: str
    start: dt.date
    end: dt.date | None


def field_assignments(person_id: int) -> list[FieldAssignment]:
    """A person's liaison assignments, newest first (one query)."""
    rows = (
        Assignment.objects.filter(cadre_id=person_id).select_related("unit", "decision").order_by("-start_date", "-id")
    )
    return [
        FieldAssignment(
            unit_name=a.unit.name,
            cadre_title=a.cadre_title,
            role_label=str(a.get_role_display()),
            decision_number=a.decision.number,
            start=a.start_date,
            end=a.end_date or a.decision.term_end,
        )
        for a in rows
    ]
