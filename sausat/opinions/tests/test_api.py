from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from sausat.opinions import services
from sausat.opinions.models import Channel, Opinion
from sausat.opinions.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_api_register_idempotent_and_scoped(cast, login):
    meeting = make_meeting(cast)
    client = login(cast.secretary)
    body = {
        "text": "Từ quy trình khác",
        "channel": "liaison",
        "unit_code": cast.commune_a.code,
        "idempotency_key": "x1",
    }
    first = client.post("/api/v1/opinions/", {**body, "meeting_id": meeting.pk}, content_type="application/json")
    second = client.post("/api/v1/opinions/", {**body, "meeting_id": meeting.pk}, content_type="application/json")
    assert first.status_code == 200, first.content
    assert first.json()["id"] == second.json()["id"]
    assert Opinion.objects.count() == 1
    listing = client.get("/api/v1/opinions/").json()
    assert listing["count"] == 1
    # Commune B (invited to the meeting) still cannot see commune A's named opinion; a citizen sees nothing.
    other = login(cast.commune_b_cadre)
    assert other.get(f"/api/v1/opinions/{first.json()['id']}").status_code == 404
    assert login(cast.citizen).get(f"/api/v1/meetings/{meeting.pk}").status_code == 404
    other = login(cast.commune_b_cadre)
    assert other.post("/api/v1/opinions/", body, content_type="application/json").status_code == 404


def test_api_hides_anonymous_author(cast, login):
    meeting = make_meeting(cast, allow_anonymous=True)
    services.register_opinion(
        actor=AnonymousUser(),
        text="Ẩn danh",
        channel=Channel.ONLINE,
        unit=meeting.unit,
        idempotency_key="an",
        meeting=meeting,
        anonymous=True,
    )
    services.flush_anonymous(everything=True)
    data = login(cast.admin).get("/api/v1/opinions/").json()["items"][0]
    assert data["anonymous"] is True and data["author"] == ""


def test_invitee_sees_meeting_in_list(cast, login):
    meeting = make_meeting(cast)  # invites commune cadres of the province
    data = login(cast.commune_b_cadre).get("/api/v1/meetings/").json()
    assert [m["id"] for m in data["items"]] == [meeting.pk]
    assert login(cast.citizen).get("/api/v1/meetings/").json()["count"] == 0
