"""Tasks directed from opinions go into the conclusion notice of their conference (dated by the notice),
or, for an opinion received outside a conference, into a register entry dated by the answer; never into a
per-commune document dated this year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sausat.directives import services
from sausat.directives.models import DirectingDocument, DocumentKind, Task
from sausat.opinions import services as opinion_services
from sausat.opinions.models import Channel, Outcome
from sausat.opinions.tests.factories import make_meeting

from .conftest import vn

pytestmark = pytest.mark.django_db


def _opinion(cast, key: str, meeting=None, unit=None):
    return opinion_services.register_opinion(
        actor=cast.secretary,
        text=f"Đề nghị sửa đường giao thông nông thôn ({key})",
        channel=Channel.PAPER,
        unit=unit or cast.commune_a,
        idempotency_key=f"opinion-task-{key}",
        meeting=meeting,
    )


def _direct(cast, opinion, lead, at):
    return opinion_services.answer_opinion(
        actor=cast.secretary,
        opinion=opinion,
        text="Giao Sở rà soát, đề xuất phương án.",
        outcome=Outcome.DIRECTED,
        directed_organ=lead,
        directed_deadline=dt.date(2021, 6, 30),
        answered_at=at,
    )


def test_tasks_join_the_registered_notice_of_their_conference_dated_by_the_notice(cast, organs):
    meeting = make_meeting(cast)
    notice = services.register_document(
        actor=cast.secretary,
        kind=DocumentKind.CONCLUSION_NOTICE,
        issuing_organ=organs["province"]["Thành ủy"],
        number="15",
        symbol="TB/TU",
        date=dt.date(2021, 5, 4),
        title="Thông báo kết luận hội nghị đối thoại",
        unit=cast.province,
        meeting=meeting,
    )
    lead = organs["province"]["Sở Nội vụ"]
    first = _opinion(cast, "a", meeting)
    second = _opinion(cast, "b", meeting, unit=cast.commune_b)
    _direct(cast, first, lead, vn(2021, 5, 10))
    _direct(cast, second, lead, vn(2021, 5, 20))
    tasks = list(Task.objects.filter(source_opinion__in=[first, second]))
    assert len(tasks) == 2
    assert {t.document_id for t in tasks} == {notice.pk}
    assert all(t.document.date == dt.date(2021, 5, 4) for t in tasks)
    # Nothing per commune, nothing dated this year.
    assert not DirectingDocument.objects.filter(unit__in=[cast.commune_a, cast.commune_b]).exists()
    assert not DirectingDocument.objects.filter(title__contains="chỉ đạo giải quyết năm").exists()


def test_without_a_registered_notice_the_conference_gets_one_dated_by_the_first_direction(cast, organs):
    meeting = make_meeting(cast)
    lead = organs["province"]["Sở Y tế"]
    _direct(cast, _opinion(cast, "c", meeting), lead, vn(2021, 5, 11))
    _direct(cast, _opinion(cast, "d", meeting), lead, vn(2021, 6, 2))
    [doc] = DirectingDocument.objects.filter(meeting=meeting)
    assert doc.kind == DocumentKind.CONCLUSION_NOTICE and doc.date == dt.date(2021, 5, 11)
    assert doc.unit == meeting.unit and doc.tasks.count() == 2


def test_an_opinion_outside_a_conference_gets_a_register_entry_dated_by_its_answer(cast, organs, login):
    lead = organs["province"]["Sở Nội vụ"]
    first, second = _opinion(cast, "e"), _opinion(cast, "f")
    _direct(cast, first, lead, vn(2021, 8, 3))
    _direct(cast, second, lead, vn(2021, 9, 14))
    a, b = Task.objects.get(source_opinion=first), Task.objects.get(source_opinion=second)
    assert a.document_id != b.document_id
    assert a.document.kind == DocumentKind.OPINION_DIRECTION and a.document.date == dt.date(2021, 8, 3)
    assert b.document.date == dt.date(2021, 9, 14)
    assert a.document.unit == first.unit
    # The task stays visible to the office and hidden from commune B.
    assert login(cast.secretary).get(reverse("directives:task", args=[a.pk])).status_code == 200
    assert login(cast.commune_b_cadre).get(reverse("directives:task", args=[a.pk])).status_code == 404


def test_document_page_links_the_meeting_record(cast, organs, login):
    meeting = make_meeting(cast)
    doc = services.register_document(
        actor=cast.secretary,
        kind=DocumentKind.CONCLUSION_NOTICE,
        issuing_organ=organs["province"]["Thành ủy"],
        date=dt.date(2021, 3, 19),
        title="Thông báo kết luận buổi làm việc",
        unit=cast.province,
        meeting=meeting,
    )
    assert doc.meeting_ref == meeting.title
    page = login(cast.secretary).get(reverse("directives:document", args=[doc.pk])).content.decode()
    assert reverse("meetings:detail", args=[meeting.pk]) in page


def test_demo_working_session_notice_points_at_the_meeting_record(cast):
    from sausat.directives import demo
    from sausat.people import demo as people_demo

    people_demo.seed_seed_people()
    demo.seed()
    demo.seed()
    doc = DirectingDocument.objects.get(meeting_ref=demo.MEETING)
    assert doc.meeting is not None and doc.meeting.demo_key == demo.SESSION_KEY
    assert doc.meeting.kind == "working_session" and doc.date == dt.date(2021, 3, 19)
