from __future__ import annotations

import pytest
from django.urls import reverse

from sausat.meetings import services as meeting_services
from sausat.meetings.models import MeetingStatus
from sausat.opinions import services
from sausat.opinions.models import Channel, Opinion, Outcome
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db


def _open(cast, **kw):
    meeting = make_meeting(cast, **kw)
    return meeting_services.set_status(actor=cast.secretary, meeting=meeting, status=MeetingStatus.OPEN)


def test_pages_render_for_secretary(cast, login):
    meeting = _open(cast)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Đánh giá cán bộ")
    op = services.register_opinion(
        actor=cast.secretary,
        text="Ý kiến",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="v1",
        meeting=meeting,
        group=group,
        author_name="Nguyễn Văn A",
    )
    services.assign(actor=cast.secretary, organ=responder_organ(cast), group=group)
    client = login(cast.secretary)
    urls = [
        reverse("meetings:index"),
        reverse("meetings:create"),
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:edit", args=[meeting.pk]),
        reverse("meetings:summary", args=[meeting.pk]),
        reverse("meetings:board", args=[meeting.pk]),
        reverse("meetings:results", args=[meeting.pk]),
        reverse("meetings:notice", args=[meeting.pk]),
        reverse("meetings:qr_png", args=[meeting.pk]),
        reverse("meetings:qr_svg", args=[meeting.pk]),
        reverse("opinions:index"),
        reverse("opinions:detail", args=[op.pk]),
        reverse("opinions:queue"),
        reverse("opinions:grouping", args=[meeting.pk]),
        reverse("opinions:import", args=[meeting.pk]),
        reverse("opinions:live_entry", args=[meeting.pk]),
        reverse("opinions:answer_group", args=[group.pk]),
        reverse("opinions:import_template"),
        reverse("opinions:board_since", args=[meeting.pk]) + "?since=0",
        reverse("opinions:submit", args=[meeting.form_token]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    response = client.get(reverse("meetings:register_xlsx", args=[meeting.pk]))
    assert response.status_code == 200
    response = client.post(
        reverse("meetings:notice", args=[meeting.pk]),
        {
            "issuing_body": "Tỉnh ủy",
            "place": "Cần Thơ",
            "title": "Kết luận",
            "body": "# 1. A\n- b\nc",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")


def test_double_post_creates_one_opinion(cast, login):
    meeting = _open(cast)
    client = login(cast.commune_a_cadre)
    url = reverse("opinions:submit", args=[meeting.form_token])
    data = {"idempotency_key": "abc123", "text": "Đề nghị tăng phụ cấp kiêm nhiệm"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Opinion.objects.filter(meeting=meeting).count() == 1
    opinion = Opinion.objects.get(meeting=meeting)
    assert opinion.submitted_by_id == cast.commune_a_cadre.pk
    assert opinion.unit == cast.commune_a_cadre.person.home_unit


def test_live_entry_htmx_appends(cast, login):
    meeting = _open(cast)
    client = login(cast.secretary)
    url = reverse("opinions:live_entry", args=[meeting.pk])
    response = client.post(
        url,
        {"idempotency_key": "live-1", "speaker": "Ông B", "speaker_unit": "Xã C", "text": "Nói trực tiếp"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Nói trực tiếp" in response.content.decode()
    assert Opinion.objects.get(meeting=meeting).channel == Channel.LIVE


def test_answer_flow_notifies_author(cast, login, django_capture_on_commit_callbacks):
    meeting = _open(cast)
    client = login(cast.commune_a_cadre)
    client.post(reverse("opinions:submit", args=[meeting.form_token]), {"idempotency_key": "n1", "text": "Hỏi"})
    opinion = Opinion.objects.get(meeting=meeting)
    services.assign(actor=cast.secretary, organ=responder_organ(cast), opinion=opinion)
    client = login(cast.responder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("opinions:answer", args=[opinion.pk]),
            {"text": "Trả lời", "place": "writing", "outcome": Outcome.ANSWERED, "published": "on"},
        )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.outcome == Outcome.ANSWERED
    assert cast.commune_a_cadre.notifications.count() == 1
    meeting = meeting_services.set_status(actor=cast.secretary, meeting=meeting, status=MeetingStatus.HELD)
    meeting = meeting_services.publish_results(actor=cast.secretary, meeting=meeting)
    client.logout()
    page = client.get(reverse("meetings:public_results", args=[meeting.results_ref])).content.decode()
    assert "Trả lời" in page


def test_publish_toggle(cast, login):
    meeting = _open(cast)
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Công khai?",
        channel=Channel.LIVE,
        unit=cast.province,
        idempotency_key="pub",
        meeting=meeting,
    )
    answer = services.answer_opinion(
        actor=cast.secretary, opinion=opinion, text="Câu trả lời riêng", outcome="answered"
    )
    client = login(cast.secretary)
    results = reverse("meetings:results", args=[meeting.pk])
    assert "Câu trả lời riêng" not in client.get(results).content.decode()
    client.post(reverse("opinions:publish", args=[answer.pk]), {"published": "1"})
    assert "Câu trả lời riêng" in client.get(results).content.decode()
    assert (
        login(cast.commune_b_cadre).post(reverse("opinions:publish", args=[answer.pk]), {"published": "0"}).status_code
        == 404
    )
