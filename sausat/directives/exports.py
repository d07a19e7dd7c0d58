"""The quarterly pack as .xlsx (openpyxl, write-only) and as a .docx report of the committee's office,
through the one generator of official documents (``sausat.core.exports.official_document``)."""

from __future__ import annotations

from django.utils import timezone

from sausat.core.numbers import vn_number
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
        [row.name if row is not pack.totals else "Tổng cộng", row.total, *row.bucket_counts, row.completion_xlsx]
        for row in [*pack.bodies, pack.totals]
    ]
    return write_xlsx(
        [
            Sheet(
                "Tổng hợp theo cơ quan",
                ["Cơ quan chủ trì", "Tổng số", *[s.label for s in FOUR_BUCKETS], "Tỷ lệ hoàn thành"],
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


def pack_docx(pack: Pack, *, unit=None, party: bool = True) -> bytes:
    """The pack as the report of the office of ``unit``'s committee (the office's province), through
    the one generator (``sausat.core.exports.official_document``): the Party layout of HD 36-HD/VPTW
    for the Party committee's Văn phòng, or NĐ 30/2020 for the People's Committee's (``party=False``).
    Header lines, place, symbol, archive line and signature come from the unit's organ list
    (``sausat.people.documents``); dated by the figures' "as of" day."""
    from sausat.core.exports.official_document import (
        Bullets,
        Heading,
        Layout,
        OfficialDocument,
        Paragraph,
        Signature,
        Table,
    )
    from sausat.core.exports.official_document import render_docx as render
    from sausat.geo import naming
    from sausat.people import documents

    day = timezone.localtime(pack.as_of).date()
    # Without an office unit (an administrator over the whole tree) the header lines stay blank.
    who = documents.office_issuer(unit, party=party, on=day) if unit is not None else None
    organ = lambda t, none="chưa giao": (t.lead_organ.short_name or t.lead_organ.name) if t.lead_organ else none  # noqa: E731
    frame = pack.frame()
    rows = [
        [
            row.name if row is not pack.totals else "Tổng cộng",
            vn_number(row.total),
            *(vn_number(n) for n in row.bucket_counts),
            row.completion_text,
        ]
        for row in [*pack.bodies, pack.totals]
    ]
    blocks = [
        Paragraph(pack.scope.label, italic=True, indent=False, align="center"),
        Heading("I. KẾT QUẢ ĐẠT ĐƯỢC"),
        Paragraph(frame["achievements"]),
        Table(
            headers=["Cơ quan chủ trì", "Tổng số", *[s.label for s in FOUR_BUCKETS], "Tỷ lệ hoàn thành"],
            rows=rows,
            widths_mm=[45, 18, 20, 20, 20, 20, 22],
            font_pt=11,
        ),
    ]
    if pack.completed:
        blocks += [
            Heading("Sản phẩm đã hoàn thành:", level=2),
            Bullets([f"{t.title} ({organ(t, '')}): {t.product}; {t.status.label.lower()}." for t in pack.completed]),
        ]
    blocks += [Heading("II. HẠN CHẾ, TỒN TẠI"), Paragraph(frame["shortcomings"])]
    if pack.overdue:
        blocks.append(Bullets([f"{t.title} ({organ(t)}, hạn {_d(t.due_date)}): {t.reason}" for t in pack.overdue]))
    blocks.append(Heading("III. NHIỆM VỤ QUÝ TỚI"))
    if pack.due_next:
        blocks.append(
            Bullets(
                [
                    f"{t.title} ({organ(t)}, hạn {_d(t.due_date) or t.get_deadline_kind_display().lower()})."
                    for t in pack.due_next
                ]
            )
        )
    layout = Layout.PARTY_HD36 if party else Layout.STATE_ND30
    doc = OfficialDocument(
        **(who.header() if who else {"layout": layout, "superior_body": "", "issuing_body": "", "place": ""}),
        number="",
        symbol=who.symbol("BC") if who else "BC",
        date=day,
        doc_type="Báo cáo",
        title=f"Kết quả thực hiện các nhiệm vụ được giao quý {ROMAN[pack.quarter]}/{pack.year}",
        blocks=blocks,
        recipients=[
            *([f"Thường trực {naming.committee_word(unit)} (để báo cáo)"] if unit is not None else []),
            "Các cơ quan liên quan",
        ],
        archive=who.archive if who else "",
        signature=documents.office_signature(who, day) if who else Signature(title=documents.OFFICE_HEAD_TITLE),
    )
    return render(doc)
