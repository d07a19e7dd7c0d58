"""Reads over administrative units. Units are public facts: no scope filter applies to them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from sausat.geo.models import AdministrativeUnit, Level
from sausat.textkit.normalize import normalize_line, search_key


def units_on(day: dt.date) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.on(day)


def unit_counts(day: dt.date) -> dict[str, Counter[Any]]:
    """Counts of units in force on ``day``, by level and by division type."""
    by_level: Counter[str] = Counter()
    by_type: Counter[tuple[int, str]] = Counter()
    for level, division_type in units_on(day).values_list("level", "division_type"):
        by_level[str(Level(level).label)] += 1
        by_type[(level, division_type)] += 1
    return {"by_level": by_level, "by_type": by_type}


def provinces(day: dt.date | None = None) -> QuerySet[AdministrativeUnit]:
    qs = AdministrativeUnit.objects.filter(level=Level.PROVINCE)
    return qs.on(day) if day else qs.current()


def children_of(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(parent=unit).order_by("division_type", "search_key")


def search_units(query: str, *, current_only: bool = True, limit: int = 20) -> list[AdministrativeUnit]:
    """Diacritics- and case-insensitive search; exact-diacritic matches rank first."""
    key = search_key(query)
    if not key:
        return []
    qs = AdministrativeUnit.objects.filter(search_key__contains=key)
    if current_only:
        qs = qs.current()
    typed = normalize_line(query)
    ranked = qs.annotate(
        exact=Case(When(name__icontains=typed, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).select_related("parent")
    return list(ranked.order_by("exact", "level", "search_key")[:limit])


def get_unit(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.select_related("parent", "successor").get(code=code)


def find_unit(code: str) -> AdministrativeUnit | None:
    """The unit with ``code``, or None (a filter or a form typed by hand)."""
    return AdministrativeUnit.objects.filter(code=code).first() if code else None


def units_by_pk(ids: Iterable[int]) -> QuerySet[AdministrativeUnit]:
    """Units by primary key, by name (e.g. those of a user's role grants)."""
    return AdministrativeUnit.objects.filter(pk__in=list(ids)).order_by("name")
