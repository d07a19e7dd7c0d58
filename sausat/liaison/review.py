"""The review (sơ kết) report for a period: .docx in the Nghị định 30/2020 layout and .xlsx tables."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference

from sausat.core.calendar import local_date
from sausat.core.exports.charts import chart_table_block
from sausat.core.exports.docx_nd30 import AdminDocument, Bullets, Heading, Paragraph, Signature, Table, render_docx
from sausat.core.exports.xlsx import Sheet, write_xlsx
from sausat.geo import naming
from sausat.liaison.selectors import Coverage
from sausat.liaison.specificity import VAGUE_BELOW


def _commune_row(r) -> list:
    return [
        r.name,
        r.successor_name or "",
        r.lead_name or "",
        r.days_since if r.days_since is not None else "chưa liên hệ",
        r.visits,
        r.required,
        r.meetings,
        r.meetings_with_feedback,
        r.feedback,
        r.vague_feedback,
        r.joint,
        r.reports_late,
        r.escalations_open,
        r.escalations_overdue,
    ]


COMMUNE_HEADERS = [
    "Địa bàn",
    "Nay thuộc",
    "Cán bộ phụ trách",
    "Số ngày từ lần liên hệ cuối",
    "Xuống cơ sở",
    "Yêu cầu",
    "Dự họp cấp ủy",
    "Dự họp có góp ý",
    "Góp ý chính thức",
    "Góp ý chung chung",
    "Làm việc phối hợp",
    "Báo cáo trễ/thiếu",
    "Kiến nghị chờ trả lời",
    "Kiến nghị quá hạn",
]
CADRE_HEADERS = [
    "Cán bộ",
    "Chức vụ",
    "Số địa bàn",
    "Xuống cơ sở",
    "Yêu cầu",
    "Dự họp",
    "Góp ý",
    "Góp ý chung chung",
    "Phối hợp",
    "Báo cáo trễ/thiếu",
    "Hạn chế",
]
FLAG_LABELS = {
    "rarely_visits": "ít xuống cơ sở",
    "vague_feedback": "góp ý chung chung",
    "poor_coordination": "phối hợp chưa chặt",
    "late_reporting": "báo cáo chậm",
}


def _flags(c) -> str:
    return ", ".join(FLAG_LABELS[k] for k, v in c.flags.items() if v)


def _cadre_row(c) -> list:
    return [
        c.full_name,
        c.title or "",
        c.unit_count,
        c.visits,
        c.required,
        c.meetings,
        c.feedback,
        c.vague_feedback,
        c.joint,
        c.reports_late,
        _flags(c),
    ]


def review_xlsx(cov: Coverage) -> bytes:
    escalations = [
        [
            e.unit.name,
            e.issue.text,
            e.organ.name,
            e.deadline,
            "đã trả lời" if not e.is_open else ("quá hạn" if e.is_overdue else "đang chờ"),
        ]
        for e in cov.escalations
    ]
    content = write_xlsx(
        [
            Sheet("Theo địa bàn", COMMUNE_HEADERS, [_commune_row(r) for r in cov.communes]),
            Sheet("Theo cán bộ", CADRE_HEADERS, [_cadre_row(c) for c in cov.cadres]),
            Sheet("Kiến nghị", ["Địa bàn", "Nội dung", "Chuyển đến", "Hạn", "Tình trạng"], escalations),
        ]
    )
    return _with_chart(content, len(cov.communes))


def _with_chart(content: bytes, rows: int) -> bytes:
    """Add a native bar chart (visits against the rule, per commune) on its own sheet."""
    if not rows:
        return content
    book = load_workbook(io.BytesIO(content))
    data = book["Theo địa bàn"]
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Xuống cơ sở so với yêu cầu"
    chart.y_axis.title = "lượt"
    chart.height = max(8, rows * 0.5)
    chart.width = 24
    chart.add_data(Reference(data, min_col=5, max_col=6, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=rows + 1))
    sheet = book.create_sheet("Biểu đồ")
    sheet.add_chart(chart, "A1")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _party_committee(province) -> tuple[str, str]:
    """("THÀNH ỦY CẦN THƠ", "Cần Thơ") for the office's province; generic when unknown."""
    if province is None:
        return "TỈNH ỦY", ""
    return naming.upper(naming.committee_name(province)), naming.bare_name(province)


