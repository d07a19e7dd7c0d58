import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sausat.core import calendar
from sausat.core.data import calendar_vn
from sausat.core.models import AuditEvent, CalendarDay
from sausat.core.services import remove_calendar_day, seed_calendar, set_calendar_day

pytestmark = pytest.mark.django_db


def test_adding_a_day_off_changes_deadlines_at_once_and_is_audited(cast):
    day = dt.date(2030, 3, 12)  # a Tuesday
    calendar.invalidate_cache()
    assert calendar.is_working_day(day)
    audits = AuditEvent.objects.count()
    set_calendar_day(actor=cast.admin, date=day, kind="day_off", name="Nghỉ thêm", source="Thông báo thử")
    assert AuditEvent.objects.count() == audits + 1
    assert not calendar.is_working_day(day)
    assert calendar.add_working_days(dt.date(2030, 3, 11), 1) == dt.date(2030, 3, 13)
    assert remove_calendar_day(actor=cast.admin, date=day)
    assert AuditEvent.objects.count() == audits + 2
    assert calendar.is_working_day(day)
    assert not remove_calendar_day(actor=cast.admin, date=day)


def test_make_up_day_must_be_a_weekend_and_turns_it_into_a_working_day(cast):
    with pytest.raises(ValidationError):
        set_calendar_day(actor=cast.admin, date=dt.date(2030, 3, 12), kind="working_day", name="Làm bù")
    saturday = dt.date(2030, 3, 16)
    set_calendar_day(actor=cast.admin, date=saturday, kind="working_day", name="Làm bù")
    assert calendar.is_working_day(saturday)


def test_seeded_announcements_are_confirmed_and_cited_and_idempotent(db):
    assert all(item.source for item in calendar_vn.ANNOUNCED)
    assert any(not item.confirmed for item in calendar_vn.ANNOUNCED)
    added = seed_calendar()
    assert added == len(calendar_vn.confirmed())
    assert seed_calendar() == 0
    assert CalendarDay.objects.get(date=dt.date(2025, 4, 26)).kind == "working_day"
    assert not CalendarDay.objects.filter(date=dt.date(2026, 8, 22)).exists()
    assert calendar.is_working_day(dt.date(2025, 4, 26))
    assert not calendar.is_working_day(dt.date(2025, 5, 2))


def test_calendar_page_lists_and_edits_the_national_calendar_for_admins(cast, login):
    client = login(cast.admin)
    page = client.get("/lich-nghi/?nam=2025")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Quốc khánh" in body and "Tết Nguyên Đán" in body
    added = client.post(
        "/lich-nghi/", {"action": "add", "date": "2030-03-12", "kind": "day_off", "name": "Nghỉ thêm", "source": "TB"}
    )
    assert added.status_code == 302
    assert CalendarDay.objects.filter(date=dt.date(2030, 3, 12)).exists()
    assert "Nghỉ thêm" in client.get("/lich-nghi/?nam=2030").content.decode()
    bad = client.post("/lich-nghi/", {"action": "add", "date": "2030-03-12", "kind": "working_day", "name": "X"})
    assert bad.status_code == 400 and "thứ Bảy" in bad.content.decode()
    client.post("/lich-nghi/", {"action": "remove", "date": "2030-03-12", "nam": "2030"})
    assert not CalendarDay.objects.filter(date=dt.date(2030, 3, 12)).exists()


@pytest.mark.parametrize("who", ["commune_b_cadre", "leader", "citizen"])
def test_calendar_page_is_404_for_others(cast, login, who):
    client = login(getattr(cast, who))
    assert client.get("/lich-nghi/").status_code == 404
    assert client.post("/lich-nghi/", {"action": "remove", "date": "2025-04-26"}).status_code == 404
