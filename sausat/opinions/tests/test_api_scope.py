"""Writes through the API stay inside the caller's scope: out of scope answers 404 and writes nothing."""

from __future__ import annotations

import pytest
from django.http import Http404

from sausat.core.models import AuditEvent
from sausat.geo.models import AdministrativeUnit
from sausat.opinions import services
from sausat.opinions.models import Channel, FollowUpNote, Opinion
from sausat.opinions.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def foreign_commune(cast) -> AdministrativeUnit:
    """A commune of another province than the cast's."""
    return (
        AdministrativeUnit.objects.current()
        .filter(level=cast.commune_a.level)
        .exclude(scope_path__startswith=cast.province.scope_path)
        .order_by("code")
        .first()
    )


def body(unit_code: str, key: str) -> dict:
    return {"text": "Đề nghị sửa đường liên ấp", "channel": "other", "unit_code": unit_code, "idempotency_key": key}


def counts() -> tuple[int, int]:
    return Opinion.all_objects.count(), AuditEvent.objects.count()


def test_register_in_another_province_answers_404_and_writes_nothing(cast, login):
    client = login(cast.secretary)
    before = counts()
    response = client.post("/api/v1/opinions/", body(foreign_commune(cast).code, "k1"), content_type="application/json")
    assert response.status_code == 404
    assert counts() == before


def test_register_through_own_meeting_into_a_foreign_unit_is_refused(cast, login):
    meeting = make_meeting(cast)
    client = login(cast.secretary)
    before = counts()
    payload = {**body(foreign_commune(cast).code, "k2"), "meeting_id": meeting.pk}
    assert client.post("/api/v1/opinions/", payload, content_type="application/json").status_code == 404
    assert counts() == before


def test_register_in_scope_still_works(cast, login):
    response = login(cast.secretary).post(
        "/api/v1/opinions/", body(cast.commune_a.code, "k3"), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["unit_code"] == cast.commune_a.code


def test_commune_cadre_cannot_register_even_in_own_commune(cast, login):
    before = counts()
    response = login(cast.commune_a_cadre).post(
        "/api/v1/opinions/", body(cast.commune_a.code, "k4"), content_type="application/json"
    )
    assert response.status_code == 404
    assert counts() == before


def test_the_service_itself_refuses_out_of_scope_targets(cast):
    other_meeting = make_meeting(cast)
    before = counts()
    with pytest.raises(Http404):
        services.register_for_unit(
            actor=cast.secretary,
            text="Ngoài phạm vi",
            channel=Channel.OTHER,
            unit=foreign_commune(cast),
            idempotency_key="svc-1",
        )
    with pytest.raises(Http404):
        services.register_for_unit(
            actor=cast.commune_b_cadre,
            text="Không quản lý hội nghị",
            channel=Channel.OTHER,
            unit=cast.commune_b,
            meeting=other_meeting,
            idempotency_key="svc-2",
        )
    assert counts() == before


def test_note_out_of_scope_answers_404_and_writes_nothing(cast, login):
    opinion = services.register_opinion(
        actor=cast.secretary, text="Ý kiến xã A", channel=Channel.OTHER, unit=cast.commune_a, idempotency_key="n1"
    )
    before = (FollowUpNote.objects.count(), AuditEvent.objects.count())
    client = login(cast.commune_b_cadre)
    url = f"/api/v1/opinions/{opinion.pk}/notes"
    assert client.post(url, {"text": "Ghi chú"}, content_type="application/json").status_code == 404
    with pytest.raises(Http404):
        services.add_note(actor=cast.commune_b_cadre, opinion=opinion, text="Ghi chú")
    assert (FollowUpNote.objects.count(), AuditEvent.objects.count()) == before
