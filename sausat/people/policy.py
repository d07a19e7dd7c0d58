"""Who may see and change persons, positions and organs.

- Admins see everyone.
- Leaders and office secretaries see every person in their unit subtree.
- Other signed-in roles see persons in their own subtree.
- Holders of a leadership post, current or past, are public office holders: everyone sees them
  (the directory can be read "as of" a past date, and who held a post then is public record).
  Their contact data stays private all the same.
Everything else answers 404.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from sausat.core.policy import Scope, get_or_404, scope_for, unit_q
from sausat.people.models import Organ, Person, Position, Role

EDITOR_ROLES = (Role.SECRETARY, Role.ADMIN)


def _public_office_q(today: dt.date) -> Q:
    """Persons who hold or held a leadership post by ``today`` (a post not yet begun does not count)."""
    held = Position.objects.filter(person=OuterRef("pk"), is_leadership=True).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=today)
    )
    return Q(Exists(held))


def visible_persons(user, *, today: dt.date | None = None, include_deleted: bool = False) -> QuerySet[Person]:
    scope = scope_for(user)
    qs = Person.all_objects.all() if include_deleted else Person.objects.all()
    if scope.is_admin:
        return qs
    today = today or dt.date.today()  # noqa: DTZ011
    return qs.filter(unit_q(scope, "home_unit") | _public_office_q(today))


def person_or_404(user, pk) -> Person:
    return get_or_404(visible_persons(user), pk=pk)


def visible_organs(user) -> QuerySet[Organ]:
    """The organisation chart is public."""
    return Organ.objects.all()


def organ_or_404(user, pk) -> Organ:
    return get_or_404(visible_organs(user), pk=pk)


def can_edit_people_at(scope: Scope, unit_scope_path: str) -> bool:
    return scope.is_admin or scope.covers_path(unit_scope_path, Role.SECRETARY)


def can_edit_person(user, person: Person) -> bool:
    return can_edit_people_at(scope_for(user), person.home_unit.scope_path)


def can_edit_organ(user, organ: Organ) -> bool:
    return can_edit_people_at(scope_for(user), organ.unit.scope_path)


# Soft-deleted objects: only those who may edit them see them (their history, the restore button).


def person_with_deleted_or_404(user, pk) -> Person:
    """A person, soft-deleted ones included for editors; 404 for everyone else as for a missing one."""
    person = get_or_404(visible_persons(user, include_deleted=True).select_related("home_unit"), pk=pk)
    if person.is_deleted and not can_edit_person(user, person):
        raise Http404
    return person


def organ_with_deleted_or_404(user, pk) -> Organ:
    organ = get_or_404(Organ.all_objects.select_related("unit"), pk=pk)
    if organ.is_deleted and not can_edit_organ(user, organ):
        raise Http404
    return organ


def editable_person_or_404(user, pk, *, include_deleted: bool = False) -> Person:
    person = person_with_deleted_or_404(user, pk) if include_deleted else person_or_404(user, pk)
    if not can_edit_person(user, person):
        raise Http404
    return person


def editable_organ_or_404(user, pk, *, include_deleted: bool = False) -> Organ:
    organ = organ_with_deleted_or_404(user, pk) if include_deleted else organ_or_404(user, pk)
    if not can_edit_organ(user, organ):
        raise Http404
    return organ