def review_docx(cov: Coverage, province=None) -> bytes:
    t = cov.totals
    cadres = cov.cadres
    flag_counts = {k: sum(1 for c in cadres if c.flags[k]) for k in FLAG_LABELS}
    stale = [r for r in cov.communes if r.stale]
    blocks = [
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        Paragraph(
            f"Trong {cov.period.label.lower()}, {t['communes']} địa bàn có cán bộ được phân công theo dõi, hỗ trợ; "
            f"cán bộ đã xuống cơ sở {t['visits']} lượt, dự họp cấp ủy cơ sở {t['meetings']} lượt, "
            f"có {t['feedback']} ý kiến góp ý chính thức; {t['open']} kiến nghị đang chờ trả lời, "
            f"trong đó {t['overdue']} kiến nghị quá hạn."
        ),
        chart_table_block(
            [
                ("Xuống cơ sở", t["visits"]),
                ("Dự họp cấp ủy", t["meetings"]),
                ("Góp ý chính thức", t["feedback"]),
                ("Kiến nghị chờ trả lời", t["open"]),
            ],
            title="Biểu đồ 1. Hoạt động trong kỳ",
            label_header="Hoạt động",
            count_header="Số lượt",
            percent=False,
        ),
        Heading("II. HẠN CHẾ"),
        Bullets(
            [
                f"{flag_counts['rarely_visits']}/{len(cadres)} cán bộ xuống cơ sở ít hơn số lần quy định.",
                f"{flag_counts['vague_feedback']}/{len(cadres)} cán bộ có góp ý chung chung "
                f"(độ cụ thể dưới {VAGUE_BELOW}/100), cơ sở khó triển khai.",
                f"{flag_counts['poor_coordination']}/{len(cadres)} cán bộ chưa có buổi làm việc phối hợp với cán bộ phụ trách cấp dưới.",
                f"{flag_counts['late_reporting']}/{len(cadres)} cán bộ báo cáo tình hình chậm hoặc chưa báo cáo.",
                f"{len(stale)} địa bàn không có liên hệ quá {cov.no_contact_days} ngày.",
            ]
        ),
        chart_table_block(
            [(label, flag_counts[key]) for key, label in FLAG_LABELS.items()],
            title="Biểu đồ 2. Số cán bộ theo hạn chế",
            label_header="Hạn chế",
            count_header="Số cán bộ",
            percent=False,
        ),
        Heading("III. SỐ LIỆU THEO ĐỊA BÀN"),
        Table(
            headers=["Địa bàn", "Ngày từ lần liên hệ cuối", "Xuống cơ sở/yêu cầu", "Dự họp", "Góp ý", "Kiến nghị mở"],
            rows=[
                [
                    r.name,
                    r.days_since if r.days_since is not None else "chưa",
                    f"{r.visits}/{r.required}",
                    r.meetings,
                    r.feedback,
                    r.escalations_open,
                ]
                for r in cov.communes
            ],
            font_pt=11,
        ),
        Heading("IV. SỐ LIỆU THEO CÁN BỘ"),
        Table(
            headers=["Cán bộ", "Địa bàn", "Xuống cơ sở/yêu cầu", "Góp ý (chung chung)", "Hạn chế"],
            rows=[
                [c.full_name, c.unit_count, f"{c.visits}/{c.required}", f"{c.feedback} ({c.vague_feedback})", _flags(c)]
                for c in cadres
            ],
            font_pt=11,
        ),
        Heading("V. PHƯƠNG HƯỚNG"),
        Paragraph(
            "Cán bộ được phân công nghiên cứu kỹ kế hoạch và quy định; sắp xếp lịch xuống cơ sở đủ số lần quy định; "
            "dự họp cấp ủy và có góp ý chính thức, cụ thể (việc gì, ở đâu, khi nào, ai thực hiện); "
            "phối hợp thường xuyên với cán bộ phụ trách cấp dưới; báo cáo đúng hạn và kiến nghị kịp thời."
        ),
    ]
    doc = AdminDocument(
        issuing_body="VĂN PHÒNG",
        superior_body=_party_committee(province)[0],
        number="",
        symbol="BC/VPTU",
        place=_party_committee(province)[1],
        date=local_date(timezone.now()),
        doc_type="BÁO CÁO",
        title=f"Sơ kết việc phân công cán bộ theo dõi, hỗ trợ cơ sở {cov.period.label.lower()}",
        blocks=blocks,
        recipients=[
            f"Thường trực {naming.committee_word(province) if province else 'Tỉnh ủy'} (để báo cáo)",
            "Các đồng chí được phân công",
            "Lưu Văn phòng",
        ],
        signature=Signature(authority="T/L BAN THƯỜNG VỤ", title="CHÁNH VĂN PHÒNG", signer=""),
        party=True,
    )
    return render_docx(doc)
