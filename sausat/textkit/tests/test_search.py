"""Search over people, units and organs ignores diacritics and case, on SQLite and PostgreSQL alike."""

import pytest

from sausat.core.actors import SystemActor
from sausat.geo.selectors import search_units
from sausat.people import services
from sausat.people.selectors import search_organs, search_persons

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["dong thap", "ĐỒNG THÁP", "Dong Thap", "đồng tháp", "  dong   thap "])
def test_units_are_found_without_diacritics_or_case(units, query):
    names = [u.name for u in search_units(query)]
    assert "Tỉnh Đồng Tháp" in names


def test_legacy_units_are_found_on_request(units):
    assert "Tỉnh Hậu Giang" not in [u.name for u in search_units("hau giang")]
    assert "Tỉnh Hậu Giang" in [u.name for u in search_units("hau giang", current_only=False)]


@pytest.mark.parametrize("query", ["nguyen van a", "NGUYEN VAN A", "Nguyễn văn a", "nguyễn  văn  a", "van a"])
def test_persons_are_found_without_diacritics_or_case(cast, query):
    person = services.create_person(
        actor=SystemActor(reason="test"), full_name="Nguyễn Văn A", home_unit=cast.commune_a
    )
    assert person in search_persons(cast.admin, query)


def test_exact_diacritics_rank_first(cast):
    plain = services.create_person(actor=SystemActor(reason="test"), full_name="Le Van Hoa", home_unit=cast.commune_a)
    accented = services.create_person(
        actor=SystemActor(reason="test"), full_name="Lê Văn Hòa", home_unit=cast.commune_a
    )
    found = list(search_persons(cast.admin, "Lê Văn Hòa"))
    assert found.index(accented) < found.index(plain)
    assert {plain, accented} <= set(search_persons(cast.admin, "le van hoa"))


def test_stored_names_are_nfc_without_invisible_characters(cast):
    decomposed = "Tra\u0302\u0300n\u200b Thi\u0323 Bi\u0300nh"
    person = services.create_person(actor=SystemActor(reason="test"), full_name=decomposed, home_unit=cast.commune_a)
    person.refresh_from_db()
    assert person.full_name == "Trần Thị Bình"
    assert person in search_persons(cast.admin, "tran thi binh")


def test_tone_placement_variants_share_a_match_key(cast):
    a = services.create_person(actor=SystemActor(reason="test"), full_name="Nguyễn Thị Hoà", home_unit=cast.commune_a)
    b = services.create_person(actor=SystemActor(reason="test"), full_name="Nguyễn Thị Hòa", home_unit=cast.commune_a)
    assert a.match_key == b.match_key
    assert {a, b} <= set(search_persons(cast.admin, "nguyen thi hoa"))


def test_organs_are_found_without_diacritics(cast):
    names = [o.name for o in search_organs(cast.admin, "so noi vu")]
    assert any(name.startswith("Sở Nội vụ") for name in names)
    assert [o.name for o in search_organs(cast.admin, "ỦY BAN NHÂN DÂN")]
