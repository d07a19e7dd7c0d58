"""Deadlines counted as Vietnamese law counts them.

Civil Code 2015, Art. 147-148:
- a period starts on the day *after* the triggering day;
- it ends at 24:00 of its last day;
- a period in months/years whose final month lacks the day ends on that month's last day;
- when the last day is a weekend or public holiday, the period ends at the close of the next
  working day.

Working days exclude Saturdays, Sundays, the statutory public holidays (from the ``holidays``
package, lunar ones included, with days in lieu) and the extra days off each year's official
announcement adds (``CalendarDay`` rows, editable). A ``CalendarDay`` of kind ``working_day``
turns a weekend day into a make-up working day. Each day keeps its basis (``YearCalendar.basis``:
the article of the Labour Code 2019, or the announcement). A swap the ``holidays`` package lists
("Ngày nghỉ (thay cho ngày 22/08/2026)") is applied only once confirmed, by a confirmed entry of
:mod:`sausat.core.data.calendar_vn` or a national ``working_day`` row; until then it is listed in
``YearCalendar.pending`` and counts as an ordinary day.

That calendar is national. A province may add local days off of its own (``CalendarDay`` rows
with a ``province``); every function here takes ``place=`` (any administrative unit, or None for
the national calendar) and then counts the national days plus the days off of ``place``'s province.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import zoneinfo
from dataclasses import dataclass, field
from enum import StrEnum

import holidays
from dateutil.relativedelta import relativedelta

VN_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_IN_LIEU_OF = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")
_CACHE_SECONDS = 60


class PeriodUnit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True)
class YearCalendar:
    days_off: frozenset[dt.date]
    working_weekend_days: frozenset[dt.date]
    names: dict[dt.date, str]
    # The basis of each day off and make-up day (an article of the Labour Code, an announcement).
    basis: dict[dt.date, str] = field(default_factory=dict)
    # Swaps the holiday calendar lists but no confirmed announcement backs: not applied.
    pending: dict[dt.date, str] = field(default_factory=dict)


_lock = threading.Lock()
_cache: dict[tuple[int, str], tuple[float, YearCalendar]] = {}


def province_code(place) -> str:
    """The code of the (current) province of ``place``; "" for the national calendar.

    ``scope_path`` rather than ``path``, so a legacy unit counts its successor province's days."""
    if place is None:
        return ""
    return (place.scope_path or place.path).strip("/").split("/")[0]


def invalidate_cache() -> None:
    with _lock:
        _cache.clear()


def _build_year(year: int, province: str = "") -> YearCalendar:
    from sausat.core.data import calendar_vn
    from sausat.core.models import CalendarDay

    names: dict[dt.date, str] = {}
    basis: dict[dt.date, str] = {}
    pending: dict[dt.date, str] = {}
    days_off: set[dt.date] = set()
    working: set[dt.date] = set()
    national = list(CalendarDay.objects.filter(date__year__in=(year - 1, year, year + 1), province__isnull=True))
    announced_working = {r.date: r.source for r in national if r.kind == CalendarDay.Kind.WORKING_DAY}
    for day, name in holidays.country_holidays("VN", years=year, language="vi").items():
        # "Ngày nghỉ (thay cho ngày 26/04/2025)": a swap with the named Saturday. Applied only once
        # an announcement confirms it (a confirmed entry of calendar_vn, or a national row).
        match = _IN_LIEU_OF.search(name)
        if match:
            d, m, y = (int(g) for g in match.groups())
            saturday = dt.date(y, m, d)
            source = announced_working.get(saturday) or calendar_vn.confirmed_swap_source(saturday)
            if not source:
                pending[day] = name
                continue
            working.add(saturday)
            basis[saturday] = source
            basis[day] = source
        else:
            basis[day] = calendar_vn.statutory_basis(name)
        days_off.add(day)
        names[day] = name
    for row in national:
        if row.date.year != year:
            continue
        if row.kind == CalendarDay.Kind.DAY_OFF:
            days_off.add(row.date)
            working.discard(row.date)
        else:
            working.add(row.date)
            days_off.discard(row.date)
        names[row.date] = row.name
        basis[row.date] = row.source or basis.get(row.date) or calendar_vn.UNSOURCED
        pending.pop(row.date, None)
    if province:
        # A province only adds days off; make-up working days are set nationally.
        for row in CalendarDay.objects.filter(date__year=year, province__code=province, kind=CalendarDay.Kind.DAY_OFF):
            days_off.add(row.date)
            working.discard(row.date)
            names[row.date] = row.name
            basis[row.date] = row.source or calendar_vn.UNSOURCED
    return YearCalendar(frozenset(days_off), frozenset(working), names, basis, pending)


def year_calendar(year: int, province: str = "") -> YearCalendar:
    now = time.monotonic()
    key = (year, province)
    with _lock:
        hit = _cache.get(key)
        if hit and now - hit[0] < _CACHE_SECONDS:
            return hit[1]
    built = _build_year(year, province)
    with _lock:
        _cache[key] = (now, built)
    return built


def is_working_day(day: dt.date, *, place=None) -> bool:
    cal = year_calendar(day.year, province_code(place))
    if day in cal.working_weekend_days:
        return True
    if day.weekday() >= 5:
        return False
    return day not in cal.days_off


def next_working_day(day: dt.date, *, place=None) -> dt.date:
    """The first working day on or after ``day``."""
    while not is_working_day(day, place=place):
        day += dt.timedelta(days=1)
    return day


def add_working_days(start: dt.date, count: int, *, place=None) -> dt.date:
    """The ``count``-th working day after ``start`` (the start day itself is not counted)."""
    if count < 0:
        raise ValueError("count must be >= 0")
    day = start
    remaining = count
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day, place=place):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, *, place=None) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start, place=place)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, place=place):
            count += 1
    return count


def deadline(start: dt.date, amount: int, unit: PeriodUnit | str = PeriodUnit.CALENDAR_DAYS, *, place=None) -> dt.date:
    """The last day of a period of ``amount`` ``unit`` triggered on ``start`` (Art. 147-148).

    The period ends at 24:00 of the returned day (see :func:`end_of_day`). ``place``: the unit whose
    province's local days off count too (None: the national calendar only).
    """
    if amount < 0:
        raise ValueError("amount must be >= 0")
    unit = PeriodUnit(unit)
    if unit is PeriodUnit.WORKING_DAYS:
        return add_working_days(start, amount, place=place)
    if unit is PeriodUnit.CALENDAR_DAYS:
        last = start + dt.timedelta(days=amount)
    elif unit is PeriodUnit.WEEKS:
        last = start + dt.timedelta(weeks=amount)
    elif unit is PeriodUnit.MONTHS:
        # relativedelta clamps to the month's last day, as Art. 148 requires.
        last = start + relativedelta(months=amount)
    else:
        last = start + relativedelta(years=amount)
    return next_working_day(last, place=place)


def end_of_day(day: dt.date) -> dt.datetime:
    """24:00 of ``day`` in Vietnam, as an aware datetime (00:00 of the next day)."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=VN_TZ)


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date in Vietnam of an aware moment."""
    return moment.astimezone(VN_TZ).date()


def is_past_deadline(last_day: dt.date, moment: dt.datetime) -> bool:
    """True once ``moment`` is after 24:00 of ``last_day`` in Vietnam."""
    return moment >= end_of_day(last_day)
