from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_me_tells_roles_and_needs_sign_in(cast, login, client):
    assert client.get("/api/v1/me").status_code == 401
    client = login(cast.secretary)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/api/v1/me").json()
    assert body["username"] == cast.secretary.username
    assert body["roles"] == ["secretary"]
    assert body["unit_paths"] == [cast.province.scope_path]
    # The signed-in floor of the speed harness: session, user, role grants.
    assert len(ctx.captured_queries) <= 3
