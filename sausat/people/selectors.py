"""Reads over persons and organs; every function takes the user and starts from the policy."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person, Position
from sausat.people.policy import visible_organs, visible_persons
from sausat.textkit.normalize import normalize_line, search_key


def search_persons(user, query: str = "", *, unit: AdministrativeUnit | None = None) -> QuerySet[Person]:
    """Persons the user may see, matching ``query`` without regard to diacritics or case.

    Names typed with the exact diacritics rank first.
    """
    qs = visible_persons(user)
    key = search_key(query)
    if key:
        qs = qs.filter(search_key__contains=key)
        typed = normalize_line(query)
        qs = qs.annotate(
            exact=Case(When(full_name__icontains=typed, then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("exact", "search_key", "id")
    else:
        qs = qs.order_by("search_key", "id")
    if unit is not None:
        # A current unit covers the legacy units merged into it; a legacy unit only its own old subtree.
        if unit.is_current:
            qs = qs.filter(Q(home_unit__scope_path__startswith=unit.scope_path) | Q(positions__unit=unit))
        else:
            qs = qs.filter(Q(home_unit__path__startswith=unit.path) | Q(positions__unit=unit))
        qs = qs.distinct()
    return qs.select_related("home_unit").prefetch_related(
        Prefetch("positions", queryset=Position.objects.select_related("organ", "unit"))
    )


def office_holders(user, unit: AdministrativeUnit, *, today: dt.date | None = None) -> list[Position]:
    """Current posts at ``unit`` held by persons the user may see, in protocol order."""
    today = today or dt.date.today()  # noqa: DTZ011
    persons = visible_persons(user)
    return list(
        Position.objects.filter(unit=unit, person__in=persons)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("person", "organ")
        .order_by("sort_order", "person__search_key")
    )


def organs_of(user, unit: AdministrativeUnit) -> QuerySet[Organ]:
    return visible_organs(user).filter(unit=unit).select_related("parent")


def search_organs(user, query: str) -> QuerySet[Organ]:
    key = search_key(query)
    qs = visible_organs(user).select_related("unit")
    return qs.filter(search_key__contains=key) if key else qs


def office_unit(user) -> AdministrativeUnit | None:
    """The highest unit where the user works for the office or the leadership: whose name its
    documents are issued in."""
    from sausat.core.policy import scope_for
    from sausat.people.models import Role

    ids = [g.unit_id for g in scope_for(user).grants if g.role in (Role.SECRETARY, Role.LEADER, Role.ADMIN)]
    return AdministrativeUnit.objects.filter(pk__in=ids).order_by("level", "id").first()


def grants_valid_on(user, today):
    """The user's role grants valid on ``today``, as core's policy sees them (registered in ready())."""
    from django.db.models import Q

    from sausat.core.policy import Grant
    from sausat.people.models import RoleGrant

    rows = (
        RoleGrant.objects.filter(user=user)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("unit")
    )
    return [Grant(g.role, g.unit_id, g.unit.scope_path, g.organ_id) for g in rows]
