"""Counts as a table with a text bar column (█), for DOCX reports — no image rendering needed."""

from __future__ import annotations

from collections.abc import Iterable

from sausat.core.exports.official_document import Table


def text_bar(value: float, maximum: float, width: int = 20) -> str:
    if maximum <= 0 or value <= 0:
        return ""
    n = round(width * value / maximum)
    return "█" * max(1, n)


def chart_table_block(
    counts: Iterable[tuple[str, int | float]],
    *,
    title: str = "",
    label_header: str = "Nội dung",
    count_header: str = "Số lượng",
    width: int = 16,
    percent: bool = True,
) -> Table:
    """A :class:`~sausat.core.exports.official_document.Table` block: label, count, [share %], bar."""
    items = [(str(label), value or 0) for label, value in counts]
    maximum = max((v for _, v in items), default=0)
    total = sum(v for _, v in items)
    headers = [label_header, count_header] + (["Tỷ lệ"] if percent else []) + [""]
    rows = []
    for label, value in items:
        row: list = [label, value]
        if percent:
            row.append(f"{100 * value / total:.1f}%".replace(".", ",") if total else "0%")
        row.append(text_bar(value, maximum, width))
        rows.append(row)
    widths = [60, 22, 20, 63] if percent else [75, 25, 65]
    return Table(headers=headers, rows=rows, widths_mm=widths, title=title)
