"""The calendar is national (administrators edit it); each province adds local days off that only
its own secretaries edit and only its units' deadlines count (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from sausat.core import calendar
from sausat.core.models import CalendarDay
from sausat.core.services import remove_calendar_day, set_calendar_day
from sausat.geo.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db

TUESDAY = dt.date(2030, 3, 12)


@pytest.fixture
def other_province(cast):
    return AdministrativeUnit.objects.filter(level=Level.PROVINCE).current().exclude(pk=cast.province.pk).first()


def test_a_provinces_secretary_cannot_change_the_national_calendar(cast, login):
    calendar.invalidate_cache()
    with pytest.raises(Http404):
        set_calendar_day(actor=cast.secretary, date=TUESDAY, kind="day_off", name="Nghỉ thêm")
    assert not CalendarDay.objects.exists() or not CalendarDay.objects.filter(date=TUESDAY).exists()
    client = login(cast.secretary)
    response = client.post(
        "/lich-nghi/?tinh=", {"action": "add", "date": "2030-03-12", "kind": "day_off", "name": "Nghỉ thêm"}
    )
    # The secretary's form is their province's; nothing national was written.
    assert not CalendarDay.objects.filter(date=TUESDAY, province__isnull=True).exists()
    assert response.status_code in (302, 404)
    assert calendar.is_working_day(TUESDAY)
    # The administrator keeps the national calendar.
    set_calendar_day(actor=cast.admin, date=TUESDAY, kind="day_off", name="Nghỉ thêm")
    assert not calendar.is_working_day(TUESDAY)
    with pytest.raises(Http404):
        remove_calendar_day(actor=cast.secretary, date=TUESDAY)
    assert remove_calendar_day(actor=cast.admin, date=TUESDAY)


def test_local_day_off_counts_only_for_its_provinces_units(cast, other_province):
    calendar.invalidate_cache()
    set_calendar_day(
        actor=cast.secretary, date=TUESDAY, kind="day_off", name="Ngày giải phóng tỉnh", province=cast.province
    )
    assert not calendar.is_working_day(TUESDAY, place=cast.commune_a)
    assert not calendar.is_working_day(TUESDAY, place=cast.province)
    assert calendar.is_working_day(TUESDAY, place=other_province)
    assert calendar.is_working_day(TUESDAY)
    monday = dt.date(2030, 3, 11)
    assert calendar.deadline(monday, 1, calendar.PeriodUnit.WORKING_DAYS, place=cast.commune_a) == dt.date(2030, 3, 13)
    assert calendar.deadline(monday, 1, calendar.PeriodUnit.WORKING_DAYS, place=other_province) == TUESDAY
    # A local day never turns a weekend into a working day.
    with pytest.raises(Exception, match="Ngày làm bù"):
        set_calendar_day(
            actor=cast.secretary, date=dt.date(2030, 3, 16), kind="working_day", name="Làm bù", province=cast.province
        )


def test_a_secretary_cannot_edit_another_provinces_days(cast, other_province, login):
    with pytest.raises(Http404):
        set_calendar_day(actor=cast.secretary, date=TUESDAY, kind="day_off", name="X", province=other_province)
    client = login(cast.secretary)
    assert client.get(f"/lich-nghi/?tinh={other_province.code}").status_code == 404
    response = client.post(
        "/lich-nghi/",
        {"action": "add", "tinh": other_province.code, "date": "2030-03-12", "kind": "day_off", "name": "X"},
    )
    assert response.status_code == 404
    assert not CalendarDay.objects.filter(date=TUESDAY).exists()


def test_calendar_page_for_a_secretary_edits_their_provinces_local_days(cast, login):
    client = login(cast.secretary)
    page = client.get("/lich-nghi/?nam=2030")
    assert page.status_code == 200 and "Thêm ngày nghỉ riêng của tỉnh" in page.content.decode()
    added = client.post(
        "/lich-nghi/", {"action": "add", "date": "2030-03-12", "kind": "day_off", "name": "Lễ hội tỉnh"}
    )
    assert added.status_code == 302
    row = CalendarDay.objects.get(date=TUESDAY)
    assert row.province == cast.province
    assert "Lễ hội tỉnh" in client.get("/lich-nghi/?nam=2030").content.decode()
    client.post("/lich-nghi/", {"action": "remove", "date": "2030-03-12", "nam": "2030"})
    assert not CalendarDay.objects.filter(date=TUESDAY).exists()


def test_task_deadline_in_working_days_counts_the_provinces_local_day_off(cast):
    from sausat.directives.services import compute_due_date

    calendar.invalidate_cache()
    set_calendar_day(actor=cast.secretary, date=TUESDAY, kind="day_off", name="Lễ hội tỉnh", province=cast.province)
    due = compute_due_date(kind="working_days", document_date=dt.date(2030, 3, 11), days=1, place=cast.province)
    assert due == dt.date(2030, 3, 13)
