"""Reads for the coverage dashboard and the review: a constant number of queries, whatever the size.

Every per-commune and per-cadre figure is a correlated subquery annotated onto one query (no
per-row queries). The seed's criticisms become metrics:

- "rarely visits": visits in the period against the decision's rule (visits_required per
  visit_period, scaled to the length of the period);
- "vague feedback": feedback items whose specificity score is below ``specificity.VAGUE_BELOW``;
- "poor coordination": no joint activity with the local liaison in the period;
- "late reporting": reports that fell due in the period and were filed after their due date or
  not at all.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from sausat.geo.models import AdministrativeUnit
from sausat.liaison import policy
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
from sausat.liaison.specificity import VAGUE_BELOW
from sausat.people.models import Person

DEFAULT_NO_CONTACT_DAYS = 30


def _count(qs: QuerySet, group: str) -> Coalesce:
    """COUNT(*) of ``qs`` as a correlated subquery (grouped on ``group``), 0 when empty."""
    sub = qs.order_by().values(group).annotate(c=Count("pk")).values("c")[:1]
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def _rows(qs: QuerySet, *fields: str) -> list[SimpleNamespace]:
    """Plain rows: the fields plus the ``x_`` annotations without their prefix.

    Annotations carry a prefix so they never clash with reverse relations other apps add to
    units and persons (e.g. ``meetings``).
    """
    names = [name for name in qs.query.annotations if name.startswith("x_")]
    return [
        SimpleNamespace(**{k[2:] if k.startswith("x_") else k: v for k, v in row.items()})
        for row in qs.values(*fields, *names)
    ]


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
    communes: list
    cadres: list
    escalations: list

    @property
    def totals(self) -> dict:
        rows = self.communes
        return {
            "communes": len(rows),
            "stale": sum(1 for r in rows if r.stale),
            "visits": sum(r.visits for r in rows),
            "meetings": sum(r.meetings for r in rows),
            "feedback": sum(r.feedback for r in rows),
            "open": sum(r.escalations_open for r in rows),
            "overdue": sum(r.escalations_overdue for r in rows),
        }


def _activity(kind: str | None, period: Period, outer: str) -> QuerySet:
    qs = Activity.objects.filter(**{outer: OuterRef("pk")}, date__gte=period.start, date__lte=period.end)
    return qs.filter(kind=kind) if kind else qs


def commune_rows(user, period: Period, today: dt.date, no_contact_days: int) -> list[SimpleNamespace]:
    assignments = Assignment.objects.filter(policy.office_unit_filter(user)).filter(_active_in(period))
    rule = assignments.filter(unit=OuterRef("pk")).order_by("role", "id")
    window_end = min(period.end, today - dt.timedelta(days=1))
    units = (
        AdministrativeUnit.objects.filter(pk__in=assignments.values("unit_id"))
        .annotate(
            x_last_contact=Subquery(
                Activity.objects.filter(unit=OuterRef("pk"), date__lte=today).order_by("-date").values("date")[:1]
            ),
            x_visits=_count(_activity(ActivityKind.VISIT, period, "unit"), "unit"),
            x_meetings=_count(_activity(ActivityKind.MEETING, period, "unit"), "unit"),
            x_meetings_with_feedback=_count(
                _activity(ActivityKind.MEETING, period, "unit").filter(formal_feedback=True), "unit"
            ),
            x_joint=_count(_activity(ActivityKind.JOINT, period, "unit"), "unit"),
            x_contacts=_count(_activity(None, period, "unit"), "unit"),
            x_feedback=_count(
                FeedbackItem.objects.filter(
                    unit=OuterRef("pk"), activity__date__gte=period.start, activity__date__lte=period.end
                ),
                "unit",
            ),
            x_vague_feedback=_count(
                FeedbackItem.objects.filter(
                    unit=OuterRef("pk"),
                    activity__date__gte=period.start,
                    activity__date__lte=period.end,
                    specificity__lt=VAGUE_BELOW,
                ),
                "unit",
            ),
            x_escalations_open=_count(
                Escalation.objects.filter(unit=OuterRef("pk"), opinion__answered_at__isnull=True), "unit"
            ),
            x_escalations_overdue=_count(
                Escalation.objects.filter(unit=OuterRef("pk"), opinion__answered_at__isnull=True, deadline__lt=today),
                "unit",
            ),
            x_reports_on_time=_count(
                SituationReport.objects.filter(
                    unit=OuterRef("pk"),
                    due_date__gte=period.start,
                    due_date__lte=window_end,
                    submitted_at__date__lte=F("due_date"),
                ),
                "unit",
            ),
            x_cadre_count=_count(assignments.filter(unit=OuterRef("pk")), "unit"),
            x_lead_name=Subquery(rule.values("cadre__full_name")[:1]),
            x_visits_required=Subquery(rule.values("decision__visits_required")[:1]),
            x_visit_period=Subquery(rule.values("decision__visit_period")[:1]),
            x_report_schedule=Subquery(rule.values("decision__report_schedule")[:1]),
            x_report_due_days=Subquery(rule.values("decision__report_due_days")[:1]),
            x_since=Subquery(rule.values("start_date")[:1]),
            x_successor_name=F("successor__name"),
        )
        .order_by("scope_path", "name")
    )
    rows = _rows(units, "pk", "name")
    for row in rows:
        row.days_since = (today - row.last_contact).days if row.last_contact else None
        row.stale = row.days_since is None or row.days_since > no_contact_days
        row.required = _required_visits(row.visits_required, row.visit_period, period)
        row.rarely_visits = row.visits < row.required
        row.reports_expected = (
            _expected_reports(
                row.report_schedule or Schedule.MONTHLY, row.report_due_days or 5, period.start, window_end, row.since
            )
            if window_end >= period.start
            else 0
        )
        row.reports_late = max(0, row.reports_expected - row.reports_on_time)
        row.poor_coordination = row.joint == 0
    return rows


def cadre_rows(user, period: Period, today: dt.date) -> list[SimpleNamespace]:
    assignments = Assignment.objects.filter(policy.office_unit_filter(user)).filter(_active_in(period))
    rule = assignments.filter(cadre=OuterRef("pk")).order_by("role", "id")
    window_end = min(period.end, today - dt.timedelta(days=1))
    people = (
        Person.objects.filter(pk__in=assignments.values("cadre_id"))
        .annotate(
            x_unit_count=_count(assignments.filter(cadre=OuterRef("pk")), "cadre"),
            x_lead_count=_count(assignments.filter(cadre=OuterRef("pk"), role=AssignmentRole.LEAD), "cadre"),
            x_visits=_count(_activity(ActivityKind.VISIT, period, "cadre"), "cadre"),
            x_meetings=_count(_activity(ActivityKind.MEETING, period, "cadre"), "cadre"),
            x_joint=_count(_activity(ActivityKind.JOINT, period, "cadre"), "cadre"),
            x_feedback=_count(
                FeedbackItem.objects.filter(
                    activity__cadre=OuterRef("pk"), activity__date__gte=period.start, activity__date__lte=period.end
                ),
                "activity__cadre",
            ),
            x_vague_feedback=_count(
                FeedbackItem.objects.filter(
                    activity__cadre=OuterRef("pk"),
                    activity__date__gte=period.start,
                    activity__date__lte=period.end,
                    specificity__lt=VAGUE_BELOW,
                ),
                "activity__cadre",
            ),
            x_reports_on_time=_count(
                SituationReport.objects.filter(
                    cadre=OuterRef("pk"),
                    due_date__gte=period.start,
                    due_date__lte=window_end,
                    submitted_at__date__lte=F("due_date"),
                ),
                "cadre",
            ),
            x_title=Subquery(rule.values("cadre_title")[:1]),
            x_visits_required=Subquery(rule.values("decision__visits_required")[:1]),
            x_visit_period=Subquery(rule.values("decision__visit_period")[:1]),
            x_report_schedule=Subquery(rule.values("decision__report_schedule")[:1]),
            x_report_due_days=Subquery(rule.values("decision__report_due_days")[:1]),
            x_since=Subquery(rule.values("start_date")[:1]),
        )
        .order_by("full_name", "id")
    )
    rows = _rows(people, "pk", "full_name")
    for row in rows:
        row.required = _required_visits(row.visits_required, row.visit_period, period) * row.lead_count
        expected = (
            _expected_reports(
                row.report_schedule or Schedule.MONTHLY, row.report_due_days or 5, period.start, window_end, row.since
            )
            if window_end >= period.start
            else 0
        )
        row.reports_expected = expected * row.lead_count
        row.reports_late = max(0, row.reports_expected - row.reports_on_time)
        row.flags = {
            "rarely_visits": row.visits < row.required,
            "vague_feedback": row.vague_feedback > 0 and row.vague_feedback * 2 >= row.feedback,
            "poor_coordination": row.joint == 0,
            "late_reporting": row.reports_late > 0,
        }
        row.flag_count = sum(row.flags.values())
    return rows


def open_escalations(user, today: dt.date, limit: int = 50) -> list[Escalation]:
    rows = (
        Escalation.objects.filter(policy.office_unit_filter(user))
        .select_related("unit", "organ", "opinion", "issue__report__cadre")
        .order_by("opinion__answered_at", "deadline", "id")[:limit]
    )
    result = list(rows)
    for row in result:
        row.is_open = row.opinion_id is None or row.opinion.answered_at is None
        row.is_overdue = row.is_open and row.deadline < today
    return result


def coverage(user, period: Period, today: dt.date, no_contact_days: int = DEFAULT_NO_CONTACT_DAYS) -> Coverage:
    return Coverage(
        period=period,
        today=today,
        no_contact_days=no_contact_days,
        communes=commune_rows(user, period, today, no_contact_days),
        cadres=cadre_rows(user, period, today),
        escalations=open_escalations(user, today),
    )


def chart_data(cov: Coverage, limit: int = 60) -> dict:
    rows = sorted(cov.communes, key=lambda r: (-(r.days_since or 10_000), r.name))[:limit]
    return {
        "labels": [r.name for r in rows],
        "days": [r.days_since if r.days_since is not None else None for r in rows],
        "visits": [r.visits for r in rows],
        "required": [r.required for r in rows],
        "threshold": cov.no_contact_days,
    }
