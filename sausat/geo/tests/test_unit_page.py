import pytest

from sausat.core.actors import SystemActor
from sausat.geo.models import AdministrativeUnit
from sausat.people import demo, services

pytestmark = pytest.mark.django_db


def test_unit_page_groups_organs_by_kind_and_lists_office_holders(cast, client):
    body = client.get(f"/dia-ban/{cast.province.code}/").content.decode()
    assert 'id="organ-groups"' in body
    assert "Cấp ủy Đảng" in body and "Ủy ban nhân dân" in body and "Sở, ban, ngành" in body
    assert body.index("Cấp ủy Đảng") < body.index("Sở, ban, ngành")
    assert "Hình thành từ các đơn vị trước 1/7/2025" in body
    assert f"/can-bo/?unit={cast.province.code}" in body
    # Only the province's secretaries see the hamlet import link.
    assert "/nhap-thon/" not in body


def test_legacy_unit_shows_what_it_is_now_part_of_and_its_holders(cast, client):
    demo.seed_seed_people()
    body = client.get("/dia-ban/L-p93/").content.decode()
    assert 'id="now-part-of"' in body and "Thành phố Cần Thơ" in body
    assert "Lê Tiến Châu" in body and "Bí thư Tỉnh ủy" in body


def test_secretary_sees_the_hamlet_import_link(cast, login):
    body = login(cast.secretary).get(f"/dia-ban/{cast.province.code}/").content.decode()
    assert f"/dia-ban/{cast.province.code}/nhap-thon/" in body


def test_directory_filters_by_unit_including_legacy_units(cast, login):
    demo.seed_seed_people()
    here = services.create_person(actor=SystemActor(reason="test"), full_name="Kha Văn Tỏ", home_unit=cast.commune_a)
    client = login(cast.leader)
    in_commune = client.get(f"/can-bo/?unit={cast.commune_a.code}").content.decode()
    assert "Kha Văn Tỏ" in in_commune and "Lê Tiến Châu" not in in_commune
    hau_giang = client.get("/can-bo/?unit=L-p93").content.decode()
    assert "Lê Tiến Châu" in hau_giang and "Phan Việt Cường" not in hau_giang
    fragment = client.get(f"/can-bo/?unit={cast.commune_a.code}&q=kha van", HTTP_HX_REQUEST="true")
    assert "Kha Văn Tỏ" in fragment.content.decode() and "<html" not in fragment.content.decode()
    api = client.get(f"/api/v1/people/?unit={cast.commune_a.code}").json()
    assert [p["full_name"] for p in api["items"]].count(here.full_name) == 1
    assert client.get("/api/v1/people/?unit=nope").json()["count"] == 0


def test_person_page_offers_position_forms_only_to_secretaries(cast, login):
    person = services.create_person(actor=SystemActor(reason="test"), full_name="Ông Văn Tám", home_unit=cast.commune_a)
    assert 'id="add-position"' in login(cast.secretary).get(f"/can-bo/{person.pk}/").content.decode()
    assert 'id="add-position"' not in login(cast.commune_a_cadre).get(f"/can-bo/{person.pk}/").content.decode()
    response = login(cast.commune_a_cadre).post(f"/can-bo/{person.pk}/chuc-vu/", {"title": "Trưởng thôn"})
    assert response.status_code == 404
    assert login(cast.commune_b_cadre).post(f"/can-bo/{person.pk}/chuc-vu/", {"title": "X"}).status_code == 404
    organ = AdministrativeUnit.objects.get(pk=cast.commune_a.pk).organs.first()
    ok = login(cast.secretary).post(
        f"/can-bo/{person.pk}/chuc-vu/", {"title": "Trưởng thôn", "organ": organ.pk, "start_date": "01/07/2025"}
    )
    assert ok.status_code == 302
    position = person.positions.get()
    assert position.organ == organ and position.unit == organ.unit and str(position.start_date) == "2025-07-01"
    bad = login(cast.secretary).post(f"/can-bo/{person.pk}/chuc-vu/{position.pk}/ket-thuc/", {"end_date": "2025-01-01"})
    assert bad.status_code == 302
    position.refresh_from_db()
    assert position.end_date is None
