"""Writes to the administrative map: hamlets (thôn, ấp, bản, tổ dân phố, khu phố, khu vực, khóm) imported per province.

No package lists hamlets, so each province imports them from an XLSX or CSV file with three
columns: the commune (official code or name), the hamlet's name and its type. Every row is
checked first; nothing is written unless the whole file is valid, or the caller explicitly asks
to import the valid rows only. Re-importing the same file creates no duplicates: a hamlet is
unique per commune by the tone-placement-insensitive key of its name.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.db import transaction

from sausat.core.actors import Actor
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit
from sausat.core.uploads import UploadRefused, read_table, sha256, sniff_dialect
from sausat.geo.models import AdministrativeUnit, DivisionType, Level
from sausat.textkit.normalize import match_key, normalize_line, search_key

MAX_ROWS = 20_000
HEADER = ["Mã hoặc tên xã, phường, đặc khu", "Tên thôn, tổ dân phố", "Loại"]
HAMLET_TYPES = {
    "thon": DivisionType.THON,
    "ap": DivisionType.AP,
    "ban": DivisionType.BAN,
    "to dan pho": DivisionType.TO_DAN_PHO,
    "tdp": DivisionType.TO_DAN_PHO,
    "khu pho": DivisionType.KHU_PHO,
    # Hậu Giang and Cần Thơ call their urban hamlets "khu vực" and "khóm" (seed 000: "ấp, khu vực").
    "khu vuc": DivisionType.KHU_VUC,
    "khom": DivisionType.KHOM,
}
TYPE_PREFIX = {
    DivisionType.THON: "Thôn",
    DivisionType.AP: "Ấp",
    DivisionType.BAN: "Bản",
    DivisionType.TO_DAN_PHO: "Tổ dân phố",
    DivisionType.KHU_PHO: "Khu phố",
    DivisionType.KHU_VUC: "Khu vực",
    DivisionType.KHOM: "Khóm",
}
_CODE_SUFFIX = re.compile(r"-(\d+)$")


class HamletFileError(Exception):
    """The file as a whole cannot be read (wrong format, no rows, too many rows)."""


@dataclass
class HamletRow:
    line: int
    commune_text: str
    name_text: str
    type_text: str
    commune: AdministrativeUnit | None = None
    division_type: str = ""
    name: str = ""
    errors: list[str] = field(default_factory=list)
    exists: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class HamletImport:
    province: AdministrativeUnit
    filename: str
    rows: list[HamletRow]
    dry_run: bool
    valid_only: bool = False
    created: int = 0
    written: bool = False

    @property
    def errors(self) -> list[HamletRow]:
        return [r for r in self.rows if r.errors]

    @property
    def valid_rows(self) -> list[HamletRow]:
        return [r for r in self.rows if not r.errors]

    @property
    def new_rows(self) -> list[HamletRow]:
        return [r for r in self.rows if not r.errors and not r.exists]

    @property
    def existing_rows(self) -> list[HamletRow]:
        return [r for r in self.rows if not r.errors and r.exists]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_line(str(value))


def read_rows(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """(line number, [commune, name, type]) for every non-blank data row; the header row is skipped.

    Read through :func:`sausat.core.uploads.read_table`: streamed, capped at ``MAX_ROWS``.
    """
    if filename.lower().endswith(".xlsm"):  # a macro workbook is read like .xlsx (values only)
        filename = filename[:-1] + "x"
    try:
        table = read_table(
            data,
            filename,
            max_rows=MAX_ROWS,
            max_cols=3,
            csv_dialect=sniff_dialect(data) if filename.lower().endswith(".csv") else None,
        )
    except UploadRefused as exc:
        raise HamletFileError(str(exc)) from exc
    rows: list[tuple[int, list[str]]] = []
    for number, values in table:
        if number == 1:
            continue
        cells = [_cell(v) for v in list(values)[:3]]
        cells += [""] * (3 - len(cells))
        if any(cells):
            rows.append((number, cells))
    if not rows:
        raise HamletFileError("Tệp không có dòng dữ liệu nào (dòng đầu là dòng tiêu đề).")
    return rows


def _hamlet_name(name: str, division_type: str) -> tuple[str, str]:
    """(full name, short name): "Đông" of type thôn -> ("Thôn Đông", "Đông")."""
    prefix = TYPE_PREFIX[DivisionType(division_type)]
    if search_key(name).startswith(search_key(prefix) + " "):
        short = name[len(prefix) :].strip()
        return f"{prefix} {short}", short
    return f"{prefix} {name}", name


class _CommuneIndex:
    """Finds current communes by official code or name, telling apart 'unknown' and 'other province'."""

    def __init__(self, province: AdministrativeUnit):
        self.province = province
        communes = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE)
        self.by_code = {u.official_code: u for u in communes}
        self.by_name: dict[str, list[AdministrativeUnit]] = {}
        for unit in self.by_code.values():
            for key in {match_key(unit.name), match_key(unit.short_name)}:
                self.by_name.setdefault(key, []).append(unit)

    def find(self, text: str) -> tuple[AdministrativeUnit | None, str]:
        if not text:
            return None, "Thiếu mã hoặc tên xã, phường."
        if text.isdigit():
            unit = self.by_code.get(text.zfill(5))
            if unit is None:
                return None, f"Không có xã, phường nào mang mã “{text}”."
            if unit.parent_id != self.province.pk:
                return None, f"{unit.name} (mã {unit.official_code}) không thuộc {self.province.name}."
            return unit, ""
        candidates = self.by_name.get(match_key(text), [])
        if not candidates:
            return None, f"Không tìm thấy xã, phường “{text}”."
        here = [u for u in candidates if u.parent_id == self.province.pk]
        if not here:
            return None, f"“{text}” không thuộc {self.province.name}."
        if len(here) > 1:
            return None, f"Có nhiều đơn vị tên “{text}” trong tỉnh; vui lòng ghi mã xã, phường."
        return here[0], ""


def check_rows(province: AdministrativeUnit, rows: list[tuple[int, list[str]]]) -> list[HamletRow]:
    """Validate every row; nothing is written."""
    index = _CommuneIndex(province)
    existing: set[tuple[int, str]] = {
        (parent_id, match_key(name))
        for parent_id, name in AdministrativeUnit.objects.filter(
            level=Level.HAMLET, parent__parent=province
        ).values_list("parent_id", "name")
    }
    seen: dict[tuple[int, str], int] = {}
    checked: list[HamletRow] = []
    for line, (commune_text, name_text, type_text) in rows:
        row = HamletRow(line=line, commune_text=commune_text, name_text=name_text, type_text=type_text)
        row.commune, problem = index.find(commune_text)
        if problem:
            row.errors.append(problem)
        row.division_type = HAMLET_TYPES.get(search_key(type_text), "")
        if not type_text:
            row.errors.append("Thiếu loại (thôn, ấp, bản, tổ dân phố, khu phố, khu vực, khóm).")
        elif not row.division_type:
            row.errors.append(
                f"Loại “{type_text}” không hợp lệ; dùng: thôn, ấp, bản, tổ dân phố, khu phố, khu vực, khóm."
            )
        if not name_text:
            row.errors.append("Thiếu tên thôn, tổ dân phố.")
        elif len(name_text) > 150:
            row.errors.append("Tên quá dài (tối đa 150 ký tự).")
        if row.commune is not None and row.division_type and name_text and len(name_text) <= 150:
            row.name, _short = _hamlet_name(name_text, row.division_type)
            key = (row.commune.pk, match_key(row.name))
            if key in seen:
                row.errors.append(f"Trùng với dòng {seen[key]} trong tệp.")
            else:
                seen[key] = line
                row.exists = key in existing
        checked.append(row)
    return checked


def _next_numbers(commune_ids: set[int]) -> dict[int, int]:
    numbers: dict[int, int] = dict.fromkeys(commune_ids, 0)
    for parent_id, code in AdministrativeUnit.objects.filter(level=Level.HAMLET, parent_id__in=commune_ids).values_list(
        "parent_id", "code"
    ):
        match = _CODE_SUFFIX.search(code)
        if match:
            numbers[parent_id] = max(numbers[parent_id], int(match.group(1)))
    return numbers


def import_hamlets(
    actor: Actor,
    province: AdministrativeUnit,
    file: BinaryIO | bytes,
    dry_run: bool = True,
    *,
    filename: str = "",
    valid_only: bool = False,
) -> HamletImport:
    """Check (and unless ``dry_run``, write) the hamlets of ``province`` listed in ``file``.

    Writes happen only when every row is valid or ``valid_only`` is set; rows already present
    are skipped. One audit row records the import.
    """
    if province.level != Level.PROVINCE or not province.is_current:
        raise HamletFileError("Chỉ nhập thôn, tổ dân phố cho một tỉnh, thành phố hiện hành.")
    data = file if isinstance(file, bytes) else file.read()
    filename = filename or getattr(file, "name", "") or "import.xlsx"
    result = HamletImport(province=province, filename=filename, rows=[], dry_run=dry_run, valid_only=valid_only)
    result.rows = check_rows(province, read_rows(data, filename))
    if dry_run or (result.errors and not valid_only):
        return result
    with transaction.atomic():
        # Check again inside the transaction so a concurrent import cannot add duplicates.
        result.rows = check_rows(province, read_rows(data, filename))
        # A row without errors has its commune.
        new_rows = [(row, row.commune) for row in result.new_rows if row.commune is not None]
        numbers = _next_numbers({commune.pk for _row, commune in new_rows})
        units = []
        for row, commune in new_rows:
            numbers[commune.pk] += 1
            code = f"h{commune.official_code}-{numbers[commune.pk]}"
            full, short = _hamlet_name(row.name_text, row.division_type)
            units.append(
                AdministrativeUnit(
                    code=code,
                    official_code="",
                    name=full,
                    short_name=short,
                    division_type=row.division_type,
                    level=Level.HAMLET,
                    parent=commune,
                    valid_from=commune.valid_from,  # in force as long as its commune
                    valid_to=None,
                    legal_basis="",
                    path=f"{commune.path}{code}/",
                    scope_path=f"{commune.scope_path}{code}/",
                    search_key=search_key(full),
                )
            )
        AdministrativeUnit.objects.bulk_create(units, batch_size=1000)
        result.created = len(units)
        result.written = True
        record_audit(
            actor=actor,
            action=AuditEvent.Action.IMPORT,
            obj=province,
            verb="geo.import_hamlets",
            after={
                "file": filename[:200],
                "rows": len(result.rows),
                "created": result.created,
                "already_present": len(result.existing_rows),
                "skipped_invalid": len(result.errors),
                "valid_only": valid_only,
                "sha256": sha256(data),
                "errors": [{"row": r.line, "errors": r.errors} for r in result.errors[:200]],
            },
        )
    return result


def template_workbook(province: AdministrativeUnit) -> bytes:
    """The XLSX template: a header row, instructions, and the province's communes for reference."""
    import openpyxl
    from openpyxl.styles import Font

    from sausat.core.exports.text import export_text

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Thôn, tổ dân phố"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["C"].width = 18
    guide = workbook.create_sheet("Hướng dẫn")
    for line in (
        ["Mỗi dòng ở trang đầu là một thôn, ấp, bản, tổ dân phố, khu phố, khu vực hoặc khóm; giữ nguyên dòng tiêu đề."],
        ["Cột A: mã xã, phường, đặc khu (5 chữ số, xem trang “Danh sách xã”) hoặc tên đầy đủ."],
        ["Cột B: tên thôn, tổ dân phố, có dấu, ví dụ “Đông Thạnh” hoặc “Thôn Đông Thạnh”."],
        ["Cột C: loại — thôn, ấp, bản, tổ dân phố, khu phố, khu vực hoặc khóm."],
        ["Nhập lại cùng một tệp không tạo bản ghi trùng."],
    ):
        guide.append(line)
    communes = workbook.create_sheet("Danh sách xã")
    communes.append(["Mã", "Tên"])
    for code, name in (
        AdministrativeUnit.objects.current()
        .filter(parent=province, level=Level.COMMUNE)
        .order_by("official_code")
        .values_list("official_code", "name")
    ):
        communes.append([code, export_text(name)])  # a stored control character would break the file
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
