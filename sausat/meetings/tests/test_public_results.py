"""The public results page: published only, by an unguessable reference, author names only with consent."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.geo.models import AdministrativeUnit, Level
from sausat.meetings import services
from sausat.meetings.models import Meeting, MeetingStatus
from sausat.opinions import services as opinion_services
from sausat.opinions.models import Channel, Opinion
from sausat.opinions.tests.factories import make_meeting
from sausat.people import services as people_services
from sausat.people.models import Role

pytestmark = pytest.mark.django_db


def _held(cast, **kw) -> Meeting:
    meeting = make_meeting(cast, **kw)
    for status in (MeetingStatus.OPEN, MeetingStatus.HELD):
        meeting = services.set_status(actor=cast.secretary, meeting=meeting, status=status)
    return meeting


def _answered(cast, meeting, key: str, text: str, **kw) -> Opinion:
    opinion_services.register_opinion(
        actor=cast.secretary,
        text=text,
        channel=kw.pop("channel", Channel.PAPER),
        unit=kw.pop("unit", cast.commune_a),
        idempotency_key=key,
        meeting=meeting,
        **kw,
    )
    _flush_anonymous()
    opinion = Opinion.objects.get(meeting=meeting, text=text)
    opinion_services.answer_opinion(
        actor=cast.secretary, opinion=opinion, text=f"Trả lời {key}", outcome="answered", published=True
    )
    return opinion


def _flush_anonymous() -> None:
    """Anonymous submissions may be held for a batch (anonymity against timing): write them now."""
    flush = getattr(opinion_services, "flush_anonymous", None)
    if flush is not None:
        flush(everything=True)


def _public_url(meeting: Meeting) -> str:
    return reverse("meetings:public_results", args=[meeting.results_ref])


def test_planned_meeting_cannot_be_published_and_its_results_answer_404(cast, client):
    meeting = make_meeting(cast)
    assert meeting.status == MeetingStatus.PLANNED
    with pytest.raises(ValidationError):
        services.publish_results(actor=cast.secretary, meeting=meeting)
    assert client.get(reverse("meetings:results", args=[meeting.pk])).status_code == 404
    # Even a reference forced into the row does not open a planned meeting's page.
    Meeting.objects.filter(pk=meeting.pk).update(results_ref="x" * 22, results_published_at=timezone.now())
    assert client.get(reverse("meetings:public_results", args=["x" * 22])).status_code == 404


def test_unpublished_is_404_and_republishing_keeps_the_reference(cast, client):
    meeting = _held(cast)
    _answered(cast, meeting, "r1", "Đề nghị làm đường")
    assert client.get(reverse("meetings:results", args=[meeting.pk])).status_code == 404
    meeting = services.publish_results(actor=cast.secretary, meeting=meeting)
    ref = meeting.results_ref
    assert len(ref) == 22 and ref != str(meeting.pk)
    assert client.get(_public_url(meeting)).status_code == 200
    meeting = services.unpublish_results(actor=cast.secretary, meeting=meeting)
    assert meeting.results_ref == ref
    assert client.get(_public_url(meeting)).status_code == 404
    meeting = services.publish_results(actor=cast.secretary, meeting=meeting)
    assert meeting.results_ref == ref
    assert client.get(_public_url(meeting)).status_code == 200
    verbs = list(
        AuditEvent.objects.filter(object_type="meetings.meeting", object_id=str(meeting.pk))
        .filter(verb__startswith="meeting.results_")
        .values_list("verb", "actor_id")
    )
    assert verbs == [
        ("meeting.results_publish", cast.secretary.pk),
        ("meeting.results_unpublish", cast.secretary.pk),
        ("meeting.results_publish", cast.secretary.pk),
    ]


def test_sequential_id_is_404_for_the_public_and_redirects_a_reader(cast, client, login):
    meeting = _held(cast)
    _answered(cast, meeting, "s1", "Ý kiến công khai")
    meeting = services.publish_results(actor=cast.secretary, meeting=meeting)
    old = reverse("meetings:results", args=[meeting.pk])
    response = client.get(old)
    assert response.status_code == 404
    assert "Ý kiến công khai" not in response.content.decode()
    assert client.get(f"/hoi-nghi/ket-qua/{meeting.pk}/").status_code == 404
    assert client.get("/hoi-nghi/ket-qua/khong-co-that-0000000000/").status_code == 404
    assert login(cast.citizen).get(old).status_code == 404  # signed in, may not read the meeting
    response = login(cast.commune_a_cadre).get(old)  # invited: may read it
    assert response.status_code == 302 and response["Location"] == _public_url(meeting)


def test_published_results_by_reference(cast, client, django_assert_max_num_queries):
    meeting = _held(cast)
    _answered(cast, meeting, "p1", "Đề nghị tăng phụ cấp")
    meeting = services.publish_results(actor=cast.secretary, meeting=meeting)
    with django_assert_max_num_queries(10):
        response = client.get(_public_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đề nghị tăng phụ cấp" in html and "Trả lời p1" in html
    assert "noindex" in response["X-Robots-Tag"]


def test_public_page_queries_do_not_grow_with_answers(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = services.publish_results(actor=cast.secretary, meeting=_held(cast))
    url = _public_url(meeting)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        _answered(cast, meeting, f"n{i}", f"Ý kiến {i}", author_name=f"Người {i}", name_consent=bool(i % 2))
    before = count()
    for i in range(3, 30):
        _answered(cast, meeting, f"n{i}", f"Ý kiến {i}", author_name=f"Người {i}", name_consent=bool(i % 2))
    assert count() == before


def test_author_name_only_with_consent_and_never_for_anonymous(cast, client):
    meeting = _held(cast)
    _answered(cast, meeting, "a1", "Ý kiến không đồng ý công bố tên", author_name="Nguyễn Văn Kín")
    _answered(
        cast, meeting, "a2", "Ý kiến đồng ý", author_name="Trần Thị Công", author_unit_label="Xã A", name_consent=True
    )
    _answered(
        cast,
        meeting,
        "a3",
        "Ý kiến ẩn danh",
        unit=cast.province,
        channel=Channel.ONLINE,
        anonymous=True,
        name_consent=True,
    )
    assert Opinion.objects.get(text="Ý kiến ẩn danh").name_consent is False
    meeting = services.publish_results(actor=cast.secretary, meeting=meeting)
    html = client.get(_public_url(meeting)).content.decode()
    assert "Nguyễn Văn Kín" not in html
    assert cast.commune_a.name in html  # the unit only, without consent
    assert "Trần Thị Công (Xã A)" in html
    anonymous_block = html.split("Ý kiến ẩn danh")[0].rsplit("<article", 1)[1]
    assert "—" not in anonymous_block  # no author line at all
    # Database ids never appear as opinion numbers.
    for opinion in Opinion.objects.filter(meeting=meeting):
        assert f"#{opinion.pk}" not in html


def test_consent_on_the_online_form_defaults_to_no(cast, login):
    meeting = make_meeting(cast, status=MeetingStatus.OPEN)
    client = login(cast.commune_a_cadre)
    url = reverse("opinions:submit", args=[meeting.form_token])
    assert 'name="name_consent"' in client.get(url).content.decode()
    client.post(url, {"idempotency_key": "c1", "text": "Không đồng ý"})
    client.post(url, {"idempotency_key": "c2", "text": "Đồng ý", "name_consent": "on"})
    client.post(url, {"idempotency_key": "c3", "text": "Ẩn danh", "anonymous": "on", "name_consent": "on"})
    _flush_anonymous()
    consent = dict(Opinion.objects.filter(meeting=meeting).values_list("text", "name_consent"))
    assert consent == {"Không đồng ý": False, "Đồng ý": True, "Ẩn danh": False}


def test_live_entry_consent_defaults_to_no(cast, login):
    meeting = make_meeting(cast, status=MeetingStatus.OPEN)
    client = login(cast.secretary)
    url = reverse("opinions:live_entry", args=[meeting.pk])
    client.post(url, {"idempotency_key": "l1", "speaker": "Ông B", "text": "Nói trực tiếp"})
    client.post(url, {"idempotency_key": "l2", "speaker": "Bà C", "text": "Có đồng ý", "speaker_consent": "on"})
    consent = dict(Opinion.objects.filter(meeting=meeting).values_list("author_name", "name_consent"))
    assert consent == {"Ông B": False, "Bà C": True}


def test_manager_publishes_from_the_meeting_page(cast, login):
    meeting = _held(cast)
    client = login(cast.secretary)
    detail = reverse("meetings:detail", args=[meeting.pk])
    assert 'value="publish"' in client.get(detail).content.decode()
    assert client.post(reverse("meetings:publish_results", args=[meeting.pk]), {"action": "publish"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.results_published
    html = client.get(detail).content.decode()
    assert _public_url(meeting) in html and 'value="unpublish"' in html
    # A reader who does not manage the meeting sees the link, not the buttons, and cannot publish.
    reader = login(cast.commune_a_cadre)
    html = reader.get(detail).content.decode()
    assert _public_url(meeting) in html and 'value="unpublish"' not in html
    post = reader.post(reverse("meetings:publish_results", args=[meeting.pk]), {"action": "unpublish"})
    assert post.status_code == 404
    client = login(cast.secretary)  # the fixture signs its one client in as someone else
    client.post(reverse("meetings:publish_results", args=[meeting.pk]), {"action": "unpublish"})
    meeting.refresh_from_db()
    assert not meeting.results_published


def test_manager_of_another_province_cannot_publish(cast, login):
    meeting = _held(cast)
    other = AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).exclude(pk=cast.province.pk).first()
    outsider = people_services.create_account(
        actor=SystemActor(reason="test"), username="vanphong_khac", password="x-Very-long-1"
    )
    people_services.grant_role(actor=SystemActor(reason="test"), user=outsider, role=Role.SECRETARY, unit=other)
    response = login(outsider).post(reverse("meetings:publish_results", args=[meeting.pk]), {"action": "publish"})
    assert response.status_code == 404
    with pytest.raises(Http404):
        services.publish_results(actor=outsider, meeting=meeting)
    meeting.refresh_from_db()
    assert not meeting.results_published and meeting.results_ref is None
    assert not AuditEvent.objects.filter(verb="meeting.results_publish").exists()
