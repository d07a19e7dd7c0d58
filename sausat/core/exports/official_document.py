"""The one generator of the .docx documents the product issues, in two layouts.

    from sausat.core.exports.official_document import (
        Authority, Bullets, Heading, Layout, OfficialDocument, Paragraph, Signature, Table, render_docx,
    )

    doc = OfficialDocument(
        layout=Layout.PARTY_HD36,
        superior_body="Thành ủy Cần Thơ", issuing_body="Văn phòng", number="12", symbol="TB/VPTU",
        place="Cần Thơ", date=dt.date(2026, 12, 5), doc_type="Thông báo",
        title="Kết luận của đồng chí Bí thư Thành ủy tại Hội nghị đối thoại",
        blocks=[Heading("1. Tình hình chung"), Paragraph("…"), Bullets(["…", "…"])],
        recipients=["Thường trực Thành ủy", "Các ban, sở, ngành"], archive="Văn phòng Thành ủy",
        signature=Signature.of(Authority.BY_ORDER, "Ban Thường vụ", "Chánh Văn phòng", "Nguyễn Văn A"),
    )
    content = render_docx(doc)   # bytes of a .docx

``Layout.STATE_ND30``: Nghị định 30/2020/NĐ-CP, Phụ lục I (national name and motto, "Số: 12/TB-UBND",
"TM.", "Nơi nhận:" bold italic, entries ending ";", "- Lưu: VT, …."). ``Layout.PARTY_HD36``: Hướng dẫn
36-HD/VPTW under Quy định 66-QĐ/TW ("ĐẢNG CỘNG SẢN VIỆT NAM", "*" under the issuing body, "Số
12-TB/TU", "T/M", "Nơi nhận:" underlined, entries ending ",", "- Lưu Văn phòng …."). Sizes and styles
are data in :mod:`sausat.core.exports.official_layouts`; the header lines come from the caller
(``sausat.people.naming.header_lines`` / ``sausat.people.documents``), never typed in a generator.
A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; page numbers from page 2, centred at the top.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sausat.core.exports import official_parts as parts
from sausat.core.exports.official_layouts import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    PARTY_NAME,
    SPECS,
    Authority,
    Layout,
    LayoutSpec,
    Style,
    authority_line,
    date_line,
    normalise_authority,
    number_line,
    spec,
)
from sausat.core.exports.text import export_text

__all__ = [
    "DOCX_CONTENT_TYPE", "NATIONAL_MOTTO", "NATIONAL_NAME", "PARTY_NAME", "SPECS", "AdminDocument", "Authority",
    "Block", "Bullets", "Heading", "Layout", "LayoutSpec", "OfficialDocument", "Paragraph", "Signature", "Table",
    "authority_line", "date_line", "number_line", "render_docx", "spec", "vn_date_line",
]  # fmt: skip

FONT = parts.FONT
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # NĐ 30, Phụ lục I, Mục I.5 (20–25/15–20/30–35)
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_PT = 14
vn_date_line = date_line


@dataclass
class Heading:
    text: str
    level: int = 1  # 1: bold; 2: bold italic; 3: italic


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    indent: bool = True  # first-line indent
    align: str = "justify"  # justify | left | center | right


@dataclass
class Bullets:
    items: list[str]
    marker: str = "-"


@dataclass
class Table:
    headers: list[str]
    rows: list[Sequence[Any]]
    widths_mm: list[float] | None = None
    font_pt: int = 12
    title: str = ""


Block = Heading | Paragraph | Bullets | Table


@dataclass
class Signature:
    """The signature block: authority line ("TM. ỦY BAN NHÂN DÂN", "T/L BAN THƯỜNG VỤ"; written in the
    document's layout whatever form the caller used), title ("CHÁNH VĂN PHÒNG") and full name."""

    authority: str = ""
    title: str = ""
    signer: str = ""
    kind: Authority = Authority.NONE  # when set, ``authority`` is only the collective or head ("Ban Thường vụ")

    @classmethod
    def of(cls, kind: Authority, whom: str, title: str, signer: str = "") -> Signature:
        """``Signature.of(Authority.ON_BEHALF, "Ban Thường vụ", "Bí thư")``: the words follow the layout."""
        return cls(authority=whom, title=title, signer=signer, kind=kind)

    def line(self, layout: Layout) -> str:
        if self.kind != Authority.NONE:
            return authority_line(layout, self.kind, self.authority)
        return normalise_authority(layout, self.authority) if self.authority.strip() else ""


@dataclass
class OfficialDocument:
    issuing_body: str
    superior_body: str
    number: str
    symbol: str
    place: str
    date: dt.date | None
    doc_type: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    party: bool = False  # kept for callers written before ``layout``: True means PARTY_HD36
    font_pt: int | None = None  # body size; default from the layout
    layout: Layout | None = None
    archive: str = ""  # "VT, VP" (NĐ 30) / "Văn phòng Thành ủy" (HD 36); default from the layout

    def __post_init__(self) -> None:
        if self.layout is None:
            self.layout = Layout.PARTY_HD36 if self.party else Layout.STATE_ND30
        self.layout = Layout(self.layout)
        self.party = self.layout == Layout.PARTY_HD36


AdminDocument = OfficialDocument  # the name used before the two layouts


def _setup(document: Any, body_pt: float) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(body_pt)
    rfonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    if rfonts is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), FONT)


