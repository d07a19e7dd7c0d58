"""The cadre menu shows to readers by role and costs no query on a page; a person's own record is
linked from their account page, the only page that asks whether they have one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sausat.cadres import policy
from sausat.core import navigation
from sausat.core.policy import scope_for

pytestmark = pytest.mark.django_db


def _menu_href() -> str:
    return f'href="{reverse("cadres:index")}"'


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_menu_decision_is_made_from_the_scope_without_a_query(cast, board, cadre):
    expected = {board: True, cast.leader: True, cast.commune_a_cadre: False, cast.citizen: False}
    for user, visible in expected.items():
        scope_for(user)  # a page resolves the scope once, for every menu entry and its content
        with CaptureQueriesContext(connection) as ctx:
            assert policy.sees_area(user) is visible
        assert ctx.captured_queries == []


def test_menu_costs_no_query_on_a_signed_in_page(cast, cadre, login, monkeypatch):
    client = login(cast.commune_a_cadre)
    client.get("/")  # warm the per-process caches
    with_menu = _queries(client, "/")
    monkeypatch.delitem(navigation._AREAS, "cadres:index")
    assert _queries(client, "/") == with_menu


def test_menu_for_readers_only_own_record_from_the_account_page(cast, board, cadre, login):
    record = reverse("cadres:record", args=[cadre.person_id])
    assert _menu_href() in login(board).get("/").content.decode()
    holder = login(cast.commune_a_cadre)
    assert _menu_href() not in holder.get("/").content.decode()
    account = holder.get(reverse("accounts:account")).content.decode()
    assert f'href="{record}"' in account and "Hồ sơ cán bộ của tôi" in account
    # The link opens the record; the menu's address still leads a holder there too.
    assert holder.get(record).status_code == 200
    assert holder.get(reverse("cadres:index")).url == record

    for user in (cast.citizen, cast.commune_b_cadre):  # no record of their own
        page = login(user).get(reverse("accounts:account")).content.decode()
        assert "Hồ sơ cán bộ của tôi" not in page and reverse("cadres:index") not in page
