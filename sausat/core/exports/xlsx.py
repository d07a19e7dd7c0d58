"""XLSX exports: never a formula, dates as real dates (dd/mm/yyyy), a bold frozen filtered header.

    from sausat.core.exports.xlsx import Sheet, write_xlsx

    content = write_xlsx([Sheet("Ý kiến", ["STT", "Nội dung", "Ngày"], rows, widths=[6, 60, 12])])

Every text cell that a spreadsheet could read as a formula or command (it begins with
``= + - @``, a tab, a carriage return or NUL) is written as text with a leading ``'`` — the
OWASP "CSV/formula injection" rule — and cells are always typed explicitly, so no cell is ever
a formula. Text (cells, headers, sheet titles) goes through
:func:`sausat.core.exports.text.export_text`, so a stored control character or non-character
cannot make the workbook unwritable. ``write_xlsx_stream`` writes to a file object with rows
from any iterable (constant memory, openpyxl's write-only mode); ``write_xlsx`` is the same
into bytes.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sausat.core.exports.text import export_text
from sausat.core.numbers import XlsxPercent

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# A carriage return is exported as a newline, so both count as a leading line break.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
_INVALID_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass
class Sheet:
    """One worksheet: ``rows`` is any iterable of sequences (a generator is fine for streaming)."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float] | None = None


def safe_text(value: str) -> str:
    """``value`` as inert text: unsafe characters dropped, then a leading ``'`` when it starts like a formula.

    Dropping first matters: U+0001 followed by "=HYPERLINK(…)" must not come out as a bare formula.
    """
    value = export_text(value)
    if value.startswith(DANGEROUS_PREFIXES):
        value = "'" + value
    return value


def _cell(ws, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    if value is None:
        return cell
    if isinstance(value, XlsxPercent):
        cell.value = value.fraction
        cell.number_format = value.number_format
        return cell
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, (int, float, decimal.Decimal)):
        cell.value = value
    else:
        # Set data_type explicitly: openpyxl would otherwise turn "=…" into a formula.
        cell._value = safe_text(str(value))
        cell.data_type = "s"
    return cell


def _sheet_title(title: str, used: set[str]) -> str:
    base = (export_text(title).translate(_INVALID_TITLE).strip().strip("'") or "Sheet")[:31]
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _auto_widths(headers: Sequence[str], sample: list[Sequence[Any]]) -> list[float]:
    widths = [max(8, len(str(h)) + 2) for h in headers]
    for row in sample:
        for i, value in enumerate(row[: len(widths)]):
            if isinstance(value, (dt.date, dt.datetime)):
                length = 16 if isinstance(value, dt.datetime) else 11
            else:
                length = max((len(line) for line in str(value or "").splitlines()), default=0)
            widths[i] = max(widths[i], length + 2)
    return [min(w, 60) for w in widths]


def write_xlsx_stream(sheets: Iterable[Sheet], fileobj: IO[bytes]) -> int:
    """Write ``sheets`` to ``fileobj`` in openpyxl's write-only mode. Returns the data row count."""
    wb = Workbook(write_only=True)
    used: set[str] = set()
    total = 0
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(_sheet_title(sheet.title, used))
        headers = list(sheet.headers)
        rows = iter(sheet.rows)
        sample: list[Sequence[Any]] = []
        widths = list(sheet.widths) if sheet.widths else None
        if widths is None:
            for row in rows:
                sample.append(row)
                if len(sample) >= 200:
                    break
            widths = _auto_widths(headers, sample)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        header_cells = []
        for h in headers:
            c = _cell(ws, h)
            c.font = bold
            c.alignment = Alignment(vertical="center", wrap_text=True)
            header_cells.append(c)
        ws.append(header_cells)
        count = 0
        for row in _chain(sample, rows):
            ws.append([_cell(ws, v) for v in row])
            count += 1
        if headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
        total += count
    if not wb.worksheets:
        ws = wb.create_sheet("Sheet")
    wb.save(fileobj)
    return total


def _chain(first: list, rest):
    yield from first
    yield from rest


def write_xlsx(sheets: Iterable[Sheet] | Iterable[tuple]) -> bytes:
    """The workbook as bytes. ``sheets`` items are :class:`Sheet` or ``(title, headers, rows[, widths])``."""
    buf = io.BytesIO()
    write_xlsx_stream([s if isinstance(s, Sheet) else Sheet(*s) for s in sheets], buf)
    return buf.getvalue()
