"""Each day off cites its basis; an unconfirmed swap is not applied until confirmed (issue 18)."""

from __future__ import annotations

import datetime as dt

import pytest

from sausat.core import calendar
from sausat.core.calendar_views import year_rows
from sausat.core.data import calendar_vn
from sausat.core.services import set_calendar_day

pytestmark = pytest.mark.django_db

SWAP_OFF = dt.date(2026, 8, 31)  # Monday, listed as "thay cho ngày 22/08/2026": no announcement yet
SWAP_SATURDAY = dt.date(2026, 8, 22)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.invalidate_cache()
    yield
    calendar.invalidate_cache()


def test_statutory_days_cite_their_point_of_article_112(db):
    cal = calendar.year_calendar(2026)
    assert "Điều 112, khoản 1, điểm a" in cal.basis[dt.date(2026, 1, 1)]
    assert "Điều 112, khoản 1, điểm b" in cal.basis[dt.date(2026, 2, 17)]  # Tết Nguyên Đán
    assert "Điều 112, khoản 1, điểm c" in cal.basis[dt.date(2026, 4, 30)]
    assert "Điều 112, khoản 1, điểm d" in cal.basis[dt.date(2026, 5, 1)]
    assert "Điều 112, khoản 1, điểm đ" in cal.basis[dt.date(2026, 9, 2)]
    assert "Điều 112, khoản 1, điểm e" in cal.basis[dt.date(2026, 4, 26)]
    assert "Điều 111, khoản 3" in cal.basis[dt.date(2026, 4, 27)]  # Giỗ Tổ on a Sunday: day in lieu
    for day in cal.days_off:
        assert cal.basis.get(day), day


def test_an_unconfirmed_swap_is_listed_but_not_applied_until_an_announcement_confirms_it(cast):
    assert any(a.date == SWAP_SATURDAY and not a.confirmed for a in calendar_vn.ANNOUNCED)
    assert calendar.is_working_day(SWAP_OFF)
    assert not calendar.is_working_day(SWAP_SATURDAY)
    assert SWAP_OFF in calendar.year_calendar(2026).pending
    row = next(r for r in year_rows(2026) if r["date"] == SWAP_OFF)
    assert row["pending"] and row["source"] == calendar_vn.UNCONFIRMED_SWAP
    # The administrator records the announcement: the swap applies, citing it.
    source = "Thông báo số 1234/TB-BNV ngày 15/7/2026 của Bộ Nội vụ (thử)"
    set_calendar_day(actor=cast.admin, date=SWAP_SATURDAY, kind="working_day", name="Làm bù", source=source)
    assert not calendar.is_working_day(SWAP_OFF)
    assert calendar.is_working_day(SWAP_SATURDAY)
    cal = calendar.year_calendar(2026)
    assert SWAP_OFF not in cal.pending
    assert cal.basis[SWAP_OFF] == source and cal.basis[SWAP_SATURDAY] == source


def test_confirmed_swaps_of_earlier_years_apply_with_their_announcement(db):
    assert not calendar.is_working_day(dt.date(2025, 5, 2))
    assert calendar.is_working_day(dt.date(2025, 4, 26))
    assert "Bộ Nội vụ" in calendar.year_calendar(2025).basis[dt.date(2025, 5, 2)]


def test_the_calendar_page_shows_every_days_basis_and_the_pending_swap(cast, login):
    body = login(cast.admin).get("/lich-nghi/?nam=2026").content.decode()
    assert "Bộ luật Lao động 2019, Điều 112, khoản 1, điểm b" in body
    assert "Chưa áp dụng" in body and calendar_vn.UNCONFIRMED_SWAP in body
    # An extra local day off shows the basis its secretary gave.
    set_calendar_day(
        actor=cast.secretary,
        date=dt.date(2026, 3, 10),
        kind="day_off",
        name="Ngày giải phóng tỉnh",
        source="Quyết định 12/QĐ-UBND (thử)",
        province=cast.province,
    )
    page = login(cast.secretary).get(f"/lich-nghi/?nam=2026&tinh={cast.province.code}")
    assert page.status_code == 200 and "Quyết định 12/QĐ-UBND (thử)" in page.content.decode()
