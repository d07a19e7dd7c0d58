"""Who sees which liaison records.

- The office (leader or secretary of the province) and admins see every record in their subtree.
- A liaison cadre sees the units they currently follow. Access comes from BOTH sources, read
  afresh on every request:
    * current ``Assignment`` rows whose ``user`` is them (start_date <= today <= end_date), and
    * live ``RoleGrant(role=liaison)`` rows (their unit subtree).
  The assignment service creates the matching RoleGrant when it assigns and revokes it when it
  ends an assignment, so the two stay in step; ending an assignment therefore ends access to the
  old unit's reports on the very next request.
- A commune cadre sees only their own commune (RoleGrant(role=commune_cadre) subtree), including
  the liaison records about it (so answers to escalations reach the commune).
Everything else answers 404, exactly like a missing object.

Writing (logging activities, filing reports) needs the actor's own current assignment to that
very unit, for everyone, administrators included: field work is logged in one's own name only where
a decision sent one. The office reads but does not log field work on a cadre's behalf.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from sausat.core.policy import Scope, get_or_404, require, scope_for, unit_q
from sausat.geo.models import AdministrativeUnit
from sausat.liaison.models import (
    Activity,
    ActivityPhoto,
    Assignment,
    AssignmentDecision,
    Escalation,
    SituationReport,
)
from sausat.people.models import Role

OFFICE_ROLES = (Role.LEADER, Role.SECRETARY)
FIELD_ROLES = (Role.LIAISON, Role.COMMUNE_CADRE)


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011  (assignment validity is a calendar date)


def current_assignments(user, *, today: dt.date | None = None) -> QuerySet[Assignment]:
    today = today or _today()
    if user is None or not getattr(user, "is_authenticated", False):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(user=user, start_date__lte=today, decision__deleted_at__isnull=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("unit", "decision", "cadre")
    )


def is_office(user) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.has_role(*OFFICE_ROLES)


def unit_filter(user, unit_field: str = "unit") -> Q:
    """Rows whose unit the user may read."""
    scope: Scope = scope_for(user)
    if not scope.is_authenticated:
        return Q(pk__in=[])
    if scope.is_admin:
        return Q()
    q = unit_q(scope, unit_field, *OFFICE_ROLES, *FIELD_ROLES)
    assigned = list(current_assignments(user).values_list("unit_id", flat=True))
    if assigned:
        q |= Q(**{f"{unit_field}_id__in": assigned})
    return q


def unit_or_404(user, pk) -> AdministrativeUnit:
    scope = scope_for(user)
    unit = get_or_404(AdministrativeUnit.objects.all(), pk=pk)
    if scope.is_admin:
        return unit
    if scope.covers_path(unit.scope_path, *OFFICE_ROLES, *FIELD_ROLES):
        return unit
    require(current_assignments(user).filter(unit=unit).exists())
    return unit


def can_log_at(user, unit: AdministrativeUnit) -> bool:
    # No role bypass, the administrator's included: a record of field work names who went where.
    return current_assignments(user).filter(unit=unit).exists()


def is_own_current_assignment(user, unit: AdministrativeUnit, assignment: Assignment | None) -> bool:
    """``assignment`` is the user's own, current, and for ``unit``: what a field write needs."""
    if assignment is None or assignment.unit_id != unit.pk:
        return False
    return current_assignments(user).filter(pk=assignment.pk).exists()


def assignment_for(user, unit: AdministrativeUnit) -> Assignment | None:
    return current_assignments(user).filter(unit=unit).order_by("role", "id").first()


def visible_activities(user) -> QuerySet[Activity]:
    return Activity.objects.filter(unit_filter(user))


def activity_or_404(user, pk) -> Activity:
    return get_or_404(visible_activities(user).select_related("unit", "cadre"), pk=pk)


def photo_or_404(user, pk) -> ActivityPhoto:
    return get_or_404(
        ActivityPhoto.objects.filter(unit_filter(user), activity__deleted_at__isnull=True).select_related("activity"),
        pk=pk,
    )


def visible_reports(user) -> QuerySet[SituationReport]:
    return SituationReport.objects.filter(unit_filter(user))


def report_or_404(user, pk) -> SituationReport:
    return get_or_404(visible_reports(user).select_related("unit", "cadre"), pk=pk)


def visible_escalations(user) -> QuerySet[Escalation]:
    return Escalation.objects.filter(unit_filter(user))


def visible_decisions(user) -> QuerySet[AssignmentDecision]:
    scope = scope_for(user)
    if scope.is_admin:
        return AssignmentDecision.objects.all()
    if not scope.has_role(*OFFICE_ROLES):
        return AssignmentDecision.objects.filter(pk__in=current_assignments(user).values("decision_id"))
    return AssignmentDecision.objects.filter(unit_q(scope, "unit", *OFFICE_ROLES))


def decision_or_404(user, pk) -> AssignmentDecision:
    return get_or_404(visible_decisions(user), pk=pk)


def office_decision_or_404(user, pk) -> AssignmentDecision:
    """A decision's page (and its history page, which must answer exactly alike) is for the office only."""
    require_office(user)
    return decision_or_404(user, pk)


def office_unit_filter(user, unit_field: str = "unit") -> Q:
    """Rows the office part (dashboard, review, import) may cover; nothing for field roles."""
    scope = scope_for(user)
    if scope.is_admin:
        return Q()
    return unit_q(scope, unit_field, *OFFICE_ROLES)


def office_covers(user, unit: AdministrativeUnit) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers_path(unit.scope_path, *OFFICE_ROLES)


def require_office(user) -> None:
    require(is_office(user))
