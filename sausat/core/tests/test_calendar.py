import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sausat.core.calendar import (
    PeriodUnit,
    add_working_days,
    deadline,
    end_of_day,
    is_past_deadline,
    is_working_day,
)

pytestmark = pytest.mark.django_db
dates = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2027, 12, 31))


def test_period_starts_the_day_after_and_skips_a_weekend_end():
    # 20 days from Friday 3 April 2026 ends Thursday 23 April 2026.
    assert deadline(dt.date(2026, 4, 3), 20) == dt.date(2026, 4, 23)
    # 1 day from Friday lands on Saturday: moves to Monday.
    assert deadline(dt.date(2026, 11, 20), 1) == dt.date(2026, 11, 23)


def test_lunar_new_year_is_not_a_working_day():
    assert not is_working_day(dt.date(2026, 2, 17))  # Tết Bính Ngọ
    assert not is_working_day(dt.date(2025, 1, 29))  # Tết Ất Tỵ


def test_make_up_saturday_is_a_working_day():
    # 2 May 2025 was given off in exchange for working Saturday 26 April 2025.
    assert not is_working_day(dt.date(2025, 5, 2))
    assert is_working_day(dt.date(2025, 4, 26))


def test_month_period_clamps_to_month_end():
    assert deadline(dt.date(2026, 1, 31), 1, PeriodUnit.MONTHS) == dt.date(2026, 3, 2)  # 28/2 is a Saturday


def test_deadline_ends_at_midnight_vietnam_time():
    last = dt.date(2026, 6, 30)
    before = dt.datetime(2026, 6, 30, 16, 59, tzinfo=dt.UTC)  # 23:59 in Hà Nội
    after = dt.datetime(2026, 6, 30, 17, 0, tzinfo=dt.UTC)  # 00:00 on 1 July in Hà Nội
    assert not is_past_deadline(last, before)
    assert is_past_deadline(last, after)
    assert end_of_day(last).utcoffset() == dt.timedelta(hours=7)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=60))
def test_calendar_deadline_is_a_working_day_not_before_the_nominal_end(start, days):
    last = deadline(start, days)
    assert is_working_day(last)
    assert last >= start + dt.timedelta(days=days)
    # The move is only past non-working days.
    day = start + dt.timedelta(days=days)
    while day < last:
        assert not is_working_day(day)
        day += dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=1, max_value=40))
def test_working_day_count_is_monotonic_and_lands_on_working_days(start, n):
    later = add_working_days(start, n)
    assert is_working_day(later)
    assert later > start
    assert add_working_days(start, n + 1) > later
