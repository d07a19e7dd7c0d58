"""Names of bodies and the header lines of their documents, from the unit's type and the date.

Every template, demo and exporter asks here: ``body_name("party_committee", unit)`` is "Thành ủy
Cần Thơ" for the centrally-run city and "Đảng ủy phường Vị Thanh" for the phường;
``header_lines(organ)`` gives the two upper-case lines at the top left of a document
("ĐẢNG BỘ THÀNH PHỐ CẦN THƠ" over "ĐẢNG ỦY PHƯỜNG VỊ THANH").
"""

from __future__ import annotations

import datetime as dt

from sausat.geo import naming as geo
from sausat.geo.models import AdministrativeUnit
from sausat.people.data.organ_templates import TEMPLATES, OrganRow, Template
from sausat.people.models import Organ, OrganKind

PARTY_KINDS = frozenset(
    {OrganKind.PARTY_COMMITTEE, OrganKind.PARTY_STANDING, OrganKind.PARTY_PERMANENT, OrganKind.PARTY_BOARD}
)


def _era_day(unit: AdministrativeUnit, on: dt.date | None) -> dt.date:
    """The day a name is asked for; by default a day the unit was in force."""
    if on is not None:
        return on
    if unit.valid_to is not None:
        return unit.valid_to
    return dt.date.today()  # noqa: DTZ011  (a calendar date, not a moment)


def template_for(unit: AdministrativeUnit, on: dt.date | None = None) -> Template:
    day = _era_day(unit, on)
    for template in TEMPLATES:
        if template.applies(unit.level, day):
            return template
    raise LookupError(f"No organ template for level {unit.level} on {day:%d/%m/%Y}.")


def placeholders(unit: AdministrativeUnit) -> dict[str, str]:
    return {
        "unit": geo.unit_phrase(unit),
        "committee": geo.committee_name(unit),
        "cw": geo.committee_word(unit),
        "type": geo.forms(unit).word,
        "youth": geo.youth_union(unit),
        "yw": geo.youth_word(unit),
    }


def rows_for(unit: AdministrativeUnit, template: Template) -> list[OrganRow]:
    return [r for r in template.rows if not r.only or unit.division_type in r.only]


def _row(unit: AdministrativeUnit, key: str, on: dt.date | None) -> OrganRow:
    for row in rows_for(unit, template_for(unit, on)):
        if row.key == key:
            return row
    raise KeyError(f"No body “{key}” at {unit.name} on that date.")


def body_name(key: str, unit: AdministrativeUnit, on: dt.date | None = None) -> str:
    """The full name of the body ``key`` of ``unit`` as it was called on ``on``."""
    return _row(unit, key, on).name.format(**placeholders(unit))


def _without_unit(name: str, unit: AdministrativeUnit) -> str:
    """ "Sở Nội vụ thành phố Cần Thơ" -> "Sở Nội vụ"; "Văn phòng Thành ủy Cần Thơ" -> "Văn phòng"."""
    for suffix in (geo.committee_name(unit), geo.unit_phrase(unit)):
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


def header_lines(organ: Organ | None, unit: AdministrativeUnit | None = None) -> tuple[str, str]:
    """(superior line, issuing line) in upper case, for the top left of a document.

    Party layout (HD 36-HD/VPTW, rules B.8): a provincial committee stands alone ("THÀNH ỦY CẦN
    THƠ"); a commune-level committee has its superior Party organisation above it ("ĐẢNG BỘ THÀNH
    PHỐ CẦN THƠ" / "ĐẢNG ỦY PHƯỜNG VỊ THANH"); a board has its committee above it ("TỈNH ỦY HẬU
    GIANG" / "VĂN PHÒNG"). State layout (NĐ 30/2020): a People's Committee or Council stands alone;
    a department or office has its People's Committee above it ("ỦY BAN NHÂN DÂN TỈNH …" / "SỞ NỘI VỤ").
    """
    unit = unit or (organ.unit if organ else None)
    if unit is None:
        return "", ""
    if organ is None:
        return "", geo.upper(f"Ủy ban nhân dân {geo.unit_phrase(unit)}")
    if organ.kind in PARTY_KINDS:
        if organ.kind == OrganKind.PARTY_BOARD:
            return geo.upper(geo.committee_name(unit)), geo.upper(_without_unit(organ.name, unit))
        if organ.key not in {"", *_COMMITTEE_KEYS}:
            # A Party committee inside the unit's organisation (e.g. of the Party's agencies).
            return geo.upper(geo.party_organisation(unit)), geo.upper(organ.name)
        # The Ban Thường vụ and the Thường trực issue in the committee's name.
        superior = geo.upper(geo.party_organisation(unit.parent)) if unit.parent_id else ""
        return superior, geo.upper(geo.committee_name(unit))
    if organ.kind == OrganKind.DEPARTMENT or (organ.parent_id and organ.kind == OrganKind.OTHER):
        superior = organ.parent.name if organ.parent_id else f"Ủy ban nhân dân {geo.unit_phrase(unit)}"
        return geo.upper(superior), geo.upper(_without_unit(organ.name, unit))
    return "", geo.upper(organ.name)


_COMMITTEE_KEYS = {"party_committee", "party_standing", "party_permanent"}


def party_symbol(unit: AdministrativeUnit) -> str:
    return geo.party_symbol(unit)
