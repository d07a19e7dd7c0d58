"""Follow-up notes, the answer counter, the register's group filter and sorts, and paged detail reads."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sausat.core.models import AuditEvent
from sausat.opinions import services
from sausat.opinions.models import Channel, FollowUpNote, Opinion, Outcome
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db


def _opinion(cast, meeting, i: int, **kwargs) -> Opinion:
    return services.register_opinion(
        actor=cast.secretary,
        text=f"Đề nghị số {i} về phụ cấp kiêm nhiệm",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key=f"fu-{i}",
        meeting=meeting,
        author_name=f"Người góp ý {i}",
        **kwargs,
    )


def test_note_is_audited_and_needs_text(cast):
    meeting = make_meeting(cast)
    opinion = _opinion(cast, meeting, 1)
    note = services.add_note(actor=cast.secretary, opinion=opinion, text="  Đã  gọi điện cho xã  ")
    assert note.text == "Đã gọi điện cho xã"
    assert note.author_id == cast.secretary.pk
    assert AuditEvent.objects.filter(object_type="opinions.followupnote", object_id=str(note.pk)).count() == 1
    with pytest.raises(ValidationError):
        services.add_note(actor=cast.secretary, opinion=opinion, text="   ")
    assert FollowUpNote.objects.count() == 1


def test_note_form_allowed_for_office_404_for_commune_b(cast, login):
    meeting = make_meeting(cast)
    opinion = _opinion(cast, meeting, 2)
    url = reverse("opinions:add_note", args=[opinion.pk])
    response = login(cast.secretary).post(url, {"text": "Chuyển Sở Nội vụ xem xét"})
    assert response.status_code == 302
    page = login(cast.secretary).get(reverse("opinions:detail", args=[opinion.pk]))
    assert "Chuyển Sở Nội vụ xem xét" in page.content.decode()
    # Commune A's cadre may read the named opinion but not its internal notes, nor add one.
    reader = login(cast.commune_a_cadre)
    page = reader.get(reverse("opinions:detail", args=[opinion.pk]))
    assert page.status_code == 200
    assert "Chuyển Sở Nội vụ xem xét" not in page.content.decode()
    assert reader.post(url, {"text": "x"}).status_code == 404
    assert login(cast.commune_b_cadre).post(url, {"text": "x"}).status_code == 404
    assert FollowUpNote.objects.count() == 1


def test_posting_a_note_reads_the_opinion_without_the_pages_joins(cast, login):
    """The post reads the opinion with its meeting and units only (issue 17, S6), and still writes
    the note and its audit row."""
    opinion = _opinion(cast, make_meeting(cast), 3)
    client = login(cast.secretary)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("opinions:add_note", args=[opinion.pk]), {"text": "Đã nhắc xã"})
    assert response.status_code == 302
    read = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "opinions_opinion"'))
    assert read.upper().count(" JOIN ") <= 3, read
    assert FollowUpNote.objects.filter(opinion=opinion, text="Đã nhắc xã").exists()
    assert AuditEvent.objects.filter(verb="opinion.note").exists()


def test_answer_count_kept_and_sorts(cast, login):
    meeting = make_meeting(cast)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Phụ cấp")
    other = services.create_group(actor=cast.secretary, meeting=meeting, title="Đào tạo")
    first = _opinion(cast, meeting, 10, group=group)
    second = _opinion(cast, meeting, 11, group=group)
    _opinion(cast, meeting, 12, group=other)
    for _ in range(3):
        services.answer_opinion(actor=cast.secretary, opinion=first, text="Trả lời", outcome=Outcome.ANSWERED)
    first.refresh_from_db()
    assert first.answer_count == 3
    client = login(cast.secretary)
    base = reverse("opinions:index") + f"?meeting={meeting.pk}&group={group.pk}"
    most = client.get(base + "&sort=answers").context["page"].object_list
    assert [o.pk for o in most] == [first.pk, second.pk]
    unanswered = client.get(base + "&sort=unanswered").context["page"].object_list
    assert [o.pk for o in unanswered] == [second.pk, first.pk]
    api = client.get(f"/api/v1/opinions/?meeting={meeting.pk}&group={group.pk}&sort=answers").json()
    assert [o["id"] for o in api["items"]] == [first.pk, second.pk]
    assert api["items"][0]["answer_count"] == 3


def test_answers_api_pages_newest_first_and_scoped(cast, login):
    meeting = make_meeting(cast)
    opinion = _opinion(cast, meeting, 20)
    for i in range(25):
        services.answer_opinion(actor=cast.secretary, opinion=opinion, text=f"Lần {i}", outcome=Outcome.ANSWERED)
    client = login(cast.secretary)
    page = client.get(f"/api/v1/opinions/{opinion.pk}/answers?limit=20").json()
    assert page["count"] == 25
    assert len(page["items"]) == 20
    assert page["items"][0]["text"] == "Lần 24"
    assert login(cast.commune_b_cadre).get(f"/api/v1/opinions/{opinion.pk}/answers").status_code == 404
    client = login(cast.secretary)
    created = client.post(
        f"/api/v1/opinions/{opinion.pk}/notes", {"text": "Theo dõi tiếp"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert client.get(f"/api/v1/opinions/{opinion.pk}/notes").json()["count"] == 1
    assert login(cast.commune_a_cadre).get(f"/api/v1/opinions/{opinion.pk}/notes").status_code == 404


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_opinion_reads_have_constant_query_counts(cast, login):
    """S2–S5 and S7–S8 of the speed harness: query counts do not grow with answers, notes, history."""
    meeting = make_meeting(cast)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Phụ cấp")
    opinion = _opinion(cast, meeting, 30, group=group)
    organ = responder_organ(cast)
    services.assign(actor=cast.secretary, organ=organ, opinion=opinion)

    def grow(start: int, count: int) -> None:
        for i in range(start, start + count):
            services.answer_opinion(actor=cast.secretary, opinion=opinion, text=f"Trả lời {i}", outcome="answered")
            services.add_note(actor=cast.secretary, opinion=opinion, text=f"Ghi chú {i}")
            extra = _opinion(cast, meeting, 100 + i, group=group)
            services.assign(actor=cast.secretary, organ=organ, opinion=extra)

    grow(0, 2)
    client = login(cast.secretary)
    urls = [
        reverse("opinions:index") + f"?meeting={meeting.pk}",
        reverse("opinions:index") + f"?meeting={meeting.pk}&group={group.pk}&sort=answers",
        reverse("opinions:index") + f"?meeting={meeting.pk}&group={group.pk}&sort=unanswered",
        reverse("opinions:index") + f"?meeting={meeting.pk}&q=phu+cap",
        reverse("opinions:detail", args=[opinion.pk]),
        f"/api/v1/opinions/{opinion.pk}/answers?limit=20",
        f"/api/v1/opinions/?meeting={meeting.pk}&limit=20",
    ]
    note_url = reverse("opinions:add_note", args=[opinion.pk])

    def post_note() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(note_url, {"text": "Đã nhắc cơ quan trả lời"})
        assert response.status_code == 302
        return len(ctx.captured_queries)

    before = {url: _count(client, url) for url in urls}
    note_before = post_note()
    queue_before = _count(login(cast.responder), reverse("opinions:queue"))
    grow(2, 30)
    client = login(cast.secretary)
    after = {url: _count(client, url) for url in urls}
    assert after == before
    assert post_note() == note_before
    assert _count(login(cast.responder), reverse("opinions:queue")) == queue_before
