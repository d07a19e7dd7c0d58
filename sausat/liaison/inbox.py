"""Inbox sources of grassroots liaison (registered in ``LiaisonConfig.ready``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop

from sausat.core.inbox import InboxItem, InboxResult, InboxSource, from_queryset, holds, register_inbox_source
from sausat.core.policy import scope_for
from sausat.geo.models import AdministrativeUnit
from sausat.liaison import policy
from sausat.liaison.figures import stale_before
from sausat.liaison.models import Assignment, AssignmentRole, Escalation, SituationReport
from sausat.liaison.periods import period_containing, report_due
from sausat.liaison.selectors import no_contact_rule
from sausat.people.models import Role

ANSWERED_WITHIN_DAYS = 30


def _active_today(today: dt.date) -> Q:
    return Q(start_date__lte=today, decision__deleted_at__isnull=True) & (
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def _stale_units(assignments, today: dt.date, limit: int) -> InboxResult:
    no_contact_days = int(no_contact_rule(today).value)
    limit_day = stale_before(today, no_contact_days)  # the dashboard's rule (figures.py)
    qs = (
        AdministrativeUnit.objects.filter(pk__in=assignments.values("unit_id"))
        .annotate(last=Max("liaison_activities__date", filter=Q(liaison_activities__deleted_at__isnull=True)))
        .filter(Q(last__isnull=True) | Q(last__lt=limit_day))
        .order_by(F("last").asc(nulls_first=True), "name")
    )

    def to_item(unit) -> InboxItem:
        due = unit.last + dt.timedelta(days=no_contact_days) if unit.last else None
        detail = (
            gettext("Lần gần nhất: %(day)s") % {"day": unit.last.strftime("%d/%m/%Y")}
            if unit.last
            else gettext("Chưa có hoạt động nào")
        )
        return InboxItem(
            title=unit.name,
            url=reverse("liaison:unit", args=[unit.pk]),
            due=due,
            overdue=True,
            kind="stale_unit",
            detail=detail,
        )

    return from_queryset(qs, limit, to_item)


def own_stale(user, today: dt.date, limit: int) -> InboxResult:
    """Units the cadre follows that nobody has contacted within the limit."""
    return _stale_units(policy.current_assignments(user, today=today), today, limit)


def office_stale(user, today: dt.date, limit: int) -> InboxResult:
    """The third promise: communes in the office's scope not contacted within the limit."""
    assignments = Assignment.objects.filter(policy.office_unit_filter(user)).filter(_active_today(today))
    return _stale_units(assignments, today, limit)


def reports_due(user, today: dt.date, limit: int) -> InboxResult:
    """The last ended period's situation report, for each unit the cadre leads, when not filed yet."""
    leads = list(policy.current_assignments(user, today=today).filter(role=AssignmentRole.LEAD).order_by("unit__name"))
    wanted = {}
    for a in leads:
        period = period_containing(today, a.decision.report_schedule).previous()
        if period.end >= a.start_date:
            wanted[(a.unit_id, period.start)] = (a, period)
    filed = (
        set(
            SituationReport.objects.filter(
                cadre_id__in={a.cadre_id for a in leads},
                unit_id__in={a.unit_id for a in leads},
                submitted_at__isnull=False,
            )
            .filter(period_start__in={p.start for _a, p in wanted.values()})
            .values_list("unit_id", "period_start")
        )
        if wanted
        else set()
    )
    items = []
    for key, (a, period) in wanted.items():
        if key in filed:
            continue
        due = report_due(period.end, a.decision.report_due_days)
        items.append(
            InboxItem(
                title=f"{a.unit.name} · {period.label}",
                url=reverse("liaison:report_new", args=[a.unit_id]),
                due=due,
                overdue=due < today,
                kind="report_due",
            )
        )
    return InboxResult(count=len(items), items=items[:limit])


def answered(user, today: dt.date, limit: int) -> InboxResult:
    """Escalations from the person's units answered in the last month (what the commune should hear)."""
    since = timezone.now() - dt.timedelta(days=ANSWERED_WITHIN_DAYS)
    qs = (
        policy.visible_escalations(user)
        .filter(opinion__answered_at__gte=since)
        .select_related("issue", "opinion", "unit")
        .order_by("-opinion__answered_at", "-id")
    )

    def to_item(e: Escalation) -> InboxItem:
        return InboxItem(
            title=Truncator(e.issue.text).chars(120),
            url=reverse("liaison:report", args=[e.issue.report_id]),
            kind="escalation_answered",
            detail=e.unit.name,
        )

    return from_queryset(qs, limit, to_item)


def to_route(user, today: dt.date, limit: int) -> InboxResult:
    """Escalations to the province not answered yet: the office follows them to the responder."""
    qs = (
        Escalation.objects.filter(policy.office_unit_filter(user))
        .filter(Q(opinion__isnull=True) | Q(opinion__answered_at__isnull=True))
        .select_related("issue", "organ", "unit")
        .order_by("deadline", "id")
    )

    def to_item(e: Escalation) -> InboxItem:
        url = (
            reverse("opinions:detail", args=[e.opinion_id])
            if e.opinion_id
            else reverse("liaison:report", args=[e.issue.report_id])
        )
        return InboxItem(
            title=Truncator(e.issue.text).chars(120),
            url=url,
            due=e.deadline,
            overdue=e.deadline < today,
            kind="escalation",
            detail=f"{e.unit.name} → {e.organ.name}",
        )

    return from_queryset(qs, limit, to_item)


def _field(user) -> bool:
    return holds(user, Role.LIAISON) or policy.current_assignments(user).exists()


def register() -> None:
    for source in (
        InboxSource(
            key="liaison.stale",
            label=gettext_noop("Địa bàn chưa liên hệ quá thời hạn"),
            visible=_field,
            items=own_stale,
            order=50,
            more_url=lambda: reverse("liaison:index"),
        ),
        InboxSource(
            key="liaison.reports_due",
            label=gettext_noop("Báo cáo tình hình đến hạn"),
            visible=_field,
            items=reports_due,
            order=52,
        ),
        InboxSource(
            key="liaison.answered",
            label=gettext_noop("Kiến nghị từ cơ sở đã được trả lời"),
            visible=lambda u: holds(u, Role.LIAISON, Role.COMMUNE_CADRE),
            items=answered,
            order=54,
        ),
        InboxSource(
            key="liaison.office_stale",
            label=gettext_noop("Xã chưa được liên hệ quá thời hạn"),
            visible=lambda u: scope_for(u).has_role(Role.LEADER),
            items=office_stale,
            order=27,
            more_url=lambda: reverse("liaison:dashboard"),
        ),
        InboxSource(
            key="liaison.to_route",
            label=gettext_noop("Kiến nghị từ cơ sở chưa được trả lời"),
            visible=lambda u: scope_for(u).has_role(Role.SECRETARY),
            items=to_route,
            order=32,
        ),
    ):
        register_inbox_source(source)