def _table_block(document: Any, block: Table, size: float) -> None:
    if block.title:
        parts.para(document, block.title, Style(size, bold=True), before=6, after=3)
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.headers, strict=False):
        parts.cell_para(cell, str(text), Style(block.font_pt, bold=True))
    plain = Style(block.font_pt)
    for row in block.rows:
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=False)):
            text = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ("" if value is None else str(value))
            figure = isinstance(value, (int, float)) or bool(_FIGURE.fullmatch(text))
            centered = figure or (i == 0 and len(text) <= 4)
            align = WD_ALIGN_PARAGRAPH.CENTER if centered else WD_ALIGN_PARAGRAPH.LEFT
            parts.cell_para(cell, text, plain, align=align)
    if block.widths_mm:
        parts.widths(table, block.widths_mm)
    parts.para(document, "", Style(6))


_FIGURE = re.compile(r"[\d.,]+ ?%?|[\d.,]+/[\d.,]+")  # "1.234", "66,7%", "3/4": centred like numbers

_ALIGNS = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _body(document: Any, doc: OfficialDocument, size: float) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for block in doc.blocks:
        if isinstance(block, Heading):
            style = Style(size, bold=block.level <= 2, italic=block.level >= 2)
            parts.para(document, block.text, style, align=justify, before=6, after=3, first_line_mm=10)
        elif isinstance(block, Paragraph):
            style = Style(size, bold=block.bold, italic=block.italic)
            parts.para(document, block.text, style, align=_ALIGNS.get(block.align, justify), after=6,
                       first_line_mm=10 if block.indent else None)  # fmt: skip
        elif isinstance(block, Bullets):
            for item in block.items:
                parts.para(document, f"{block.marker} {item}", Style(size), align=justify, after=3, first_line_mm=10)
        elif isinstance(block, Table):
            _table_block(document, block, size)
        else:
            raise TypeError(f"unknown block {block!r}")


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as .docx bytes, in its layout."""
    layout_spec = spec(doc.layout or Layout.STATE_ND30)
    body_pt = doc.font_pt or layout_spec.body_pt
    document = Document()
    _setup(document, body_pt)
    document.core_properties.title = export_text(f"{doc.doc_type} {doc.title}").strip()[:250]
    document.core_properties.author = export_text(doc.issuing_body)[:250]
    # python-docx's blank template starts with one empty paragraph: drop it so the header comes first.
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    parts.header(document, doc, layout_spec)
    parts.title_block(document, doc, layout_spec)
    _body(document, doc, body_pt)
    parts.para(document, "", Style(6))
    parts.closing(document, doc, layout_spec)
    parts.page_numbers(document, layout_spec)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
