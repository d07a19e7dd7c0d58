"""Reads over administrative units. Units are public facts: no scope filter applies to them."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Case, IntegerField, QuerySet, Value, When

from sausat.geo.models import AdministrativeUnit, Level
from sausat.textkit.normalize import normalize_line, search_key


def units_on(day: dt.date) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.on(day)


def unit_counts(day: dt.date) -> dict[str, Counter]:
    """Counts of units in force on ``day``, by level and by division type."""
    by_level: Counter = Counter()
    by_type: Counter = Counter()
    for level, division_type in units_on(day).values_list("level", "division_type"):
        by_level[Level(level).label] += 1
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
    qs = qs.annotate(
        exact=Case(When(name__icontains=typed, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).select_related("parent")
    return list(qs.order_by("exact", "level", "search_key")[:limit])


def get_unit(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.select_related("parent", "successor").get(code=code)
