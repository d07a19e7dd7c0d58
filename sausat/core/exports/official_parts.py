"""The parts of an official document: header block, drawn rules, page numbers, recipients, signature.

Used by :mod:`sausat.core.exports.official_document`; every value comes from the layout's
:class:`~sausat.core.exports.official_layouts.LayoutSpec`. Every string written passes through
:func:`sausat.core.exports.text.export_text` (in :func:`para`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sausat.core.exports.official_layouts import LayoutSpec, Style, date_line, number_line, text_width_pt
from sausat.core.exports.text import export_text

if TYPE_CHECKING:
    from sausat.core.exports.official_document import OfficialDocument

FONT = "Times New Roman"
PT_PER_MM = 72 / 25.4


def font(run, style: Style) -> None:
    """Times New Roman at the style's size, bold/italic/underline as the style says.

    The run properties are built as one element in schema order: python-docx's property setters
    search the children for every insert and made a long report take seconds."""
    r = run._r
    old = r.find(qn("w:rPr"))
    if old is not None:
        r.remove(old)
    rpr = r.makeelement(qn("w:rPr"), {})
    rpr.append(rpr.makeelement(qn("w:rFonts"), {qn(f"w:{a}"): FONT for a in ("ascii", "hAnsi", "eastAsia", "cs")}))
    if style.bold:
        rpr.append(rpr.makeelement(qn("w:b"), {}))
    if style.italic:
        rpr.append(rpr.makeelement(qn("w:i"), {}))
    half_points = str(round(style.size * 2))
    rpr.append(rpr.makeelement(qn("w:sz"), {qn("w:val"): half_points}))
    rpr.append(rpr.makeelement(qn("w:szCs"), {qn("w:val"): half_points}))
    if style.underline:
        rpr.append(rpr.makeelement(qn("w:u"), {qn("w:val"): "single"}))
    r.insert(0, rpr)


_JC = {
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
}


def para(container, text: str, style: Style, *, align=WD_ALIGN_PARAGRAPH.CENTER, before: float = 0,
         after: float = 0, first_line_mm: float | None = None):  # fmt: skip
    """A paragraph with one run; its properties built as one element in schema order (see :func:`font`)."""
    p = container.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    ppr.append(ppr.makeelement(qn("w:spacing"), {qn("w:before"): str(round(before * 20)),
               qn("w:after"): str(round(after * 20)), qn("w:line"): "240", qn("w:lineRule"): "auto"}))  # fmt: skip
    if first_line_mm is not None:
        ppr.append(ppr.makeelement(qn("w:ind"), {qn("w:firstLine"): str(Mm(first_line_mm).twips)}))
    ppr.append(ppr.makeelement(qn("w:jc"), {qn("w:val"): _JC[align]}))
    text = export_text(text)  # every string of the document passes here
    if text:
        run = p.add_run()
        font(run, style)
        t = run._r.makeelement(qn("w:t"), {})
        t.text = text
        if text != text.strip():
            t.set(qn("xml:space"), "preserve")
        run._r.append(t)
    return p


def cell_para(cell, text: str, style: Style, **kw):
    """Write into a table cell, reusing its empty first paragraph."""
    if len(cell.paragraphs) == 1 and not cell.paragraphs[0].text and not getattr(cell, "_used", False):
        cell._used = True
        first = cell.paragraphs[0]
        p = para(cell, text, style, **kw)
        first._element.getparent().remove(first._element)
        return p
    return para(cell, text, style, **kw)


def borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"}))
    tbl_pr.append(borders)


def widths(table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)  # the grid, which LibreOffice and Word's fixed layout follow
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def drawn_rule(container, length_mm: float, width_mm: float):
    """A solid horizontal rule ``length_mm`` long, centred in ``width_mm``: an empty paragraph whose bottom
    border is the line, its indents cutting it to length (Word and LibreOffice draw it as a line)."""
    p = para(container, "", Style(2))
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(3)  # the line sits just under the text above it
    length_mm = max(8.0, min(length_mm, width_mm - 2))
    side = (width_mm - length_mm) / 2
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p_pr = p._p.get_or_add_pPr()
    borders = p_pr.makeelement(qn("w:pBdr"), {})
    borders.append(
        borders.makeelement(
            qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1", qn("w:color"): "000000"}
        )
    )
    p_pr.insert(0, borders)  # before w:spacing, w:ind and w:jc, as the schema orders them
    return p


def _line_mm(text: str, style: Style, cell_mm: float) -> float:
    """The printed length of the longest line ``text`` wraps to in the cell."""
    return min(text_width_pt(text, style.size, bold=style.bold) / PT_PER_MM, cell_mm - 4)


def header(document: Any, doc: OfficialDocument, spec: LayoutSpec) -> None:
    """Issuing body, number (left); national name and motto or the Party's name, place and date (right)."""
    left_mm, right_mm = spec.column_widths_mm
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borderless(table)
    left, right = table.rows[0].cells
    if doc.superior_body:
        cell_para(left, doc.superior_body.upper(), spec.superior)
    cell_para(left, doc.issuing_body.upper(), spec.issuing)
    if spec.issuing_mark == "rule":
        length = _line_mm(doc.issuing_body.upper(), spec.issuing, left_mm) * spec.issuing_rule
        drawn_rule(left, length, left_mm)
    else:
        cell_para(left, spec.issuing_mark, spec.issuing)
    for text, style in spec.top_right:
        cell_para(right, text, style)
    last_text, last_style = spec.top_right[-1]
    drawn_rule(right, _line_mm(last_text, last_style, right_mm) * spec.top_right_rule, right_mm)
    number_cell, date_cell = table.rows[1].cells
    cell_para(number_cell, number_line(spec.layout, doc.number, doc.symbol), spec.number, before=6)
    cell_para(date_cell, date_line(doc.place, doc.date), spec.date, before=6)
    widths(table, spec.column_widths_mm)


