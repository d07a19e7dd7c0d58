"""Names of bodies and document header lines on real units of every type (issue 18).

The units come from the loaded map: a province (An Giang), a centrally-run city (Cần Thơ), a xã,
a phường and an đặc khu, and the legacy province Hậu Giang and one of its communes before 1/7/2025.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sausat.core.actors import SystemActor
from sausat.geo import naming as geo
from sausat.geo.models import AdministrativeUnit, DivisionType, Level
from sausat.people import naming
from sausat.people.data.organ_templates import TEMPLATES
from sausat.people.models import Organ, OrganKind
from sausat.people.services import seed_organs

pytestmark = pytest.mark.django_db
ACTOR = SystemActor(reason="test")
BEFORE = dt.date(2021, 4, 27)  # the Hậu Giang dialogue of seed 000


def unit(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code)


@pytest.fixture
def a(units):
    """Real units of every type, checked to be of the type the test says."""
    found = {
        "province": unit("p91"),  # Tỉnh An Giang
        "city": unit("p92"),  # Thành phố Cần Thơ
        "phuong": unit("w31321"),  # Phường Vị Thanh (Cần Thơ)
        "xa": unit("w31441"),  # Xã Vị Thủy (Cần Thơ)
        "dac_khu": unit("w31078"),  # Đặc khu Phú Quốc (An Giang)
        "legacy_province": unit("L-p93"),  # Tỉnh Hậu Giang, until 30/6/2025
        "legacy_city": unit("L-p92"),  # Thành phố Cần Thơ before the merger
    }
    found["legacy_xa"] = (
        AdministrativeUnit.objects.filter(path__startswith="/L-p93/", level=Level.COMMUNE, division_type="xa")
        .order_by("code")
        .first()
    )
    expected = {
        "province": DivisionType.TINH,
        "city": DivisionType.THANH_PHO_TRUNG_UONG,
        "phuong": DivisionType.PHUONG,
        "xa": DivisionType.XA,
        "dac_khu": DivisionType.DAC_KHU,
        "legacy_province": DivisionType.TINH,
        "legacy_city": DivisionType.THANH_PHO_TRUNG_UONG,
        "legacy_xa": DivisionType.XA,
    }
    assert {k: u.division_type for k, u in found.items()} == expected
    return found


def test_unit_forms_use_the_lower_case_type_inside_phrases(a):
    assert geo.unit_phrase(a["province"]) == "tỉnh An Giang"
    assert geo.unit_phrase(a["city"]) == "thành phố Cần Thơ"
    assert geo.unit_phrase(a["phuong"]) == "phường Vị Thanh"
    assert geo.unit_phrase(a["dac_khu"]) == "đặc khu Phú Quốc"
    assert geo.unit_title(a["city"]) == "Thành phố Cần Thơ"
    assert f"Bí thư {geo.committee_name(a['xa'])}" == "Bí thư Đảng ủy xã Vị Thủy"


@pytest.mark.parametrize(
    ("key", "who", "expected"),
    [
        ("party_committee", "province", "Tỉnh ủy An Giang"),
        ("party_committee", "city", "Thành ủy Cần Thơ"),
        ("party_committee", "phuong", "Đảng ủy phường Vị Thanh"),
        ("party_committee", "xa", "Đảng ủy xã Vị Thủy"),
        ("party_committee", "dac_khu", "Đảng ủy đặc khu Phú Quốc"),
        ("party_standing", "city", "Ban Thường vụ Thành ủy Cần Thơ"),
        ("party_permanent", "city", "Thường trực Thành ủy Cần Thơ"),
        ("party_permanent", "xa", "Thường trực Đảng ủy xã Vị Thủy"),
        ("party_office", "phuong", "Văn phòng Đảng ủy phường Vị Thanh"),
        ("party_inspection", "dac_khu", "Ủy ban Kiểm tra Đảng ủy đặc khu Phú Quốc"),
        ("peoples_council", "city", "Hội đồng nhân dân thành phố Cần Thơ"),
        ("peoples_council", "province", "Hội đồng nhân dân tỉnh An Giang"),
        ("peoples_committee", "city", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("peoples_committee", "xa", "Ủy ban nhân dân xã Vị Thủy"),
        ("peoples_committee", "dac_khu", "Ủy ban nhân dân đặc khu Phú Quốc"),
        ("dept_home_affairs", "city", "Sở Nội vụ thành phố Cần Thơ"),
        ("dept_home_affairs", "province", "Sở Nội vụ tỉnh An Giang"),
        ("youth_union", "city", "Thành Đoàn Cần Thơ"),
        ("youth_union", "province", "Tỉnh Đoàn An Giang"),
        ("youth_union", "phuong", "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường Vị Thanh"),
        ("fatherland_front", "city", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ"),
        ("fatherland_front", "xa", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Vị Thủy"),
        ("council_committee_office", "xa", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Vị Thủy"),
        ("office_economy", "xa", "Phòng Kinh tế xã Vị Thủy"),
        ("office_economy", "phuong", "Phòng Kinh tế, Hạ tầng và Đô thị phường Vị Thanh"),
        ("party_agencies_committee", "city", "Đảng ủy các cơ quan Đảng thành phố Cần Thơ"),
    ],
)
def test_body_names_follow_the_unit_type(a, key, who, expected):
    assert naming.body_name(key, a[who]) == expected


def test_legacy_units_keep_the_names_of_their_era(a):
    assert naming.body_name("party_committee", a["legacy_province"], on=BEFORE) == "Tỉnh ủy Hậu Giang"
    assert naming.body_name("party_committee", a["legacy_city"], on=BEFORE) == "Thành ủy Cần Thơ"
    assert naming.body_name("bloc_party_committee", a["legacy_province"], on=BEFORE) == (
        "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Hậu Giang"
    )
    # The Đảng ủy Khối is gone after 1/7/2025; a current province has no such body.
    with pytest.raises(KeyError):
        naming.body_name("bloc_party_committee", a["city"])
    name = naming.body_name("party_committee", a["legacy_xa"], on=BEFORE)
    assert name == f"Đảng ủy xã {a['legacy_xa'].short_name}"


def test_every_template_row_cites_its_basis_and_parents_exist():
    for template in TEMPLATES:
        keys = {row.key for row in template.rows}
        for row in template.rows:
            assert row.basis.strip(), (template.key, row.key)
            assert not row.parent or row.parent in keys, (template.key, row.key)


def _seeded(u: AdministrativeUnit, on: dt.date | None = None) -> dict[str, Organ]:
    seed_organs(actor=ACTOR, unit=u, on=on)
    return {o.key: o for o in Organ.objects.filter(unit=u).select_related("parent", "unit__parent")}


def test_seeded_organs_have_front_parents_and_separate_standing_bodies(a):
    city = _seeded(a["city"])
    assert city["party_committee"].name == "Thành ủy Cần Thơ"
    assert city["party_committee"].short_name == "Thành ủy"
    assert city["peoples_committee"].short_name == "UBND thành phố"
    assert city["party_standing"].kind == OrganKind.PARTY_STANDING
    assert city["party_permanent"].kind == OrganKind.PARTY_PERMANENT
    assert city["party_standing"].pk != city["party_permanent"].pk
    for key in ("farmers_union", "womens_union", "youth_union", "veterans_union", "labour_federation"):
        assert city[key].parent == city["fatherland_front"], key
    assert city["dept_home_affairs"].parent == city["peoples_committee"]
    assert "bloc_party_committee" not in city
    # Seeding again changes nothing.
    count = Organ.objects.filter(unit=a["city"]).count()
    seed_organs(actor=ACTOR, unit=a["city"])
    assert Organ.objects.filter(unit=a["city"]).count() == count
    dac_khu = _seeded(a["dac_khu"])
    assert dac_khu["office_economy"].name == "Phòng Kinh tế, Hạ tầng và Đô thị đặc khu Phú Quốc"
    assert dac_khu["youth_union"].parent == dac_khu["fatherland_front"]


@pytest.mark.parametrize(
    ("who", "key", "expected"),
    [
        ("city", "party_committee", ("", "THÀNH ỦY CẦN THƠ")),
        ("province", "party_standing", ("", "TỈNH ỦY AN GIANG")),
        ("city", "party_office", ("THÀNH ỦY CẦN THƠ", "VĂN PHÒNG")),
        ("phuong", "party_committee", ("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG ỦY PHƯỜNG VỊ THANH")),
        ("xa", "party_permanent", ("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG ỦY XÃ VỊ THỦY")),
        ("dac_khu", "party_committee", ("ĐẢNG BỘ TỈNH AN GIANG", "ĐẢNG ỦY ĐẶC KHU PHÚ QUỐC")),
        ("city", "peoples_committee", ("", "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ")),
        ("city", "dept_home_affairs", ("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ")),
        ("xa", "peoples_committee", ("", "ỦY BAN NHÂN DÂN XÃ VỊ THỦY")),
        (
            "phuong",
            "council_committee_office",
            ("ỦY BAN NHÂN DÂN PHƯỜNG VỊ THANH", "VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN"),
        ),
    ],
)
def test_header_lines(a, who, key, expected):
    organs = _seeded(a[who])
    assert naming.header_lines(organs[key]) == expected


def test_header_lines_of_a_legacy_province_and_commune(a):
    hau_giang = _seeded(a["legacy_province"], on=BEFORE)
    assert naming.header_lines(hau_giang["party_standing"]) == ("", "TỈNH ỦY HẬU GIANG")
    assert naming.header_lines(hau_giang["party_office"]) == ("TỈNH ỦY HẬU GIANG", "VĂN PHÒNG")
    commune = _seeded(a["legacy_xa"], on=BEFORE)
    district = a["legacy_xa"].parent
    superior, issuing = naming.header_lines(commune["party_committee"])
    assert superior == geo.upper(f"Đảng bộ {geo.forms(district).word} {district.short_name}")
    assert issuing == geo.upper(f"Đảng ủy xã {a['legacy_xa'].short_name}")
    assert "Xã" not in naming.body_name("peoples_committee", a["legacy_xa"], on=BEFORE)
