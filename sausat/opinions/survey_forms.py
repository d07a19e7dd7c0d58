"""Paper survey forms: the template, parsing and row validation (no writes here).

Columns: Họ và tên | Đơn vị | Nội dung ý kiến | Nhóm vấn đề. The idempotency key of a row is
derived from the meeting and the normalised text and author, so re-importing the same file (or a
file with the same rows in another order) adds nothing.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

from openpyxl import Workbook

from sausat.core.uploads import UploadRefused, read_table
from sausat.opinions.models import TEXT_LIMIT
from sausat.textkit.normalize import normalize, normalize_line, search_key

COLUMNS = ["Họ và tên", "Đơn vị", "Nội dung ý kiến", "Nhóm vấn đề"]
MAX_ROWS = 20_000
_ALIASES = {
    "ho va ten": "name",
    "ho ten": "name",
    "nguoi gop y": "name",
    "don vi": "unit",
    "don vi cong tac": "unit",
    "noi dung y kien": "text",
    "noi dung": "text",
    "y kien": "text",
    "nhom van de": "group",
    "nhom": "group",
}


@dataclass
class Row:
    number: int
    name: str
    unit: str
    text: str
    group: str
    errors: list[str] = field(default_factory=list)
    key: str = ""


def template_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Phiếu ý kiến"
    ws.append(COLUMNS)
    ws.append(["Nguyễn Văn A", "Xã Vị Thanh", "Đề nghị tăng thời lượng bồi dưỡng kỹ năng cho cán bộ xã.", ""])
    for col, width in zip("ABCD", (28, 28, 80, 30), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class ImportFileError(Exception):
    pass


def _cells(content: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of the header and every non-blank row, read with the row cap."""
    try:
        table = read_table(content, filename, max_rows=MAX_ROWS)
    except UploadRefused as exc:
        raise ImportFileError(str(exc)) from exc
    return [(n, ["" if v is None else str(v) for v in values]) for n, values in table]


def row_key(meeting_id: int, text: str, name: str) -> str:
    digest = hashlib.sha256(f"{search_key(text)}|{search_key(name)}".encode()).hexdigest()[:40]
    return f"paper:{meeting_id}:{digest}"


def parse(content: bytes, filename: str, *, meeting_id: int, group_titles: set[str]) -> list[Row]:
    table = _cells(content, filename)
    if not table or table[0][0] != 1:
        raise ImportFileError("Tệp không có dữ liệu.")
    header = [search_key(c) for c in table[0][1]]
    columns = {_ALIASES[h]: i for i, h in enumerate(header) if h in _ALIASES}
    if "text" not in columns:
        raise ImportFileError("Không thấy cột “Nội dung ý kiến”. Vui lòng dùng tệp mẫu.")

    def cell(values: list[str], key: str) -> str:
        i = columns.get(key)
        return values[i] if i is not None and i < len(values) else ""

    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, values in table[1:]:
        row = Row(
            number=number,
            name=normalize_line(cell(values, "name")),
            unit=normalize_line(cell(values, "unit")),
            text=normalize(cell(values, "text")),
            group=normalize_line(cell(values, "group")),
        )
        if not row.text:
            row.errors.append("Thiếu nội dung ý kiến.")
        elif len(row.text) > TEXT_LIMIT:
            row.errors.append(f"Nội dung dài {len(row.text)} ký tự, vượt giới hạn {TEXT_LIMIT} ký tự.")
        if len(row.name) > 200:
            row.errors.append("Họ và tên quá dài (tối đa 200 ký tự).")
        if len(row.unit) > 200:
            row.errors.append("Tên đơn vị quá dài (tối đa 200 ký tự).")
        if row.group and row.group not in group_titles:
            row.errors.append(f"Không có nhóm vấn đề “{row.group}” trong hội nghị.")
        if row.text:
            row.key = row_key(meeting_id, row.text, row.name)
            if row.key in seen:
                row.errors.append(f"Trùng với dòng {seen[row.key]} trong cùng tệp.")
            else:
                seen[row.key] = number
        rows.append(row)
    if not rows:
        raise ImportFileError("Tệp không có dòng ý kiến nào.")
    return rows
