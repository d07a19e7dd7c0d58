"""A meeting's page shows the dates its rules give it and whether they are met (issue 18):
Art. 43 of the Law on Organisation of Local Government 2025 for a commune dialogue conference,
QĐ 11-QĐi/TW as amended by KL 215-KL/TW for reception days."""

from __future__ import annotations

import datetime as dt

import pytest

from sausat.core.calendar import VN_TZ
from sausat.meetings import meeting_rules, services
from sausat.meetings.models import Meeting, MeetingKind, MeetingStatus

pytestmark = pytest.mark.django_db

HELD = dt.datetime(2026, 3, 10, 8, 0, tzinfo=VN_TZ)


def _dialogue(cast, unit, starts_at=HELD):
    return services.create_meeting(
        actor=cast.secretary, title="Hội nghị đối thoại với Nhân dân phường", starts_at=starts_at, unit=unit
    )


def _published(cast, meeting, on: dt.datetime):
    for status in (MeetingStatus.OPEN, MeetingStatus.HELD):
        meeting = services.set_status(actor=cast.secretary, meeting=meeting, status=status)
    meeting = services.publish_results(actor=cast.secretary, meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(results_published_at=on)  # as if published that day
    meeting.refresh_from_db()
    return meeting


def test_a_commune_dialogue_gets_the_dates_of_article_43(cast):
    meeting = _dialogue(cast, cast.commune_a)
    announce, results = meeting_rules.checks_for(meeting, dt.date(2026, 3, 1))
    assert announce.due == dt.date(2026, 3, 3) and announce.state == meeting_rules.PENDING
    assert "Điều 43" in announce.setting.basis
    assert results.due == dt.date(2026, 3, 20) and results.state == meeting_rules.PENDING
    # After the day, not published: not met; the announcement date is not on record.
    announce, results = meeting_rules.checks_for(meeting, dt.date(2026, 3, 25))
    assert announce.state == meeting_rules.UNKNOWN and results.state == meeting_rules.NOT_MET
    on_time = _published(cast, meeting, dt.datetime(2026, 3, 18, 9, 0, tzinfo=VN_TZ))
    assert meeting_rules.checks_for(on_time, dt.date(2026, 3, 25))[1].state == meeting_rules.MET
    late = _published(cast, _dialogue(cast, cast.commune_a), dt.datetime(2026, 3, 21, 9, 0, tzinfo=VN_TZ))
    assert meeting_rules.checks_for(late, dt.date(2026, 3, 25))[1].state == meeting_rules.NOT_MET


def test_article_43_applies_to_commune_dialogues_from_1_7_2025_only(cast):
    assert meeting_rules.checks_for(_dialogue(cast, cast.province), dt.date(2026, 4, 1)) == []
    before = _dialogue(cast, cast.commune_a, dt.datetime(2025, 6, 20, 8, 0, tzinfo=VN_TZ))
    assert meeting_rules.checks_for(before, dt.date(2026, 4, 1)) == []


def test_reception_days_follow_the_amended_regulation_by_tier_and_month(cast):
    def reception(unit, day):
        return services.create_meeting(
            actor=cast.secretary, title="Tiếp công dân định kỳ", starts_at=day, unit=unit, kind=MeetingKind.RECEPTION
        )

    first = reception(cast.commune_a, dt.datetime(2026, 1, 8, 8, 0, tzinfo=VN_TZ))
    (check,) = meeting_rules.checks_for(first, dt.date(2026, 1, 20))
    assert "215-KL/TW" in check.setting.basis and "ít nhất 2 ngày" in check.what
    assert check.state == meeting_rules.PENDING
    assert meeting_rules.checks_for(first, dt.date(2026, 2, 1))[0].state == meeting_rules.NOT_MET
    reception(cast.commune_a, dt.datetime(2026, 1, 22, 8, 0, tzinfo=VN_TZ))
    assert meeting_rules.checks_for(first, dt.date(2026, 2, 1))[0].state == meeting_rules.MET
    province = reception(cast.province, dt.datetime(2026, 1, 9, 8, 0, tzinfo=VN_TZ))
    assert meeting_rules.checks_for(province, dt.date(2026, 2, 1))[0].state == meeting_rules.MET
    # Before KL 215: QĐ 11 alone, with no confirmed figure for a commune.
    old = reception(cast.commune_a, dt.datetime(2025, 3, 4, 8, 0, tzinfo=VN_TZ))
    assert meeting_rules.checks_for(old, dt.date(2026, 2, 1)) == []


def test_the_meeting_page_shows_the_rules_and_is_404_out_of_scope(cast, login):
    meeting = _dialogue(cast, cast.commune_a)
    page = login(cast.secretary).get(f"/hoi-nghi/{meeting.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="meeting-rules"' in body and "Luật Tổ chức chính quyền địa phương 2025, Điều 43" in body
    assert "03/03/2026" in body and "20/03/2026" in body and "Chưa đạt" in body
    assert login(cast.commune_b_cadre).get(f"/hoi-nghi/{meeting.pk}/").status_code == 404


def test_a_reception_day_page_shows_the_amended_regulation(cast, login):
    assert meeting_rules.RECEPTION_KIND == MeetingKind.RECEPTION
    meeting = services.create_meeting(
        actor=cast.secretary,
        title="Bí thư Đảng ủy tiếp công dân",
        starts_at=dt.datetime(2026, 1, 8, 8, 0, tzinfo=VN_TZ),
        unit=cast.commune_a,
        kind=MeetingKind.RECEPTION,
    )
    body = login(cast.secretary).get(f"/hoi-nghi/{meeting.pk}/").content.decode()
    assert 'id="meeting-rules"' in body and "215-KL/TW" in body and "Tiếp dân định kỳ ít nhất 2 ngày" in body
