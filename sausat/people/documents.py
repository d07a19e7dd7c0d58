"""Who issues a document, and how: layout, header lines, place, symbol, archive line, signature.

The bridge between the organ list and the one generator (``sausat.core.exports.official_document``):

    from sausat.people import documents

    who = documents.office_issuer(unit, party=True, on=day)   # Văn phòng Thành ủy Cần Thơ
    doc = OfficialDocument(**who.header(), number="", symbol=who.symbol("TB"), date=day, …,
                           archive=who.archive, signature=documents.office_signature(who, day))

Every name comes from the unit's type (``sausat.people.naming`` / ``sausat.geo.naming``); nothing
here names a province, a body or a year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sausat.core.exports.official_document import Authority, Layout, Signature
from sausat.geo import naming as geo
from sausat.geo.models import AdministrativeUnit
from sausat.people import naming
from sausat.people.models import Organ, Person, Position

# Symbols of the issuing body in "Số 12-TB/VPTU" / "Số: 12/TB-VPUBND". Party: rules B.8 ("TU", "ĐU",
# "VPTU"); the boards' symbols follow the common usage "BTCTU", "UBKTTU" (product default, to verify).
# State: NĐ 30/2020, Phụ lục VI (abbreviations of the body's name: "UBND", "HĐND", "VPUBND").
PARTY_BOARD_PREFIX = {
    "party_office": "VP",
    "party_organisation_board": "BTC",
    "party_propaganda_board": "BTGDV",
    "party_inspection": "UBKT",
    "party_internal_affairs_board": "BNC",
    "party_building_board": "BXDĐ",
}
STATE_SYMBOL = {
    "peoples_committee": "UBND",
    "peoples_council": "HĐND",
    "committee_office": "VPUBND",
    "council_committee_office": "VP",  # Văn phòng HĐND và UBND of a commune (product default, to verify)
    "council_office": "VPĐĐBQH&HĐND",
}
# The office that issues the conclusion notices of the leaders' meetings (rules B.8).
PARTY_OFFICE_KEY = "party_office"
STATE_OFFICE_KEYS = ("committee_office", "council_committee_office")
# The title of the office's head, who signs "T/L BAN THƯỜNG VỤ" / "TL. CHỦ TỊCH" (rules B.8).
OFFICE_HEAD_TITLE = "Chánh Văn phòng"


def _initials(name: str) -> str:
    """ "Sở Nội vụ" -> "SNV" (product default for bodies without a symbol above)."""
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()


def place_name(unit: AdministrativeUnit) -> str:
    """The place in the date line: the unit where the body sits, by its proper name ("Cần Thơ", "Vị
    Thanh"); a unit named by a number keeps its type ("Phường 5"), NĐ 30, Phụ lục I, Mục II.4.a."""
    bare = geo.bare_name(unit)
    return geo.unit_title(unit) if bare.strip().isdigit() else bare


@dataclass(frozen=True)
class Issuer:
    layout: Layout
    superior: str
    issuing: str
    place: str
    code: str  # "TU", "VPTU", "UBND", "VPUBND"
    archive: str  # the archive line's body: "Văn phòng Thành ủy" (HD 36) / "VT" (NĐ 30)
    unit: AdministrativeUnit
    organ: Organ | None = None

    @property
    def party(self) -> bool:
        return self.layout == Layout.PARTY_HD36

    def symbol(self, doc_code: str) -> str:
        """ "TB/VPTU" for the Party layout, "TB-VPUBND" for the state one."""
        return f"{doc_code}/{self.code}" if self.party else f"{doc_code}-{self.code}"

    def header(self) -> dict[str, object]:
        """The header fields of an ``OfficialDocument``."""
        return {"layout": self.layout, "superior_body": self.superior, "issuing_body": self.issuing,
                "place": self.place}  # fmt: skip


def _party_code(organ: Organ | None, unit: AdministrativeUnit) -> str:
    committee = geo.party_symbol(unit)
    if organ is None or organ.key in {"", "party_committee", "party_standing", "party_permanent"}:
        return committee
    prefix = PARTY_BOARD_PREFIX.get(organ.key)
    return f"{prefix}{committee}" if prefix else _initials(organ.short_name or organ.name)


def _party_archive(unit: AdministrativeUnit, on: dt.date | None) -> str:
    """ "Văn phòng Thành ủy" / "Văn phòng Đảng ủy": the office without the unit's name (HD 36: "Lưu Văn phòng …")."""
    try:
        office = naming.body_name(PARTY_OFFICE_KEY, unit, on)
    except (KeyError, LookupError):
        return f"Văn phòng {geo.committee_word(unit)}"
    return office.replace(geo.committee_name(unit), geo.committee_word(unit))


def issuer(organ: Organ | None, unit: AdministrativeUnit | None = None, on: dt.date | None = None) -> Issuer:
    """The issuer of a document of ``organ`` (or of the unit's People's Committee when there is none)."""
    unit = unit or organ.unit
    superior, issuing = naming.header_lines(organ, unit)
    if organ is not None and organ.kind in naming.PARTY_KINDS:
        code = _party_code(organ, unit)
        return Issuer(Layout.PARTY_HD36, superior, issuing, place_name(unit), code, _party_archive(unit, on), unit,
                      organ)  # fmt: skip
    key = organ.key if organ is not None else "peoples_committee"
    code = STATE_SYMBOL.get(key) or _initials(naming_name(organ, unit))
    return Issuer(Layout.STATE_ND30, superior, issuing, place_name(unit), code, "VT", unit, organ)


def naming_name(organ: Organ | None, unit: AdministrativeUnit) -> str:
    if organ is None:
        return f"Ủy ban nhân dân {geo.unit_phrase(unit)}"
    name = organ.name
    for suffix in (geo.committee_name(unit), geo.unit_phrase(unit)):
        name = name.removesuffix(" " + suffix)
    return name


def _organ(unit: AdministrativeUnit, keys: tuple[str, ...]) -> Organ | None:
    organs = {o.key: o for o in Organ.objects.filter(unit=unit, key__in=keys).select_related("parent", "unit")}
    return next((organs[k] for k in keys if k in organs), None)


def office_issuer(unit: AdministrativeUnit, *, party: bool, on: dt.date | None = None) -> Issuer:
    """The office that issues notices and reports for the unit's leaders: the Party committee's
    Văn phòng (HD 36) or the People's Committee's (NĐ 30), as recorded in the organ list; without
    such a record, the committee itself."""
    if party:
        office = _organ(unit, (PARTY_OFFICE_KEY,))
        if office is not None:
            return issuer(office, unit, on)
        committee = _organ(unit, ("party_committee", "party_standing"))
        if committee is not None:
            return issuer(committee, unit, on)
        superior = geo.upper(geo.party_organisation(unit.parent)) if unit.parent_id else ""
        return Issuer(Layout.PARTY_HD36, superior, geo.upper(geo.committee_name(unit)), place_name(unit),
                      geo.party_symbol(unit), _party_archive(unit, on), unit)  # fmt: skip
    office = _organ(unit, STATE_OFFICE_KEYS)
    return issuer(office or _organ(unit, ("peoples_committee",)), unit, on)


# The body that keeps cadre records: the Ban Tổ chức of a provincial committee; a commune committee's
# Ban Xây dựng Đảng since 1/7/2025 (Hướng dẫn 31-HD/BTCTW and the organ template); else the committee itself.
ORGANISATION_BOARD_KEYS = ("party_organisation_board", "party_building_board")


def board_issuer(unit: AdministrativeUnit, keys: tuple[str, ...], on: dt.date | None = None) -> Issuer:
    """The issuer of the first of ``keys`` the unit has in its organ list, else of the body named by
    the unit's organ template, else the committee's office (HD 36 layout)."""
    organ = _organ(unit, keys)
    if organ is not None:
        return issuer(organ, unit, on)
    for key in keys:
        try:
            name = naming.body_name(key, unit, on)
        except (KeyError, LookupError):
            continue
        short = name.replace(geo.committee_name(unit), "").replace(geo.unit_phrase(unit), "").strip()
        code = f"{PARTY_BOARD_PREFIX.get(key, _initials(short))}{geo.party_symbol(unit)}"
        return Issuer(Layout.PARTY_HD36, geo.upper(geo.committee_name(unit)), geo.upper(short), place_name(unit),
                      code, _party_archive(unit, on), unit)  # fmt: skip
    return office_issuer(unit, party=True, on=on)


def holder(organ: Organ | None, title: str, on: dt.date) -> Person | None:
    """Who held ``title`` in ``organ`` on ``on`` (the first in protocol order)."""
    if organ is None:
        return None
    positions = (
        Position.objects.filter(organ=organ, title__iexact=title)
        .select_related("person")
        .order_by("sort_order", "start_date", "id")
    )
    return next((p.person for p in positions if p.is_held_on(on)), None)


def office_signature(who: Issuer, on: dt.date) -> Signature:
    """How an office signs: "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG" (HD 36) or "TL. CHỦ TỊCH / CHÁNH VĂN
    PHÒNG" (NĐ 30); the body itself signs "T/M BAN THƯỜNG VỤ / BÍ THƯ" or "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"."""
    organ = who.organ
    is_office = organ is not None and (organ.key == PARTY_OFFICE_KEY or organ.key in STATE_OFFICE_KEYS)
    if who.party:
        if is_office:
            head = holder(organ, OFFICE_HEAD_TITLE, on)
            return Signature.of(Authority.BY_ORDER, "Ban Thường vụ", OFFICE_HEAD_TITLE, head.full_name if head else "")
        return Signature.of(Authority.ON_BEHALF, "Ban Thường vụ", "Bí thư")
    if is_office:
        head = holder(organ, OFFICE_HEAD_TITLE, on)
        return Signature.of(Authority.BY_ORDER, "Chủ tịch", OFFICE_HEAD_TITLE, head.full_name if head else "")
    if organ is None or organ.key == "peoples_committee":
        return Signature.of(Authority.ON_BEHALF, "Ủy ban nhân dân", "Chủ tịch")
    return Signature()  # a department signs by its head's title, which the organ list does not hold


def titles_on(person: Person, on: dt.date) -> list[str]:
    """The titles ``person`` held on ``on``, in protocol order ("Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy")."""
    positions = sorted(person.positions.all(), key=lambda p: (p.sort_order, p.start_date or dt.date.min, p.id))
    titles: list[str] = []
    for p in positions:
        if p.is_held_on(on) and p.title not in titles:
            titles.append(p.title)
    return titles


def comrade(person: Person, on: dt.date) -> str:
    """ "đồng chí Lê Tiến Châu, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy" as of ``on``."""
    return ", ".join([f"đồng chí {person.full_name}", *titles_on(person, on)])


__all__ = ["Issuer", "board_issuer", "comrade", "holder", "issuer", "office_issuer", "office_signature", "titles_on"]
