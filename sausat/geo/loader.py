"""Load Vietnam's administrative units from the ``vietnam-provinces`` package.

Idempotent: rows are keyed by their era-qualified ``code``; a second run only fixes what changed.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field

import vietnam_provinces
from django.db import transaction

from sausat.core.actors import Actor, SystemActor
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit
from sausat.geo.data import reorganisation_2025 as reorg
from sausat.geo.models import AdministrativeUnit, DivisionType, Level, UnitSuccession
from sausat.textkit.normalize import search_key

log = logging.getLogger(__name__)

LOAD_ACTOR = SystemActor(reason="load_units")

_CURRENT_TYPES = {
    "tỉnh": DivisionType.TINH,
    "thành phố trung ương": DivisionType.THANH_PHO_TRUNG_UONG,
    "xã": DivisionType.XA,
    "phường": DivisionType.PHUONG,
    "đặc khu": DivisionType.DAC_KHU,
}
_LEGACY_TYPES = {
    "tỉnh": DivisionType.TINH,
    "thành phố trung ương": DivisionType.THANH_PHO_TRUNG_UONG,
    "quận": DivisionType.QUAN,
    "huyện": DivisionType.HUYEN,
    "thị xã": DivisionType.THI_XA,
    "thành phố": DivisionType.THANH_PHO,
    "xã": DivisionType.XA,
    "phường": DivisionType.PHUONG,
    "thị trấn": DivisionType.THI_TRAN,
}
_PREFIXES = ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã ", "Thị trấn ", "Xã ", "Phường ", "Đặc khu ")
_FIELDS = [
    "official_code",
    "name",
    "short_name",
    "division_type",
    "level",
    "parent_id",
    "valid_from",
    "valid_to",
    "legal_basis",
    "path",
    "scope_path",
    "successor_id",
    "search_key",
]


def short_name(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    successions: int = 0
    warnings: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


def _current_rows(report: LoadReport) -> list[dict]:
    data = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    rows: list[dict] = []
    for province in data:
        pcode = int(province["code"])
        is_city = pcode in reorg.CENTRAL_CITY_CODES
        package_says_city = province["division_type"] == "thành phố trung ương"
        if is_city != package_says_city:
            report.warnings.append(f"Loại ĐVHC của {province['name']} khác danh sách NQ 202/2025; dùng danh sách NQ.")
        short = short_name(province["name"])
        name = f"{'Thành phố' if is_city else 'Tỉnh'} {short}"
        path = f"/p{pcode}/"
        rows.append(
            {
                "code": f"p{pcode}",
                "official_code": f"{pcode:02d}",
                "name": name,
                "short_name": short,
                "division_type": DivisionType.THANH_PHO_TRUNG_UONG if is_city else DivisionType.TINH,
                "level": Level.PROVINCE,
                "parent_code": None,
                "valid_from": reorg.EFFECTIVE_DATE,
                "valid_to": None,
                "legal_basis": reorg.PROVINCE_LEGAL_BASIS,
                "path": path,
                "scope_path": path,
                "successor_code": None,
            }
        )
        for ward in province["wards"]:
            wcode = int(ward["code"])
            wpath = f"{path}w{wcode}/"
            rows.append(
                {
                    "code": f"w{wcode}",
                    "official_code": f"{wcode:05d}",
                    "name": ward["name"],
                    "short_name": short_name(ward["name"]),
                    "division_type": _CURRENT_TYPES[ward["division_type"]],
                    "level": Level.COMMUNE,
                    "parent_code": f"p{pcode}",
                    "valid_from": reorg.EFFECTIVE_DATE,
                    "valid_to": None,
                    "legal_basis": reorg.COMMUNE_LEGAL_BASIS,
                    "path": wpath,
                    "scope_path": wpath,
                    "successor_code": None,
                }
            )
    return rows


def _legacy_rows(current_paths: dict[str, str]) -> tuple[list[dict], list[tuple[str, str, bool]]]:
    from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCE_OLD_TO_NEW
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as WARD_OLD_TO_NEW
    from vietnam_provinces.legacy import District, Province, Ward

    rows: list[dict] = []
    links: list[tuple[str, str, bool]] = []
    province_successor: dict[int, str] = {}
    for province in Province.iter_all():
        pcode = int(province.code)
        entry = PROVINCE_OLD_TO_NEW.get(pcode)
        successor = f"p{entry.new_provinces[0].code}" if entry else None
        province_successor[pcode] = successor
        for ref in entry.new_provinces if entry else ():
            links.append((f"L-p{pcode}", f"p{ref.code}", len(entry.new_provinces) > 1))
        rows.append(
            {
                "code": f"L-p{pcode}",
                "official_code": f"{pcode:02d}",
                "name": province.name,
                "short_name": short_name(province.name),
                "division_type": _LEGACY_TYPES[str(province.division_type)],
                "level": Level.PROVINCE,
                "parent_code": None,
                "path": f"/L-p{pcode}/",
                "successor_code": successor,
            }
        )
    district_province: dict[int, int] = {}
    for district in District.iter_all():
        dcode, pcode = int(district.code), int(district.province_code)
        district_province[dcode] = pcode
        rows.append(
            {
                "code": f"L-d{dcode}",
                "official_code": f"{dcode:03d}",
                "name": district.name,
                "short_name": short_name(district.name),
                "division_type": _LEGACY_TYPES[str(district.division_type)],
                "level": Level.DISTRICT,
                "parent_code": f"L-p{pcode}",
                "path": f"/L-p{pcode}/L-d{dcode}/",
                # Districts were abolished, not merged: their records belong to the new province.
                "successor_code": province_successor[pcode],
            }
        )
    for ward in Ward.iter_all():
        wcode, dcode = int(ward.code), int(ward.district_code)
        pcode = district_province[dcode]
        entry = WARD_OLD_TO_NEW.get(wcode)
        if entry:
            new_codes = [f"w{ref.code}" for ref in entry.new_wards]
            for new_code in new_codes:
                links.append((f"L-w{wcode}", new_code, entry.old_ward.is_partly_merged))
            successor = new_codes[0]
        else:
            successor = province_successor[pcode]
        rows.append(
            {
                "code": f"L-w{wcode}",
                "official_code": f"{wcode:05d}",
                "name": ward.name,
                "short_name": short_name(ward.name),
                "division_type": _LEGACY_TYPES[str(ward.division_type)],
                "level": Level.COMMUNE,
                "parent_code": f"L-d{dcode}",
                "path": f"/L-p{pcode}/L-d{dcode}/L-w{wcode}/",
                "successor_code": successor,
            }
        )
    for row in rows:
        row["valid_from"] = None
        row["valid_to"] = reorg.LAST_DAY_BEFORE
        row["legal_basis"] = ""
        successor = row["successor_code"]
        row["scope_path"] = current_paths.get(successor, row["path"]) if successor else row["path"]
    return rows, links


def _upsert(rows: list[dict], ids: dict[str, int], report: LoadReport) -> None:
    existing = {u.code: u for u in AdministrativeUnit.objects.filter(code__in=[r["code"] for r in rows])}
    to_create: list[AdministrativeUnit] = []
    to_update: list[AdministrativeUnit] = []
    for row in rows:
        values = {k: v for k, v in row.items() if k not in {"code", "parent_code", "successor_code"}}
        values["parent_id"] = ids.get(row["parent_code"]) if row["parent_code"] else None
        values["successor_id"] = ids.get(row["successor_code"]) if row["successor_code"] else None
        values["search_key"] = search_key(row["name"])
        unit = existing.get(row["code"])
        if unit is None:
            to_create.append(AdministrativeUnit(code=row["code"], **values))
        elif any(getattr(unit, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(unit, k, v)
            to_update.append(unit)
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=2000)
    AdministrativeUnit.objects.bulk_update(to_update, _FIELDS, batch_size=2000)
    report.created += len(to_create)
    report.updated += len(to_update)
    for unit in AdministrativeUnit.objects.filter(code__in=[r["code"] for r in rows]).only("id", "code"):
        ids[unit.code] = unit.id


def _by_level(rows: list[dict]) -> list[list[dict]]:
    return [[r for r in rows if r["level"] == level] for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)]


def load_units(*, actor: Actor = LOAD_ACTOR, include_legacy: bool = True) -> LoadReport:
    """Create or refresh all units in one transaction, with one audit row summarising it."""
    report = LoadReport()
    with transaction.atomic():
        ids: dict[str, int] = dict(AdministrativeUnit.objects.values_list("code", "id"))
        current = _current_rows(report)
        for batch in _by_level(current):
            _upsert(batch, ids, report)
        current_paths = {r["code"]: r["path"] for r in current}
        links: list[tuple[str, str, bool]] = []
        if include_legacy:
            legacy, links = _legacy_rows(current_paths)
            for batch in _by_level(legacy):
                _upsert(batch, ids, report)
        known = set(
            UnitSuccession.objects.filter(predecessor__code__startswith="L-").values_list(
                "predecessor__code", "successor__code"
            )
        )
        new_links = [
            UnitSuccession(
                predecessor_id=ids[old],
                successor_id=ids[new],
                effective_date=reorg.EFFECTIVE_DATE,
                partial=partial,
                legal_basis=reorg.COMMUNE_LEGAL_BASIS if old.startswith("L-w") else reorg.PROVINCE_LEGAL_BASIS,
            )
            for old, new, partial in dict.fromkeys(links)
            if (old, new) not in known and old in ids and new in ids
        ]
        UnitSuccession.objects.bulk_create(new_links, batch_size=5000, ignore_conflicts=True)
        report.successions = len(new_links)
        if report.created or report.updated or report.successions:
            record_audit(
                actor=actor,
                action=AuditEvent.Action.IMPORT,
                verb="geo.load_units",
                object_type="geo.administrativeunit",
                object_id="*",
                object_repr=f"vietnam-provinces {vietnam_provinces.__version__}",
                after={
                    "created": report.created,
                    "updated": report.updated,
                    "successions": report.successions,
                    "data_version": vietnam_provinces.__data_version__,
                },
            )
    for warning in report.warnings:
        log.warning(warning)
    return report
