import json

import pytest

from sausat.core.actors import SystemActor
from sausat.people import services
from sausat.people.policy import person_or_404, visible_persons
from sausat.people.selectors import search_persons

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune_a_clerk(cast):
    return services.create_person(actor=SystemActor(reason="test"), full_name="Nguyễn Văn A", home_unit=cast.commune_a)


def test_commune_a_cadre_sees_their_commune_person(cast, commune_a_clerk):
    assert person_or_404(cast.commune_a_cadre, commune_a_clerk.pk) == commune_a_clerk


def test_commune_b_cadre_gets_404_for_commune_a_person(cast, commune_a_clerk, login):
    from django.http import Http404

    with pytest.raises(Http404):
        person_or_404(cast.commune_b_cadre, commune_a_clerk.pk)
    response = login(cast.commune_b_cadre).get(f"/can-bo/{commune_a_clerk.pk}/")
    assert response.status_code == 404
    missing = login(cast.commune_b_cadre).get("/can-bo/999999999/")
    assert missing.status_code == 404
    api = login(cast.commune_b_cadre).get(f"/api/v1/people/{commune_a_clerk.pk}")
    assert api.status_code == 404


def test_provincial_leader_sees_commune_person_by_unaccented_search(cast, commune_a_clerk):
    assert commune_a_clerk in search_persons(cast.leader, "nguyen van a")
    assert commune_a_clerk in search_persons(cast.leader, "NGUYEN VĂN a")
    assert commune_a_clerk not in search_persons(cast.commune_b_cadre, "nguyen van a")


def test_public_office_holders_are_visible_to_everyone(cast, db):
    services.create_person  # noqa: B018  (imported for the services module being under test)
    from sausat.people import demo

    demo.seed_seed_people()
    assert visible_persons(cast.citizen).filter(full_name="Lê Tiến Châu").exists()


def test_revoked_role_ends_access_on_next_request(cast, commune_a_clerk):
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.http import Http404

    grant = cast.commune_a_cadre.role_grants.get()
    services.revoke_role(grant, actor=cast.secretary, on=dt.date(2000, 1, 1))
    fresh = get_user_model().objects.get(pk=cast.commune_a_cadre.pk)  # a new request loads the user anew
    with pytest.raises(Http404):
        person_or_404(fresh, commune_a_clerk.pk)


def test_anonymous_directory_lists_only_office_holders_without_contact_data(cast, commune_a_clerk, client):
    # A province's office holders are public information; everyone else, and anyone's phone or
    # e-mail, is not (the security probe treats the directory as public on this contract).
    holder = services.create_person(
        actor=SystemActor(reason="test"),
        full_name="Trần Thị Bí Thư",
        home_unit=cast.commune_a,
        phone="0909123456",
        email="bt@example.vn",
    )
    services.assign_position(
        actor=SystemActor(reason="test"), person=holder, title="Bí thư", unit=cast.commune_a, is_leadership=True
    )
    services.update_person(commune_a_clerk, actor=SystemActor(reason="test"), phone="0911222333")
    page = client.get("/can-bo/").content.decode()
    api = json.dumps(client.get("/api/v1/people/").json(), ensure_ascii=False)
    detail = client.get(f"/can-bo/{holder.pk}/").content.decode()
    for body in (page, api):
        assert "Trần Thị Bí Thư" in body and "Nguyễn Văn A" not in body
    for body in (page, api, detail):
        assert "0909123456" not in body and "bt@example.vn" not in body and "0911222333" not in body
    assert client.get(f"/can-bo/{commune_a_clerk.pk}/").status_code == 404
