"""Administrative documents in the layout of Nghị định 30/2020/NĐ-CP (and Party documents, Quy định 66-QĐ/TW).

    from sausat.core.exports.docx_nd30 import AdminDocument, Bullets, Heading, Paragraph, Signature, Table, render_docx

    doc = AdminDocument(
        issuing_body="Ủy ban nhân dân thành phố Cần Thơ", superior_body="", number="12", symbol="TB-UBND",
        place="Cần Thơ", date=dt.date(2026, 11, 23), doc_type="Thông báo",
        title="Kết luận của Chủ tịch UBND thành phố tại buổi đối thoại với Nhân dân",
        blocks=[Heading("1. Tình hình chung"), Paragraph("…"), Bullets(["…", "…"])],
        recipients=["Thường trực Thành ủy", "Lưu: VT"],
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", signer="Nguyễn Văn A"),
    )
    content = render_docx(doc)   # bytes of a .docx

A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 14 pt body (13 pt in
the header block). ``party=True`` puts "ĐẢNG CỘNG SẢN VIỆT NAM" where the national motto goes,
numbers the document "Số 12-TB/TU" and adds the "*" under the issuing body. Every string
written goes through :func:`sausat.core.exports.text.export_text` (see ``_para``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sausat.core.exports.text import export_text

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"


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
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"… (may be empty)
    title: str = ""  # "CHỦ TỊCH", "BÍ THƯ", "PHÓ CHỦ TỊCH"
    signer: str = ""


@dataclass
class AdminDocument:
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
    party: bool = False
    font_pt: int = BODY_PT


def vn_date_line(place: str, date: dt.date | None) -> str:
    """ "Cần Thơ, ngày 05 tháng 02 năm 2026": days below 10 and months 1–2 take a leading zero (NĐ 30)."""
    if date is None:
        return f"{place}, ngày     tháng     năm     ".strip(", ")
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    text = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    return f"{place}, {text}" if place else text


def number_line(doc: AdminDocument) -> str:
    number = doc.number or "   "
    if doc.party:
        return f"Số {number}-{doc.symbol}" if doc.symbol else f"Số {number}"
    return f"Số: {number}/{doc.symbol}" if doc.symbol else f"Số: {number}"


def _font(run, size: float, *, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(container, text: str, size: float, *, align=WD_ALIGN_PARAGRAPH.CENTER, bold=False, italic=False,
          underline=False, before: float = 0, after: float = 0, first_line_mm: float | None = None):  # fmt: skip
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if first_line_mm is not None:
        fmt.first_line_indent = Mm(first_line_mm)
    text = export_text(text)  # every string of the document passes here
    if text:
        _font(p.add_run(text), size, bold=bold, italic=italic, underline=underline)
    return p


def _cell_paragraph(cell, text: str, size: float, **kw):
    """Write into a table cell, reusing its empty first paragraph."""
    if len(cell.paragraphs) == 1 and not cell.paragraphs[0].text and not getattr(cell, "_used", False):
        cell._used = True
        first = cell.paragraphs[0]
        p = _para(cell, text, size, **kw)
        first._element.getparent().remove(first._element)
        return p
    return _para(cell, text, size, **kw)


def _borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"}))
    tbl_pr.append(borders)


def _widths(table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)  # the grid, which LibreOffice and Word's fixed layout follow
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _setup(document: Any, font_pt: int) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(font_pt)
    rfonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    if rfonts is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), FONT)


def _header(document: Any, doc: AdminDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    left, right = table.rows[0].cells
    if doc.superior_body:
        _cell_paragraph(left, doc.superior_body.upper(), HEADER_PT)
    _cell_paragraph(left, doc.issuing_body.upper(), HEADER_PT, bold=True)
    if doc.party:
        _cell_paragraph(left, "*", HEADER_PT)
    else:
        _cell_paragraph(left, "", 6)  # stands for the short rule under the issuing body
    _cell_paragraph(left, number_line(doc), HEADER_PT, before=3)
    if doc.party:
        _cell_paragraph(right, PARTY_NAME, 15, bold=True, underline=True)
    else:
        _cell_paragraph(right, NATIONAL_NAME, 12, bold=True)
        _cell_paragraph(right, NATIONAL_MOTTO, 14, bold=True, underline=True)
    _cell_paragraph(right, vn_date_line(doc.place, doc.date), 14, italic=True, before=12)
    _widths(table, [62, 103])


def _table_block(document: Any, block: Table, size: float) -> None:
    if block.title:
        _para(document, block.title, size, bold=True, before=6, after=3)
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.headers, strict=False):
        _cell_paragraph(cell, str(text), block.font_pt, bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=False)):
            text = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ("" if value is None else str(value))
            centered = isinstance(value, (int, float)) or text.endswith("%") or (i == 0 and len(text) <= 4)
            align = WD_ALIGN_PARAGRAPH.CENTER if centered else WD_ALIGN_PARAGRAPH.LEFT
            _cell_paragraph(cell, text, block.font_pt, align=align)
    if block.widths_mm:
        _widths(table, block.widths_mm)
    _para(document, "", 6)


def _body(document: Any, doc: AdminDocument) -> None:
    size = doc.font_pt
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    aligns = {
        "justify": justify,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }
    for block in doc.blocks:
        if isinstance(block, Heading):
            _para(document, block.text, size, align=justify, bold=block.level <= 2, italic=block.level >= 2,
                  before=6, after=3, first_line_mm=10)  # fmt: skip
        elif isinstance(block, Paragraph):
            _para(document, block.text, size, align=aligns.get(block.align, justify), bold=block.bold,
                  italic=block.italic, after=6, first_line_mm=10 if block.indent else None)  # fmt: skip
        elif isinstance(block, Bullets):
            for item in block.items:
                _para(document, f"{block.marker} {item}", size, align=justify, after=3, first_line_mm=10)
        elif isinstance(block, Table):
            _table_block(document, block, size)
        else:
            raise TypeError(f"unknown block {block!r}")


def _closing(document: Any, doc: AdminDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    left, right = table.rows[0].cells
    if doc.recipients:
        _cell_paragraph(left, "Nơi nhận:", 12, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=not doc.party,
                        underline=doc.party)  # fmt: skip
        last = len(doc.recipients) - 1
        for i, name in enumerate(doc.recipients):
            end = "." if i == last else ";"
            _cell_paragraph(left, f"- {name.rstrip(';.')}{end}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    sig = doc.signature
    if sig.authority:
        _cell_paragraph(right, sig.authority.upper(), 14, bold=True)
    if sig.title:
        _cell_paragraph(right, sig.title.upper(), 14, bold=True)
    for _ in range(4):  # room for the signature and the seal
        _cell_paragraph(right, "", 14)
    if sig.signer:
        _cell_paragraph(right, sig.signer, 14, bold=True)
    _widths(table, [80, 85])


def render_docx(doc: AdminDocument) -> bytes:
    """The document as .docx bytes."""
    document = Document()
    _setup(document, doc.font_pt)
    document.core_properties.title = export_text(f"{doc.doc_type} {doc.title}").strip()[:250]
    document.core_properties.author = export_text(doc.issuing_body)[:250]
    # python-docx's blank template starts with one empty paragraph: drop it so the header comes first.
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _header(document, doc)
    _para(document, doc.doc_type.upper(), 14, bold=True, before=18)
    if doc.title:
        _para(document, doc.title, 14, bold=True, after=2)
    _para(document, "-----", 14, after=12)
    _body(document, doc)
    _para(document, "", 6)
    _closing(document, doc)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
