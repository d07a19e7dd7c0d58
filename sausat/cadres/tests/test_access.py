"""The cadre record's access matrix: board, committee and the person read; everyone else 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sausat.cadres.models import AccessKind, RecordAccess

pytestmark = pytest.mark.django_db


def _url(cadre):
    return reverse("cadres:record", args=[cadre.person_id])


@pytest.mark.parametrize("who", ["board", "leader", "self"])
def test_allowed_readers_see_the_record_and_each_read_is_logged(who, cast, board, cadre, login):
    user = {"board": board, "leader": cast.leader, "self": cast.commune_a_cadre}[who]
    before = RecordAccess.objects.filter(person=cadre.person, user=user).count()
    response = login(user).get(_url(cadre))
    assert response.status_code == 200
    assert cadre.person.full_name in response.content.decode()
    rows = RecordAccess.objects.filter(person=cadre.person, user=user)
    assert rows.count() == before + 1
    assert rows.first().what == AccessKind.RECORD


@pytest.mark.parametrize(
    "who", ["secretary", "responder", "liaison", "commune_b_cadre", "citizen", "admin", "other_leader", "superuser"]
)
def test_everyone_else_gets_404_and_nothing_leaks(who, cast, cadre, other_province_leader, login, django_user_model):
    if who == "other_leader":
        user = other_province_leader
    elif who == "superuser":
        user = django_user_model.objects.create_superuser("sieu", password="x-unused-123456")
    else:
        user = getattr(cast, who)
    client = login(user)
    for url in (
        _url(cadre),
        reverse("cadres:record_export", args=[cadre.person_id]),
        f"/api/v1/cadres/records/{cadre.person_id}",
    ):
        assert client.get(url).status_code == 404, (who, url)
    assert not RecordAccess.objects.filter(user=user).exists()


def test_missing_record_is_the_same_404(cast, board, login):
    assert login(board).get(reverse("cadres:record", args=[999999])).status_code == 404


def test_record_page_shows_who_read_it_to_the_board(cast, board, cadre, login):
    login(cast.leader).get(_url(cadre))
    page = login(board).get(_url(cadre)).content.decode()
    assert 'id="reads"' in page and cast.leader.get_username() in page


def test_the_person_does_not_see_the_access_log(cast, cadre, login):
    page = login(cast.commune_a_cadre).get(_url(cadre)).content.decode()
    assert 'id="reads"' not in page


def test_docx_export_is_logged(cast, board, cadre, login):
    response = login(board).get(reverse("cadres:record_export", args=[cadre.person_id]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert RecordAccess.objects.filter(person=cadre.person, user=board, what=AccessKind.EXPORT).count() == 1


def test_api_record_logs_the_read(cast, board, cadre, login):
    response = login(board).get(f"/api/v1/cadres/records/{cadre.person_id}")
    assert response.status_code == 200
    assert response.json()["full_name"] == cadre.person.full_name
    assert RecordAccess.objects.filter(person=cadre.person, user=board).count() == 1


def test_index_lists_records_for_the_board_and_redirects_the_person(cast, board, cadre, login):
    assert cadre.person.full_name in login(board).get(reverse("cadres:index")).content.decode()
    response = login(cast.commune_a_cadre).get(reverse("cadres:index"))
    assert response.status_code == 302 and response.url == _url(cadre)
    assert login(cast.citizen).get(reverse("cadres:index")).status_code == 404


def test_record_page_query_count_is_constant(cast, board, cadre, login, django_assert_max_num_queries):
    client = login(board)
    client.get(_url(cadre))
    with django_assert_max_num_queries(30):
        assert client.get(_url(cadre)).status_code == 200
