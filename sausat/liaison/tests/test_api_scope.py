"""Field writes stay inside the caller's scope, in the API and in the service behind it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.http import Http404

from sausat.core.models import AuditEvent
from sausat.liaison import services
from sausat.liaison.models import Activity
from sausat.liaison.services import ActivityInput

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int]:
    return Activity.all_objects.count(), AuditEvent.objects.count()


def test_api_log_out_of_scope_answers_404_and_writes_nothing(cast, liaison_setup, login):
    client = login(cast.liaison)
    before = counts()
    body = {"idempotency_key": "api-out-000001", "date": dt.date.today().isoformat(), "notes": "Ngoài địa bàn"}
    url = f"/api/v1/liaison/units/{cast.commune_b.pk}/activities"
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 404
    assert counts() == before


def test_the_service_refuses_a_unit_outside_the_actors_scope(cast, liaison_setup):
    _decision, assignment = liaison_setup
    before = counts()
    data = ActivityInput(kind="contact", date=dt.date.today(), notes="Gọi điện")
    with pytest.raises(Http404):
        services.log_activity(
            actor=cast.liaison,
            cadre=assignment.cadre,
            unit=cast.commune_b,
            assignment=None,
            data=data,
            idempotency_key="svc-out-000001",
        )
    # An assignment for commune A does not open commune B either.
    with pytest.raises(Http404):
        services.log_activity(
            actor=cast.liaison,
            cadre=assignment.cadre,
            unit=cast.commune_b,
            assignment=assignment,
            data=data,
            idempotency_key="svc-out-000002",
        )
    assert counts() == before
    activity, created = services.log_activity(
        actor=cast.liaison,
        cadre=assignment.cadre,
        unit=cast.commune_a,
        assignment=assignment,
        data=data,
        idempotency_key="svc-in-0000001",
    )
    assert created and activity.unit_id == cast.commune_a.pk
