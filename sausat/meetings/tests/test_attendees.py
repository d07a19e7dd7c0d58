"""Attendees are attendees, chairs are chairs; the conclusion is given by one of them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from sausat.core.models import AuditEvent
from sausat.meetings import services
from sausat.meetings.models import AttendeeRole
from sausat.opinions.tests.factories import make_meeting
from sausat.people.models import Organ, Person

pytestmark = pytest.mark.django_db


def _person(cast, name: str) -> Person:
    from sausat.people import services as people_services

    return people_services.create_person(actor=cast.secretary, full_name=name, home_unit=cast.province)


def test_attendees_chairs_and_the_conclusion_giver(cast, login):
    chair, guest, outsider = _person(cast, "Trần Văn Chủ"), _person(cast, "Lê Thị Dự"), _person(cast, "Ngô Văn Vắng")
    meeting = make_meeting(cast)
    meeting = services.update_meeting(meeting, actor=cast.secretary, chairs=[chair])
    organ = Organ.objects.filter(unit=cast.province).first()
    services.add_attendee(actor=cast.secretary, meeting=meeting, person=guest, title="Phó Chủ tịch UBND")
    services.add_attendee(
        actor=cast.secretary, meeting=meeting, organ=organ, label="Đại diện lãnh đạo", role=AttendeeRole.REPORTER
    )
    services.add_attendee(actor=cast.secretary, meeting=meeting, label="Điểm cầu các xã")
    assert [a.display for a in meeting.attendees_in_order()] == [
        "Lê Thị Dự, Phó Chủ tịch UBND",
        f"Đại diện lãnh đạo {organ.name}",
        "Điểm cầu các xã",
    ]
    assert AuditEvent.objects.filter(verb="meeting.attendee.add").count() == 3
    with pytest.raises(ValidationError):  # a chair is not also an attendee
        services.add_attendee(actor=cast.secretary, meeting=meeting, person=chair)
    with pytest.raises(ValidationError):  # nothing to record
        services.add_attendee(actor=cast.secretary, meeting=meeting, label="  ")
    assert meeting.conclusion_giver == chair  # nobody recorded yet: the first chair
    with pytest.raises(ValidationError):  # the conclusion is given by someone present
        services.set_conclusion_giver(actor=cast.secretary, meeting=meeting, person=outsider)
    meeting = services.set_conclusion_giver(actor=cast.secretary, meeting=meeting, person=guest)
    assert meeting.conclusion_giver == guest
    assert AuditEvent.objects.filter(verb="meeting.concluded_by", object_id=str(meeting.pk)).count() == 1
    page = login(cast.secretary).get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert 'id="meeting-attendees"' in page and "Lê Thị Dự, Phó Chủ tịch UBND" in page
    assert 'id="meeting-concluded-by"' in page
    # The attendee who concluded cannot be removed before another giver is chosen.
    attendee = meeting.attendees.get(person=guest)
    with pytest.raises(ValidationError):
        services.remove_attendee(actor=cast.secretary, attendee=attendee)


def test_only_managers_in_scope_record_attendees(cast, login):
    meeting = make_meeting(cast)
    with pytest.raises(Http404):
        services.add_attendee(actor=cast.commune_b_cadre, meeting=meeting, label="Khách")
    with pytest.raises(Http404):
        services.set_conclusion_giver(actor=cast.commune_b_cadre, meeting=meeting, person=None)
    assert not meeting.attendees.exists()
    # Invited to the meeting, the commune B cadre sees its page but not the managers' forms.
    page = login(cast.commune_b_cadre).get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:attendee_add", args=[meeting.pk]) not in page


def test_demo_working_session_and_review_conference_are_meeting_records(cast):
    """Seeds 002 and 003 as meeting records with chairs, attendees and the one who concluded (no ../shared)."""
    from sausat.meetings import demo
    from sausat.meetings.models import MeetingKind
    from sausat.people import demo as people_demo

    people_demo.seed_seed_people()
    meetings = demo.seed_meetings()
    demo.seed_meetings()  # idempotent
    session = meetings["haugiang-2021-03-17"]
    assert session.kind == MeetingKind.WORKING_SESSION and session.starts_at.date().isoformat() == "2021-03-17"
    assert [p.full_name for p in session.chairs_in_order()] == ["Lê Tiến Châu", "Đồng Văn Thanh"]
    assert session.concluded_by.full_name == "Lê Tiến Châu"
    assert session.attendees.count() == 10
    assert session.attendees.filter(organ__isnull=False).exists()
    review = meetings["bentre-2017-04-11"]
    assert review.kind == MeetingKind.REVIEW and review.unit.code == "L-p83"
    assert [p.full_name for p in review.chairs_in_order()] == ["Phan Văn Mãi", "Trần Ngọc Tam", "Cao Văn Trọng"]
    assert review.concluded_by.full_name == "Phan Văn Mãi"
    reporter = review.attendees.get(role=AttendeeRole.REPORTER)
    assert reporter.person.full_name == "Hồ Thị Hoàng Yến"
    assert review.attendees.count() == 5
    hg = meetings["haugiang-2021-04-27"]
    assert hg.chairs_in_order() == [] and hg.concluded_by.full_name == "Lê Tiến Châu"
    for m in (session, review, hg):
        assert not m.attendees.filter(person__in=m.chairs.all()).exists()


def test_pages_add_remove_and_choose_the_conclusion_giver(cast, login):
    chair = _person(cast, "Phạm Văn Trì")
    meeting = services.update_meeting(make_meeting(cast), actor=cast.secretary, chairs=[chair])
    client = login(cast.secretary)
    add = reverse("meetings:attendee_add", args=[meeting.pk])
    assert client.post(add, {"label": "Đại diện các sở, ngành", "role": "attendee"}).status_code == 302
    attendee = meeting.attendees.get()
    assert attendee.label == "Đại diện các sở, ngành"
    giver = reverse("meetings:conclusion_giver", args=[meeting.pk])
    assert client.post(giver, {"person": str(chair.pk)}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.concluded_by == chair
    outsider = _person(cast, "Đỗ Thị Ngoài")
    assert client.post(giver, {"person": str(outsider.pk)}).status_code == 404
    other = login(cast.commune_b_cadre)
    assert other.post(add, {"label": "Khách lạ", "role": "attendee"}).status_code == 404
    remove = reverse("meetings:attendee_remove", args=[meeting.pk, attendee.pk])
    assert other.post(remove).status_code == 404
    client = login(cast.secretary)  # the login fixture reuses one client
    assert client.post(remove).status_code == 302
    assert not meeting.attendees.exists()


SESSION_ARTICLE = """Thường trực Tỉnh ủy làm việc với các sở

