"""Reporting and review periods: months and quarters, their due dates (core.calendar)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext

from sausat.core.calendar import PeriodUnit, deadline
from sausat.liaison.models import Schedule

# Quarters are written in Roman numerals in official documents ("Quý I/2017").
ROMAN_QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    schedule: str

    @property
    def label(self) -> str:
        if self.schedule == Schedule.QUARTERLY:
            return gettext("Quý %(quarter)s/%(year)s") % {
                "quarter": ROMAN_QUARTERS[(self.start.month - 1) // 3],
                "year": self.start.year,
            }
        return gettext("Tháng %(month)s/%(year)s") % {"month": self.start.month, "year": self.start.year}

    @property
    def key(self) -> str:
        if self.schedule == Schedule.QUARTERLY:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start:%Y-%m}"

    @property
    def months(self) -> int:
        return 3 if self.schedule == Schedule.QUARTERLY else 1

    def previous(self) -> Period:
        return period_containing(self.start - dt.timedelta(days=1), self.schedule)

    def next(self) -> Period:
        return period_containing(self.end + dt.timedelta(days=1), self.schedule)


def period_containing(day: dt.date, schedule: str = Schedule.MONTHLY) -> Period:
    if schedule == Schedule.QUARTERLY:
        first_month = (day.month - 1) // 3 * 3 + 1
        start = dt.date(day.year, first_month, 1)
        end = start + relativedelta(months=3) - dt.timedelta(days=1)
    else:
        start = day.replace(day=1)
        end = start + relativedelta(months=1) - dt.timedelta(days=1)
    return Period(start, end, schedule)


_KEY = re.compile(r"^(\d{4})-(?:Q([1-4])|(\d{2}))$")


def parse_period(key: str | None, today: dt.date) -> Period:
    """'2026-11' (month) or '2026-Q4' (quarter); the current month when missing or malformed."""
    match = _KEY.match((key or "").strip())
    if not match:
        return period_containing(today, Schedule.MONTHLY)
    year = int(match.group(1))
    if match.group(2):
        return period_containing(dt.date(year, (int(match.group(2)) - 1) * 3 + 1, 1), Schedule.QUARTERLY)
    month = int(match.group(3))
    if not 1 <= month <= 12:
        return period_containing(today, Schedule.MONTHLY)
    return period_containing(dt.date(year, month, 1), Schedule.MONTHLY)


def report_due(period_end: dt.date, due_days: int, place=None) -> dt.date:
    """A report is due ``due_days`` working days after its period ends (``place``: the commune, whose
    province's local days off count too)."""
    return deadline(period_end, due_days, PeriodUnit.WORKING_DAYS, place=place)
