"""Who may read the cadre record, the most confidential data in the product.

- The organisation board (``Role.ORGANISATION_BOARD``) of the managing level (a grant whose unit
  subtree covers the profile's ``unit``) reads and keeps the record.
- The competent committee (``COMMITTEE_ROLES`` over the same subtree) reads it and decides
  evaluations.
- The person reads their own record, evaluations and vote results.
- Nobody else, whatever their other roles: a system administrator or a superuser without the
  board role gets the same 404 as for a missing record (unlike the rest of the product, where
  admins see everything).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse

from sausat.cadres.models import CadreProfile, Evaluation, VoteSession
from sausat.core.policy import Scope, get_or_404, require, scope_for, unit_q
from sausat.core.roles import Role

BOARD_ROLES = (Role.ORGANISATION_BOARD,)
COMMITTEE_ROLES = (Role.LEADER,)
READER_ROLES = BOARD_ROLES + COMMITTEE_ROLES


def _covers(scope: Scope, path: str, *roles: str) -> bool:
    # Scope.covers_path lets admins through; here they must hold the role themselves.
    return any(path.startswith(p) for p in scope.paths(*roles))


def _reader_q(scope: Scope, unit_field: str, person_field: str) -> Q:
    q = unit_q(scope, unit_field, *READER_ROLES) if scope.paths(*READER_ROLES) else Q(pk__in=[])
    if scope.user_id is not None:
        q |= Q(**{f"{person_field}__user_id": scope.user_id})
    return q


def visible_profiles(user) -> QuerySet[CadreProfile]:
    scope = scope_for(user)
    if not scope.is_authenticated:
        return CadreProfile.objects.none()
    return CadreProfile.objects.filter(_reader_q(scope, "unit", "person"))


def profile_or_404(user, person_id) -> CadreProfile:
    return get_or_404(visible_profiles(user).select_related("person", "unit"), person_id=person_id)


def is_board(user, unit=None) -> bool:
    scope = scope_for(user)
    if unit is None:
        return bool(scope.paths(*BOARD_ROLES))
    return _covers(scope, unit.scope_path, *BOARD_ROLES)


def is_committee(user, unit=None) -> bool:
    scope = scope_for(user)
    if unit is None:
        return bool(scope.paths(*COMMITTEE_ROLES))
    return _covers(scope, unit.scope_path, *COMMITTEE_ROLES)


def sees_area(user) -> bool:
    """The navigation entry: readers by role, known from the scope without a query. A person with a
    record of their own reaches it from their account page (:func:`own_record_url`), so the menu on
    every page does not ask the database whether they have one."""
    if user is None or not user.is_authenticated:
        return False
    return is_board(user) or is_committee(user)


def own_record_url(user) -> str | None:
    """The account page's link to the person's own record, if they have one."""
    if user is None or not user.is_authenticated:
        return None
    person_id = CadreProfile.objects.filter(person__user=user).values_list("person_id", flat=True).first()
    return reverse("cadres:record", args=[person_id]) if person_id is not None else None


def can_view_access_log(user, profile: CadreProfile) -> bool:
    return is_board(user, profile.unit) or is_committee(user, profile.unit)


def can_manage(user, unit) -> bool:
    """Keep records, open periods, appraise, enter vote tallies: the board."""
    return is_board(user, unit)


def can_decide(user, unit) -> bool:
    """Decide evaluation levels: the competent committee."""
    return is_committee(user, unit)


def can_self_assess(user, evaluation: Evaluation) -> bool:
    """Individuals assess themselves; a collective's self-assessment is entered by the board."""
    if evaluation.person_id is not None and evaluation.person.user_id == getattr(user, "pk", None):
        return True
    return is_board(user, evaluation.unit)


def visible_evaluations(user) -> QuerySet[Evaluation]:
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(_reader_q(scope, "unit", "person"))


def evaluation_or_404(user, pk) -> Evaluation:
    return get_or_404(
        visible_evaluations(user).select_related("period", "person", "organ", "unit"),
        pk=pk,
    )


def visible_sessions(user) -> QuerySet[VoteSession]:
    """Vote sessions as a whole: readers of the unit only (a candidate sees only their own row)."""
    scope = scope_for(user)
    if not scope.paths(*READER_ROLES):
        return VoteSession.objects.none()
    return VoteSession.objects.filter(unit_q(scope, "unit", *READER_ROLES))


def session_or_404(user, pk) -> VoteSession:
    return get_or_404(visible_sessions(user).select_related("unit"), pk=pk)


def report_period_or_404(user, pk):
    """The classification report of a period: its unit's board and competent committee only."""
    from sausat.cadres.models import EvaluationPeriod

    period = get_or_404(EvaluationPeriod.objects.select_related("unit"), pk=pk)
    require(can_manage(user, period.unit) or can_decide(user, period.unit))
    return period


def _board_covers(user, unit) -> bool:
    return _covers(scope_for(user), unit.scope_path, *BOARD_ROLES)


def can_edit_half_year(user, province) -> bool:
    """A province's half-year figures: its organisation board (a legacy province's successor's
    board, through the scope path)."""
    return _board_covers(user, province)


def region_or_404(user, pk):
    """A region's comparison: the board or committee of any of its provinces."""
    from sausat.cadres.models import Region

    region = get_or_404(Region.objects.all(), pk=pk)
    scope = scope_for(user)
    paths = scope.paths(*READER_ROLES)
    require(bool(paths) and region.provinces.filter(_any_path_q(paths)).exists())
    return region


def _any_path_q(paths) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(scope_path__startswith=p)
    return q


def visible_appointments(user):
    """Appointment procedures: the board and the competent committee of the unit only; the
    candidates do not see the procedure (its counts are the conferences' secret ballots)."""
    from sausat.cadres.models import Appointment

    scope = scope_for(user)
    if not scope.paths(*READER_ROLES):
        return Appointment.objects.none()
    return Appointment.objects.filter(unit_q(scope, "unit", *READER_ROLES))


def appointment_or_404(user, pk):
    return get_or_404(visible_appointments(user).select_related("unit", "appointed__person"), pk=pk)