Cập nhật: 15/03/2024 | 09:00

Sáng ngày 14/3, tại Hội trường Tỉnh ủy, Thường trực Tỉnh ủy Hậu Giang có buổi làm việc với các sở. \
Đồng chí Nghiêm Văn Thử, Bí thư Tỉnh ủy chủ trì buổi làm việc. Tham dự có các đồng chí: Lê Văn Một, \
Phó Chủ tịch UBND tỉnh; Trần Thị Hai, Giám đốc Sở Nội vụ.
"""


def test_an_imported_article_records_its_named_participants_as_attendees(cast):
    """Written for this test (no seed text): chair chosen by the user, participants become attendee rows."""
    from sausat.meetings.article_import import save_meeting
    from sausat.textkit.articles import parse_article

    chair = _person(cast, "Nghiêm Văn Thử")
    one = _person(cast, "Lê Văn Một")
    record = parse_article(SESSION_ARTICLE)
    meeting = save_meeting(actor=cast.secretary, record=record, unit_code="L-p93", chair_ids=[chair.pk])
    assert meeting.kind == "working_session" and meeting.chairs_in_order() == [chair]
    rows = meeting.attendees_in_order()
    # Lê Văn Một exists: linked when the meeting's tree holds that person; Trần Thị Hai is kept as read.
    assert [a.display for a in rows] == [
        "Lê Văn Một, Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "Trần Thị Hai, Giám đốc Sở Nội vụ",
    ]
    assert rows[0].person_id in (None, one.pk) and rows[1].person_id is None
    assert not meeting.attendees.filter(person=chair).exists()
