"""Malformed API input answers 4xx with a Vietnamese message, never 500; credentials are judged on their own;
the OpenAPI document says what the routes answer and which need no credentials."""

from __future__ import annotations

import json

import pytest

from sausat.core.models import AuditEvent
from sausat.core.tokens import issue_token
from sausat.opinions.models import Opinion

pytestmark = pytest.mark.django_db

HUGE = str(2**70)
LISTS = [
    "/api/v1/units/",
    "/api/v1/people/",
    "/api/v1/people/organs/",
    "/api/v1/meetings/",
    "/api/v1/opinions/",
    "/api/v1/directives/tasks",
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("param", ["limit", "offset"])
def test_pagination_beyond_bounds_is_a_422_with_a_message(cast, login, path, param):
    response = login(cast.admin).get(f"{path}?{param}={HUGE}")
    assert response.status_code == 422
    body = response.json()
    assert param in body["message"] and "không hợp lệ" in body["message"]
    assert body["detail"][0]["msg"].startswith("phải nhỏ hơn hoặc bằng")


def test_negative_or_zero_pagination_is_a_422(cast, login):
    client = login(cast.admin)
    assert client.get("/api/v1/units/?limit=0").status_code == 422
    assert client.get("/api/v1/units/?offset=-1").status_code == 422
    assert client.get("/api/v1/units/?limit=abc").json()["detail"][0]["msg"] == "phải là số nguyên"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/units/?q=%00",
        "/api/v1/units/?parent=a%00b",
        "/api/v1/units/%00",
        "/api/v1/people/?q=x%00",
        "/api/v1/opinions/?q=%00",
    ],
)
def test_nul_in_path_or_query_is_a_422(cast, login, url):
    response = login(cast.admin).get(url)
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]


def test_nul_in_a_json_body_is_a_422_and_writes_nothing(cast, login):
    client = login(cast.secretary)
    before = (Opinion.all_objects.count(), AuditEvent.objects.count())
    body = {"text": "Có ký tự\u0000lạ", "unit_code": cast.commune_a.code, "idempotency_key": "nul-1"}
    response = client.post("/api/v1/opinions/", json.dumps(body), content_type="application/json")
    assert response.status_code == 422 and "NUL" in response.json()["detail"]
    # An escaped backslash before u0000 is text, not a NUL: it goes through.
    body = {**body, "text": "Đường dẫn C:\\u0000", "idempotency_key": "nul-2"}
    assert client.post("/api/v1/opinions/", json.dumps(body), content_type="application/json").status_code == 200
    assert Opinion.all_objects.count() == before[0] + 1


def test_nul_in_a_page_query_is_a_400(cast, login):
    response = login(cast.admin).get("/chi-dao/?q=%00")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("query", ["year=99999&quarter=1", "year=1999&quarter=1", "year=2026&quarter=7", "quarter=0"])
def test_out_of_range_year_or_quarter_is_a_422(cast, login, query):
    response = login(cast.admin).get(f"/api/v1/directives/tasks?{query}")
    assert response.status_code == 422
    assert "không hợp lệ" in response.json()["message"]


def test_board_ignores_an_out_of_range_quarter(cast, login):
    assert login(cast.admin).get("/chi-dao/?year=99999&quarter=1").status_code == 200


def test_in_range_year_and_quarter_still_filter(cast, login):
    assert login(cast.admin).get("/api/v1/directives/tasks?year=2026&quarter=2").status_code == 200


@pytest.mark.parametrize("header", ["Bearer ss_wrong", "Basic dXNlcjpwYXNz", "Token abc", "Bearer"])
@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/units/?limit=1"])
def test_invalid_credentials_beside_a_valid_session_are_a_401(cast, login, header, path):
    client = login(cast.secretary)
    assert client.get(path).status_code == 200
    response = client.get(path, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_valid_key_beside_another_users_session_acts_as_the_key(cast, login):
    _token, key = issue_token(actor=cast.commune_b_cadre, user=cast.commune_b_cadre, name="b")
    client = login(cast.secretary)
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert me["username"] == cast.commune_b_cadre.get_username()


def test_not_found_is_vietnamese(cast, login):
    response = login(cast.admin).get("/api/v1/opinions/999999999")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Không tìm thấy")


def _ref_properties(spec: dict, schema: dict) -> set[str]:
    if "$ref" in schema:
        return set(spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]["properties"])
    if "items" in schema:
        return _ref_properties(spec, schema["items"])
    return set(schema.get("properties", {}))


def test_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").json()

    def op(path, method="get"):
        return spec["paths"][path][method]

    def response_schema(path):
        return op(path)["responses"]["200"]["content"]["application/json"]["schema"]

    # The two unit schemas no longer share a name: each route's response has its own fields.
    paged_units = spec["components"]["schemas"][response_schema("/api/v1/units/")["$ref"].rsplit("/", 1)[1]]
    assert "official_code" in _ref_properties(spec, paged_units["properties"]["items"])
    assert "role" in _ref_properties(spec, response_schema("/api/v1/liaison/units"))
    # Public routes need no credentials; the others do.
    assert {} in op("/api/v1/units/")["security"] and {} in op("/api/v1/people/organs/{organ_id}")["security"]
    assert {} not in op("/api/v1/opinions/")["security"] and {} not in op("/api/v1/me")["security"]
    # Error answers are documented everywhere, with their shape.
    for operations in spec["paths"].values():
        for operation in operations.values():
            assert {"400", "401", "404", "422"} <= set(operation["responses"])
    quarter = next(p for p in op("/api/v1/directives/tasks")["parameters"] if p["name"] == "quarter")
    assert '"maximum": 4' in json.dumps(quarter)
    assert "ApiError" in spec["components"]["schemas"]