def title_block(document: Any, doc: OfficialDocument, spec: LayoutSpec) -> None:
    para(document, doc.doc_type.upper(), spec.doc_type, before=18)
    if doc.title:
        para(document, doc.title, spec.title, after=2)
    if spec.title_mark == "rule":
        length = min(_line_mm(doc.title or doc.doc_type, spec.title, 165) * 0.4, 50)
        drawn_rule(document, length, 165)
        document.paragraphs[-1].paragraph_format.space_after = Pt(12)
    else:
        para(document, spec.title_mark, Style(spec.title.size), after=12)


def page_numbers(document: Any, spec: LayoutSpec) -> None:
    """Page numbers centred in the top margin from page 2 on: a PAGE field in the default header; the
    first page gets its own, empty, header (w:titlePg)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    header_part = section.header
    header_part.is_linked_to_previous = False
    p = header_part.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = p.add_run()
        font(run, spec.page_number)
        if kind:
            run._r.append(run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
        elif text == " PAGE ":
            instr = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            instr.text = text
            run._r.append(instr)
        else:
            run._r.append(run._r.makeelement(qn("w:t"), {}))
            run._r[-1].text = text
    section.first_page_header.is_linked_to_previous = False


def recipient_lines(doc: OfficialDocument, spec: LayoutSpec) -> list[str]:
    """ "- Thường trực Thành ủy;" … "- Lưu: VT, VP." (NĐ 30) or "- …," … "- Lưu Văn phòng Thành ủy." (HD 36).

    A caller's own last line starting with "Lưu" becomes the archive line of the layout."""
    names = [n.strip().lstrip("-").strip().rstrip(";,.").strip() for n in doc.recipients]
    names = [n for n in names if n]
    archive = doc.archive.strip().rstrip(".")
    if names and names[-1].startswith("Lưu"):
        own = names.pop()[3:].lstrip(":").strip()
        archive = archive or own
    if not names and not archive:
        return []
    archive = archive or spec.default_archive
    return [f"- {n}{spec.recipient_end}" for n in names] + [f"- {spec.archive_prefix}{archive}."]


def closing(document: Any, doc: OfficialDocument, spec: LayoutSpec) -> None:
    """Recipients on the left, the signature block on the right."""
    table = document.add_table(rows=1, cols=2)
    borderless(table)
    left, right = table.rows[0].cells
    lines = recipient_lines(doc, spec)
    if lines:
        cell_para(left, "Nơi nhận:", spec.recipients_label, align=WD_ALIGN_PARAGRAPH.LEFT)
        for line in lines:
            cell_para(left, line, spec.recipient, align=WD_ALIGN_PARAGRAPH.LEFT)
    sig = doc.signature
    authority = sig.line(spec.layout)
    if authority:
        cell_para(right, authority, spec.authority)
    if sig.title:
        cell_para(right, sig.title.upper(), spec.signer_title)
    for _ in range(4):  # room for the signature and the seal
        cell_para(right, "", spec.signer_name)
    if sig.signer:
        cell_para(right, sig.signer, spec.signer_name)
    widths(table, (80, 85))
