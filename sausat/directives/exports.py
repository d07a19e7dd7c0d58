"""The quarterly pack as .xlsx (openpyxl, write-only) and as a .docx report in the layout of
Nghị định 30/2020/NĐ-CP (Times New Roman 13-14, A4, margins 20-25/15-20 mm, the header block with
the issuing body on the left and the national motto on the right, the place and date line,
the title, the body, the recipients and the signature block)."""

from __future__ import annotations

import io

from django.utils import timezone

from sausat.directives.pack import ROMAN, Pack
from sausat.directives.status import FOUR_BUCKETS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _d(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def attachment_response(content: bytes, filename: str, content_type: str):
    from sausat.core.exports.http import attachment_response as core_attachment_response

    return core_attachment_response(content, filename, content_type)


def pack_filename(pack: Pack, ext: str) -> str:
    return f"bao-cao-nhiem-vu-quy-{pack.quarter}-{pack.year}-{pack.scope.key.replace(':', '-')}.{ext}"


def pack_xlsx(pack: Pack) -> bytes:
    """The pack's tables, one sheet each (core's writer keeps text formula-safe)."""
    from sausat.core.exports.xlsx import Sheet, write_xlsx

    organ = lambda t: t.lead_organ.name if t.lead_organ else ""  # noqa: E731
    frame = pack.frame()
    as_of = f"{timezone.localtime(pack.as_of):%H:%M %d/%m/%Y}"
    bodies = [
        [row.name if row is not pack.totals else "Tổng cộng", row.total, *row.bucket_counts, row.completion_rate]
        for row in [*pack.bodies, pack.totals]
    ]
    return write_xlsx(
        [
            Sheet(
                "Tổng hợp theo cơ quan",
                ["Cơ quan chủ trì", "Tổng số", *[s.label for s in FOUR_BUCKETS], "Tỷ lệ hoàn thành (%)"],
                bodies,
            ),
            Sheet(
                "Nhiệm vụ quá hạn",
                ["Nhiệm vụ", "Văn bản", "Cơ quan chủ trì", "Thời hạn", "Tiến độ (%)", "Lý do"],
                ([t.title, str(t.document), organ(t), _d(t.due_date), t.percent, t.reason] for t in pack.overdue),
            ),
            Sheet(
                "Sản phẩm hoàn thành",
                ["Nhiệm vụ", "Cơ quan chủ trì", "Sản phẩm", "Ngày hoàn thành", "Đánh giá"],
                (
                    [t.title, organ(t), t.product, _d(timezone.localtime(t.completed_at)), t.status.label]
                    for t in pack.completed
                ),
            ),
            Sheet(
                "Đến hạn quý sau",
                ["Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ (%)"],
                (
                    [t.title, organ(t), _d(t.due_date) or t.get_deadline_kind_display(), t.percent]
                    for t in pack.due_next
                ),
            ),
            Sheet(
                "Đánh giá",
                [f"{pack.title} — {pack.scope.label}", f"Số liệu tính đến {as_of}"],
                [["Kết quả đạt được", frame["achievements"]], ["Hạn chế, tồn tại", frame["shortcomings"]]],
            ),
        ]
    )


def pack_docx(pack: Pack, *, unit=None, office: str = "Văn phòng") -> bytes:
    """The pack as the office's report; ``unit`` (the office's province) names the committee and the place."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from sausat.core.exports.text import export_text
    from sausat.geo import naming

    issuing_body = naming.committee_name(unit) if unit is not None else "Tỉnh ủy"
    place = naming.bare_name(unit) if unit is not None else ""
    standing = f"Thường trực {naming.committee_word(unit) if unit is not None else 'Tỉnh ủy'}"

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # body text is justified

    def para(text: str = "", *, bold=False, italic=False, size=14, align=None, upper=False):
        p = doc.add_paragraph()
        text = export_text(text)  # task titles, reasons and products may hold characters XML refuses
        run = p.add_run(text.upper() if upper else text)
        # Only what differs from the Normal style (Times New Roman 14): python-docx is slow per property.
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size != 14:
            run.font.size = Pt(size)
        if align is not None and align != WD_ALIGN_PARAGRAPH.JUSTIFY:
            p.alignment = align
        return p

    # Header (ND 30/2020, Appendix I): the governing and issuing bodies on the left, the national
    # name and motto on the right; the number and the place-and-date line beneath them.
    header = doc.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.paragraphs[0].add_run(export_text(issuing_body).upper()).font.size = Pt(12)
    r = left.add_paragraph().add_run(export_text(office).upper())
    r.bold, r.font.size = True, Pt(12)
    for p in left.paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    r.bold, r.font.size = True, Pt(12)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    motto = right.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = motto.add_run("Độc lập - Tự do - Hạnh phúc")
    r.bold, r.font.size = True, Pt(13)
    number, dateline = header.rows[1].cells
    number.paragraphs[0].add_run("Số:      /BC-VP").font.size = Pt(13)
    number.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    today = timezone.localdate()
    run = dateline.paragraphs[0].add_run(
        f"{export_text(place)}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"
    )
    run.italic, run.font.size = True, Pt(13)
    dateline.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    para("BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(
        f"Kết quả thực hiện các nhiệm vụ được giao quý {ROMAN[pack.quarter]}/{pack.year}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    para(pack.scope.label, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para("_______", align=WD_ALIGN_PARAGRAPH.CENTER)

    frame = pack.frame()
    para("I. KẾT QUẢ ĐẠT ĐƯỢC", bold=True)
    para(frame["achievements"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    table = doc.add_table(rows=1, cols=7)
    table.style = "Table Grid"
    heads = ["Cơ quan chủ trì", "Tổng số", *[s.label for s in FOUR_BUCKETS], "Tỷ lệ (%)"]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.text = text
    for row in [*pack.bodies, pack.totals]:
        cells = table.add_row().cells
        values = [
            row.name if row is not pack.totals else "Tổng cộng",
            row.total,
            *row.bucket_counts,
            row.completion_rate,
        ]
        for cell, value in zip(cells, values, strict=True):
            cell.text = export_text(value)
    if pack.completed:
        para("Sản phẩm đã hoàn thành:", bold=True)
        for t in pack.completed:
            organ = t.lead_organ.short_name or t.lead_organ.name if t.lead_organ else ""
            para(f"- {t.title} ({organ}): {t.product}; {t.status.label.lower()}.", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    para("II. HẠN CHẾ, TỒN TẠI", bold=True)
    para(frame["shortcomings"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for t in pack.overdue:
        organ = t.lead_organ.short_name or t.lead_organ.name if t.lead_organ else "chưa giao"
        para(f"- {t.title} ({organ}, hạn {_d(t.due_date)}): {t.reason}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    para("III. NHIỆM VỤ QUÝ TỚI", bold=True)
    for t in pack.due_next:
        organ = t.lead_organ.short_name or t.lead_organ.name if t.lead_organ else "chưa giao"
        when = _d(t.due_date) or t.get_deadline_kind_display().lower()
        para(f"- {t.title} ({organ}, hạn {when}).", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    sign = doc.add_table(rows=1, cols=2)
    recipients, signer = sign.rows[0].cells
    rp = recipients.paragraphs[0].add_run("Nơi nhận:")
    rp.bold, rp.italic, rp.font.size = True, True, Pt(12)
    for line in (f"- {standing},", "- Các cơ quan liên quan,", "- Lưu Văn phòng."):
        recipients.add_paragraph().add_run(line).font.size = Pt(11)
    sp = signer.paragraphs[0]
    sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sr = sp.add_run(f"CHÁNH {export_text(office).upper()}")
    sr.bold = True
    signer.add_paragraph("(ký, ghi rõ họ tên)").alignment = WD_ALIGN_PARAGRAPH.CENTER

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
