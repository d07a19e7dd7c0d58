"""Reads over persons and organs; every function takes the user and starts from the policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from sausat.core.actors import Viewer
from sausat.core.policy import Grant
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person, Position, held_on_q
from sausat.people.policy import visible_organs, visible_persons
from sausat.textkit.normalize import normalize_line, search_key


def search_persons(
    user: Viewer, query: str = "", *, unit: AdministrativeUnit | None = None, held_on: dt.date | None = None
) -> QuerySet[Person]:
    """Persons the user may see, matching ``query`` without regard to diacritics or case.

    Names typed with the exact diacritics rank first. With ``held_on``, only persons holding a
    post on that day.
    """
    qs = visible_persons(user)
    if held_on is not None:
        qs = qs.filter(pk__in=Position.objects.filter(held_on_q(held_on)).values("person_id"))
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


def holders_as_of(body: AdministrativeUnit | Organ, day: dt.date, *, user: Viewer | None = None) -> QuerySet[Position]:
    """The posts at ``body`` (a unit, or one organ) held on ``day``, in protocol order.

    The one rule for "who holds the post": every page that shows current holders asks here with
    today, and the "as of" pages (``?ngay=dd/mm/yyyy``) with the chosen day. With ``user``, only
    persons that user may see.
    """
    qs = Position.objects.filter(held_on_q(day))
    qs = qs.filter(organ=body) if isinstance(body, Organ) else qs.filter(unit=body)
    if user is not None:
        qs = qs.filter(person__in=visible_persons(user, today=day))
    return qs.select_related("person", "organ", "unit").order_by("sort_order", "person__search_key", "id")


def office_holders(user: Viewer, unit: AdministrativeUnit, *, today: dt.date | None = None) -> list[Position]:
    """Posts at ``unit`` held on ``today`` (default: today) by persons the user may see."""
    today = today or dt.date.today()  # noqa: DTZ011
    return list(holders_as_of(unit, today, user=user))


def attach_held_positions(persons: Iterable[Person], day: dt.date) -> None:
    """Set ``held`` on each person: the posts held on ``day``, from the prefetched positions."""
    for person in persons:
        person.held = [p for p in person.positions.all() if p.is_held_on(day)]


def offered_organs_q(on: dt.date | None = None) -> Q:
    """The organs a picker offers: those of current units, and with ``on`` (the record's day) also
    those of units in force that day and dissolved since (the provinces and districts before
    1/7/2025). Order by :data:`OFFERED_FIRST` to list the current ones first; the forms mark the
    others (:func:`sausat.people.forms.organ_label`)."""
    offered = Q(unit__valid_to__isnull=True)
    if on is not None:
        offered |= Q(unit__valid_to__gte=on) & (Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=on))
    return offered


# Current organs (no end date) before those of dissolved units.
OFFERED_FIRST = F("unit__valid_to").asc(nulls_first=True)


def organs_of(user: Viewer, unit: AdministrativeUnit) -> QuerySet[Organ]:
    return visible_organs(user).filter(unit=unit).select_related("parent")


def search_organs(user: Viewer, query: str) -> QuerySet[Organ]:
    key = search_key(query)
    qs = visible_organs(user).select_related("unit")
    return qs.filter(search_key__contains=key) if key else qs


def office_unit(user: Viewer) -> AdministrativeUnit | None:
    """The highest unit where the user works for the office or the leadership: whose name its
    documents are issued in."""
    from sausat.core.policy import scope_for
    from sausat.people.models import Role

    ids = [g.unit_id for g in scope_for(user).grants if g.role in (Role.SECRETARY, Role.LEADER, Role.ADMIN)]
    return AdministrativeUnit.objects.filter(pk__in=ids).order_by("level", "id").first()


def grants_valid_on(user: User, today: dt.date) -> list[Grant]:
    """The user's role grants valid on ``today``, as core's policy sees them (registered in ready())."""
    from sausat.people.models import RoleGrant

    rows = (
        RoleGrant.objects.filter(user=user)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("unit")
    )
    return [Grant(g.role, g.unit_id, g.unit.scope_path, g.organ_id) for g in rows]


def person_of(user: Viewer) -> Person | None:
    """The person record of a signed-in account, if any."""
    if not isinstance(user, User):
        return None
    return Person.objects.filter(user=user).first()
