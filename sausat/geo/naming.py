"""How a unit's name is written inside the names of its bodies and on document headers.

One place for the forms an office checks first: "tỉnh Hậu Giang" but "thành phố Cần Thơ" inside a
phrase ("Bí thư Đảng ủy xã Vị Tân", never "Đảng ủy Xã Vị Tân" or "Đảng ủy Vị Tân"); "Tỉnh ủy" for a
province, "Thành ủy" for a centrally-run city (and a provincial city before 2025), "Đảng ủy xã /
phường / đặc khu …" for the commune level; upper-case forms for headers ("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ").
The unit's own ``division_type`` decides, so a legacy unit keeps the forms it had in its era.
"""

from __future__ import annotations

from dataclasses import dataclass

from sausat.geo.models import AdministrativeUnit, DivisionType


@dataclass(frozen=True)
class TypeForms:
    word: str  # the type as written inside a phrase: "tỉnh", "thành phố", "xã"
    committee: str  # the Party committee's own word: "Tỉnh ủy", "Thành ủy", "Đảng ủy"
    youth: str  # the youth union's word; "" when it is written "Đoàn Thanh niên … {unit}"
    symbol: str  # the committee's abbreviation in document symbols ("12-TB/TU")


_FORMS = {
    DivisionType.TINH: TypeForms("tỉnh", "Tỉnh ủy", "Tỉnh Đoàn", "TU"),
    # Rules B.8: "TU" is commonly written for a Thành ủy too (to verify against the Party's guidance).
    DivisionType.THANH_PHO_TRUNG_UONG: TypeForms("thành phố", "Thành ủy", "Thành Đoàn", "TU"),
    DivisionType.QUAN: TypeForms("quận", "Quận ủy", "Quận Đoàn", "QU"),
    DivisionType.HUYEN: TypeForms("huyện", "Huyện ủy", "Huyện Đoàn", "HU"),
    DivisionType.THI_XA: TypeForms("thị xã", "Thị ủy", "Thị Đoàn", "TXU"),
    DivisionType.THANH_PHO: TypeForms("thành phố", "Thành ủy", "Thành Đoàn", "TU"),
    DivisionType.XA: TypeForms("xã", "Đảng ủy", "", "ĐU"),
    DivisionType.PHUONG: TypeForms("phường", "Đảng ủy", "", "ĐU"),
    DivisionType.THI_TRAN: TypeForms("thị trấn", "Đảng ủy", "", "ĐU"),
    DivisionType.DAC_KHU: TypeForms("đặc khu", "Đảng ủy", "", "ĐU"),
    DivisionType.THON: TypeForms("thôn", "Chi bộ", "", "CB"),
    DivisionType.AP: TypeForms("ấp", "Chi bộ", "", "CB"),
    DivisionType.BAN: TypeForms("bản", "Chi bộ", "", "CB"),
    DivisionType.TO_DAN_PHO: TypeForms("tổ dân phố", "Chi bộ", "", "CB"),
    DivisionType.KHU_PHO: TypeForms("khu phố", "Chi bộ", "", "CB"),
    DivisionType.KHU_VUC: TypeForms("khu vực", "Chi bộ", "", "CB"),
    DivisionType.KHOM: TypeForms("khóm", "Chi bộ", "", "CB"),
}
_OTHER = TypeForms("", "Đảng ủy", "", "ĐU")
# Bodies whose name puts their own word before the unit's bare name ("Tỉnh ủy Hậu Giang").
_NAMED_WITHOUT_TYPE = {
    DivisionType.TINH,
    DivisionType.THANH_PHO_TRUNG_UONG,
    DivisionType.QUAN,
    DivisionType.HUYEN,
    DivisionType.THI_XA,
    DivisionType.THANH_PHO,
}


def forms(unit: AdministrativeUnit) -> TypeForms:
    return _FORMS.get(unit.division_type, _OTHER)


def bare_name(unit: AdministrativeUnit) -> str:
    return unit.short_name or unit.name


def unit_phrase(unit: AdministrativeUnit) -> str:
    """The unit inside a phrase: "tỉnh Hậu Giang", "thành phố Cần Thơ", "phường Vị Thanh"."""
    word = forms(unit).word
    return f"{word} {bare_name(unit)}" if word else bare_name(unit)


def unit_title(unit: AdministrativeUnit) -> str:
    """The unit standing alone: "Tỉnh Hậu Giang", "Thành phố Cần Thơ", "Đặc khu Phú Quốc"."""
    phrase = unit_phrase(unit)
    return phrase[:1].upper() + phrase[1:]


def committee_word(unit: AdministrativeUnit) -> str:
    """The Party committee's word: "Tỉnh ủy", "Thành ủy", "Đảng ủy"."""
    return forms(unit).committee


def committee_name(unit: AdministrativeUnit) -> str:
    """ "Tỉnh ủy Hậu Giang", "Thành ủy Cần Thơ", "Đảng ủy phường Vị Thanh", "Chi bộ ấp Mỹ Hòa"."""
    if unit.division_type in _NAMED_WITHOUT_TYPE:
        return f"{committee_word(unit)} {bare_name(unit)}"
    return f"{committee_word(unit)} {unit_phrase(unit)}"


def party_organisation(unit: AdministrativeUnit) -> str:
    """The Party organisation of the unit: "Đảng bộ tỉnh Hậu Giang", "Đảng bộ phường Vị Thanh"."""
    return f"Đảng bộ {unit_phrase(unit)}"


def youth_union(unit: AdministrativeUnit) -> str:
    """ "Tỉnh Đoàn Hậu Giang", "Thành Đoàn Cần Thơ", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Vị Tân"."""
    word = forms(unit).youth
    if word:
        return f"{word} {bare_name(unit)}"
    return f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {unit_phrase(unit)}"


def youth_word(unit: AdministrativeUnit) -> str:
    return forms(unit).youth or "Đoàn Thanh niên"


def party_symbol(unit: AdministrativeUnit) -> str:
    """The committee's part of a Party document symbol: "TU" in "12-TB/TU", "ĐU" for a commune."""
    return forms(unit).symbol


def upper(text: str) -> str:
    """Upper case for headers; Python's mapping is right for Vietnamese letters (đ -> Đ, ư -> Ư)."""
    return text.upper()
