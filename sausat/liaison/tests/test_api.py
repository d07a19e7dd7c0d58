import datetime as dt
import json

import pytest

from sausat.liaison.models import Activity

pytestmark = pytest.mark.django_db


def test_api_log_is_idempotent_and_scoped(cast, liaison_setup, login):
    client = login(cast.liaison)
    assert [u["id"] for u in client.get("/api/v1/liaison/units").json()] == [cast.commune_a.pk]
    body = {"idempotency_key": "api-key-123456", "date": dt.date.today().isoformat(), "notes": "Gọi điện cho Bí thư"}
    url = f"/api/v1/liaison/units/{cast.commune_a.pk}/activities"
    first = client.post(url, json.dumps(body), content_type="application/json")
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert Activity.objects.count() == 1
    assert client.get(f"/api/v1/liaison/units/{cast.commune_b.pk}/activities").status_code == 404
    assert client.get("/api/v1/liaison/coverage").status_code == 404
    client.logout()
    office = login(cast.secretary).get("/api/v1/liaison/coverage").json()
    assert office[0]["id"] == cast.commune_a.pk and office[0]["days_since"] == 0
