import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from sausat.core.actors import SystemActor
from sausat.core.models import ApiToken, AuditEvent
from sausat.core.tokens import issue_token, revoke_token
from sausat.people import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune_a_person(cast):
    return services.create_person(
        actor=SystemActor(reason="test"), full_name="Nguyễn Thị Lan", home_unit=cast.commune_a
    )


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_token_page_issues_a_key_shown_once_and_revokes_it(cast, login):
    client = login(cast.commune_a_cadre)
    issued = client.post("/tai-khoan/khoa-api/", {"action": "issue", "name": "Phần mềm xã"})
    assert issued.status_code == 200
    key = re.search(r"<code>(ss_[A-Za-z0-9_-]+)</code>", issued.content.decode()).group(1)
    token = ApiToken.objects.get(user=cast.commune_a_cadre)
    assert token.key_hash != key and key not in str(AuditEvent.objects.filter(verb="api_token.issue").values())
    listing = client.get("/tai-khoan/khoa-api/").content.decode()
    assert "Phần mềm xã" in listing and key not in listing
    from django.test import Client

    assert Client().get("/api/v1/people/", **bearer(key)).status_code == 200
    client.post("/tai-khoan/khoa-api/", {"action": "revoke", "token_id": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/people/", **bearer(key)).status_code == 401


def test_a_user_cannot_revoke_someone_elses_token(cast, login):
    token, _key = issue_token(actor=cast.secretary, user=cast.secretary, name="VP")
    response = login(cast.commune_b_cadre).post("/tai-khoan/khoa-api/", {"action": "revoke", "token_id": token.pk})
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_bearer_token_acts_as_its_user_and_respects_scope(cast, commune_a_person, client):
    _t, key_a = issue_token(actor=cast.commune_a_cadre, user=cast.commune_a_cadre, name="a")
    _t, key_b = issue_token(actor=cast.commune_b_cadre, user=cast.commune_b_cadre, name="b")
    assert client.get(f"/api/v1/people/{commune_a_person.pk}", **bearer(key_a)).status_code == 200
    assert client.get(f"/api/v1/people/{commune_a_person.pk}", **bearer(key_b)).status_code == 404
    assert client.get("/api/v1/people/999999999", **bearer(key_b)).status_code == 404
    names_b = [p["full_name"] for p in client.get("/api/v1/people/?q=nguyen thi lan", **bearer(key_b)).json()["items"]]
    assert "Nguyễn Thị Lan" not in names_b
    names_a = [p["full_name"] for p in client.get("/api/v1/people/?q=nguyen thi lan", **bearer(key_a)).json()["items"]]
    assert "Nguyễn Thị Lan" in names_a
    # Anonymous callers see no commune person, and a wrong or revoked key is not a login.
    assert client.get(f"/api/v1/people/{commune_a_person.pk}").status_code == 404
    assert client.get(f"/api/v1/people/{commune_a_person.pk}", **bearer("ss_wrong")).status_code == 401
    assert client.get("/api/v1/units/p92", **bearer("ss_wrong")).status_code == 401
    revoke_token(ApiToken.objects.get(user=cast.commune_a_cadre), actor=cast.commune_a_cadre)
    assert client.get(f"/api/v1/people/{commune_a_person.pk}", **bearer(key_a)).status_code == 401


def test_organs_endpoint(cast, client):
    listing = client.get(f"/api/v1/people/organs/?unit={cast.province.code}").json()
    assert listing["count"] > 0
    first = listing["items"][0]
    assert first["unit_code"] == cast.province.code
    assert client.get(f"/api/v1/people/organs/{first['id']}").json()["name"] == first["name"]
    assert client.get("/api/v1/people/organs/999999999").status_code == 404
    found = client.get("/api/v1/people/organs/?q=so noi vu").json()["items"]
    assert any(o["name"].startswith("Sở Nội vụ") for o in found)


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


def test_every_api_url_is_documented_in_openapi(client):
    """Zulip style: an endpoint missing from the OpenAPI document fails the build."""
    schema = client.get("/api/v1/openapi.json").json()
    documented = set(schema["paths"])
    routes = [(r, name) for r, name in _walk(get_resolver().url_patterns) if r.startswith("api/v1/")]
    assert len(routes) > 4
    missing = []
    for route, name in routes:
        if name in {"api-root", "openapi-json", "openapi-view"}:  # ninja's own pages, not endpoints
            continue
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        if path not in documented:
            missing.append(path)
    assert not missing, f"not in /api/v1/openapi.json: {missing}"
