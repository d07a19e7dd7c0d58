"""The review (sơ kết) report for a period: .docx of the Party committee's office (HD 36-HD/VPTW layout,
through ``sausat.core.exports.official_document``) and .xlsx tables."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference

from sausat.core.calendar import local_date
from sausat.core.exports.charts import chart_table_block
from sausat.core.exports.official_document import (
    Authority,
    Bullets,
    Heading,
    Layout,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    render_docx,
)
from sausat.core.exports.xlsx import Sheet, write_xlsx
from sausat.core.numbers import vn_number
from sausat.geo import naming
from sausat.liaison.feedback_specificity import vague_below
from sausat.liaison.review_criteria import MEASURED_SEED_CRITERIA, PRODUCT_METRICS, SEED_CRITERIA
from sausat.liaison.selectors import Coverage, historical_bodies
from sausat.people import documents


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
# The seed's shortcomings the records can show, then the product's own metric (review_criteria).
FLAG_LABELS = {c.key: c.label for c in MEASURED_SEED_CRITERIA}
PRODUCT_LABELS = {c.key: c.label for c in PRODUCT_METRICS}
HISTORICAL_NOTE = "Bản dựng lại từ dữ liệu lịch sử"


def _flags(c) -> str:
    found = [FLAG_LABELS[k] for k, v in c.flags.items() if v and k in FLAG_LABELS]
    product = [f"{PRODUCT_LABELS[k]} (chỉ số phần mềm)" for k, v in c.product_flags.items() if v]
    return ", ".join(found + product)


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


def _period_notes(cov: Coverage, bodies: list[str], historical: bool) -> list:
    """What a review of a past period must say first: the day its figures stand at and, for units
    abolished since, that it is a reconstruction and which bodies existed then."""
    notes = []
    if historical:
        then = f" Các đơn vị thuộc {', '.join(bodies)} thời điểm đó;" if bodies else ""
        notes.append(
            Paragraph(
                f"{HISTORICAL_NOTE}.{then} các đơn vị này đã được sắp xếp lại từ ngày 01/07/2025. "
                "Báo cáo này tổng hợp lại số liệu đã ghi nhận, không phải "
                "văn bản do các cơ quan đó ban hành."
            )
        )
    if cov.is_past and cov.as_of is not None:
        notes.append(
            Paragraph(
                f"Số liệu tính đến hết ngày {cov.as_of:%d/%m/%Y} (ngày cuối kỳ): số ngày từ lần liên hệ cuối "
                "và kiến nghị quá hạn được tính tại ngày này."
            )
        )
    return notes


def _shortcomings(cov: Coverage, flag_counts: dict[str, int], stale: int) -> list[str]:
    """One line per shortcoming named by the review conference (seed 003), in its order."""
    n = len(cov.cadres)
    lines = []
    for criterion in SEED_CRITERIA:
        if not criterion.measured:
            lines.append(f"{criterion.description}: đánh giá tại hội nghị (số liệu ghi nhận không thể hiện).")
            continue
        line = f"{criterion.description}: {flag_counts[criterion.key]}/{n} cán bộ ({criterion.measure})"
        if criterion.key == "infrequent_contact":
            line += f"; {vn_number(stale)} địa bàn không có liên hệ quá {cov.no_contact_days} ngày"
        elif criterion.key == "no_or_vague_feedback":
            line += f"; góp ý chung chung khi độ cụ thể dưới {vague_below(cov.period.end)}/100"
        lines.append(line + ".")
    return lines


def review_docx(cov: Coverage, province=None) -> bytes:
    f = cov.figures  # the dashboard's totals (figures.py), numbers written the Vietnamese way
    t = {k: vn_number(v) for k, v in f.as_dict().items()}
    cadres = cov.cadres
    flag_counts = {k: sum(1 for c in cadres if c.flags[k]) for k in FLAG_LABELS}
    late = sum(1 for c in cadres if c.product_flags["late_reporting"])
    bodies = historical_bodies(cov)
    historical = bool(bodies) or (province is not None and province.valid_to is not None)
    blocks = [
        *_period_notes(cov, bodies, historical),
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        Paragraph(
            f"Trong {cov.period.label.lower()}, {t['communes']} địa bàn có cán bộ được phân công theo dõi, hỗ trợ; "
            f"cán bộ đã xuống cơ sở {t['visits']} lượt, dự họp cấp ủy cơ sở {t['meetings']} lượt, "
            f"truyền đạt chủ trương, quyết định đến cơ sở {t['bridge']} lượt, "
            f"có {t['feedback']} ý kiến góp ý chính thức; {t['open']} kiến nghị đang chờ trả lời, "
            f"trong đó {t['overdue']} kiến nghị quá hạn."
        ),
        chart_table_block(
            [
                ("Xuống cơ sở", f.visits),
                ("Dự họp cấp ủy", f.meetings),
                ("Góp ý chính thức", f.feedback),
                ("Kiến nghị chờ trả lời", f.open),
            ],
            title="Biểu đồ 1. Hoạt động trong kỳ",
            label_header="Hoạt động",
            count_header="Số lượt",
            percent=False,
        ),
        Heading("II. HẠN CHẾ"),
        Bullets(_shortcomings(cov, flag_counts, f.stale)),
        Paragraph(
            f"Chỉ số theo dõi của phần mềm (không thuộc các hạn chế nêu trên): {late}/{len(cadres)} cán bộ "
            "có báo cáo tình hình nộp sau hạn hoặc chưa nộp."
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
    day = local_date(timezone.now())
    # The report of the Party committee's office (HD 36-HD/VPTW): its header lines, symbol, archive
    # line and signature from the province's organ list (sausat.people.documents).
    who = documents.office_issuer(province, party=True, on=day) if province is not None else None
    doc = OfficialDocument(
        layout=Layout.PARTY_HD36,
        issuing_body=who.issuing if who else "",
        superior_body=who.superior if who else "",
        number="",
        symbol=who.symbol("BC") if who else "BC",
        place=who.place if who else "",
        date=day,
        doc_type="BÁO CÁO",
        title=f"Sơ kết việc phân công cán bộ theo dõi, hỗ trợ cơ sở {cov.period.label.lower()}"
        + (f" ({HISTORICAL_NOTE.lower()})" if historical else ""),
        blocks=blocks,
        recipients=[
            *([f"Thường trực {naming.committee_word(province)} (để báo cáo)"] if province else []),
            "Các đồng chí được phân công",
        ],
        archive=who.archive if who else "",
        signature=documents.office_signature(who, day)
        if who
        else Signature.of(Authority.BY_ORDER, "Ban Thường vụ", documents.OFFICE_HEAD_TITLE),
    )
    return render_docx(doc)
