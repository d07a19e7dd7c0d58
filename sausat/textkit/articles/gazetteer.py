"""Place names from the ``vietnam-provinces`` package (no database): provinces, districts, communes.

Keys are ``match_key`` forms, so "Hoà Bình" and "Hòa Bình" are one name. Pre-2025 (legacy) and
current units are kept apart; a legacy province knows the current province it became.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from sausat.textkit.normalize import match_key

REORG_DATE = dt.date(2025, 7, 1)
_PREFIXES = ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã ", "Thị trấn ", "Xã ", "Phường ", "Đặc khu ")


def _short(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@dataclass
class Gazetteer:
    legacy_provinces: dict[str, str] = field(default_factory=dict)  # key -> short name
    current_provinces: dict[str, str] = field(default_factory=dict)
    successor: dict[str, str] = field(default_factory=dict)  # legacy short -> current short
    legacy_districts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    legacy_wards: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    current_wards: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    initials: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def province_names(self) -> set[str]:
        return set(self.legacy_provinces.values()) | set(self.current_provinces.values())


def _initials(short: str) -> str:
    from sausat.textkit.normalize import strip_diacritics

    return "".join(part[0] for part in strip_diacritics(short).replace("-", " ").split()).upper()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import vietnam_provinces as vp
    from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW
    from vietnam_provinces.legacy import District, Province, Ward

    g = Gazetteer()
    current_by_code: dict[int, str] = {}
    for province in vp.Province.iter_all():
        short = _short(province.name)
        current_by_code[int(province.code)] = short
        g.current_provinces[match_key(short)] = short
    legacy_by_code: dict[int, str] = {}
    for province in Province.iter_all():
        short = _short(province.name)
        legacy_by_code[int(province.code)] = short
        g.legacy_provinces[match_key(short)] = short
        entry = OLD_TO_NEW.get(int(province.code))
        if entry and entry.new_provinces:
            g.successor[short] = current_by_code.get(int(entry.new_provinces[0].code), short)
        g.initials[_initials(short)].add(short)
    district_province: dict[int, str] = {}
    for district in District.iter_all():
        pname = legacy_by_code[int(district.province_code)]
        district_province[int(district.code)] = pname
        g.legacy_districts[match_key(_short(district.name))].add(pname)
    for ward in Ward.iter_all():
        g.legacy_wards[match_key(_short(ward.name))].add(district_province[int(ward.district_code)])
    for ward in vp.Ward.iter_all():
        g.current_wards[match_key(_short(ward.name))].add(current_by_code[int(ward.province_code)])
    return g


def current_name(province: str) -> str:
    """The current (post-2025) province a legacy province name became; itself when still current."""
    g = gazetteer()
    key = match_key(province)
    legacy = g.legacy_provinces.get(key)
    if legacy is not None:
        return g.successor.get(legacy, legacy)
    return g.current_provinces.get(key, province)
