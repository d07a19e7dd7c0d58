"""The classification list and report of one period: decided results by level, per unit.

Callers have passed :func:`sausat.cadres.policy.report_period_or_404`; this only assembles and
renders (page data, .xlsx, .docx). Percentages are written the Vietnamese way ("2,2%") in every
output, whatever the reader's language, since the report is an official document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sausat.cadres.models import Evaluation, EvaluationPeriod, Step
from sausat.cadres.rules import LEVEL_ORDER
from sausat.core.exports.official_document import Heading, OfficialDocument, Paragraph, Signature, Table, render_docx
from sausat.core.exports.xlsx import Sheet, write_xlsx
from sausat.core.numbers import vn_number, vn_percent  # the one Vietnamese number format (half up)
from sausat.people import documents


@dataclass
class UnitRow:
    unit_id: int
    name: str
    counts: list[int]
    total: int = 0


@dataclass
class ClassificationReport:
    period: EvaluationPeriod
    evaluations: list[Evaluation]
    levels: list[tuple[str, str]]  # (code, label) in rank order
    totals: list[int]
    units: list[UnitRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def level_rows(self) -> list[tuple[str, str, int, str]]:
        return [
            (code, label, n, vn_percent(n, self.total))
            for (code, label), n in zip(self.levels, self.totals, strict=True)
        ]

    def chart(self) -> dict:
        return {
            "labels": [u.name for u in self.units],
            "datasets": [
                {"code": code, "label": label, "data": [u.counts[i] for u in self.units]}
                for i, (code, label) in enumerate(self.levels)
            ],
        }


def decided_evaluations(period: EvaluationPeriod, visible) -> list[Evaluation]:
    return list(
        visible.filter(period=period, step=Step.DECIDED)
        .select_related("person", "organ", "unit")
        .order_by("unit__name", "group", "person__full_name", "organ__name", "id")
    )


def build(period: EvaluationPeriod, evaluations: list[Evaluation]) -> ClassificationReport:
    index = {level.value: i for i, level in enumerate(LEVEL_ORDER)}
    totals = [0] * len(LEVEL_ORDER)
    units: dict[int, UnitRow] = {}
    for ev in evaluations:
        i = index[ev.level]
        totals[i] += 1
        row = units.setdefault(ev.unit_id, UnitRow(ev.unit_id, ev.unit.name, [0] * len(LEVEL_ORDER)))
        row.counts[i] += 1
        row.total += 1
    return ClassificationReport(
        period=period,
        evaluations=evaluations,
        levels=[(level.value, str(level.label)) for level in LEVEL_ORDER],
        totals=totals,
        units=sorted(units.values(), key=lambda u: u.name),
    )


def _list_rows(rep: ClassificationReport) -> list[list]:
    return [
        [n, e.subject_name, e.unit.name, e.group or "—", vn_number(float(e.score), 2) if e.score is not None else "—",
         e.get_level_display(), e.rule_code]
        for n, e in enumerate(rep.evaluations, start=1)
    ]  # fmt: skip


LIST_HEADERS = ["STT", "Đối tượng", "Đơn vị", "Nhóm", "Điểm", "Xếp loại", "Quy định"]


def report_xlsx(rep: ClassificationReport) -> bytes:
    level_labels = [label for _, label in rep.levels]
    return write_xlsx(
        [
            Sheet(
                "Tổng hợp",
                ["Mức xếp loại", "Số lượng", "Tỷ lệ"],
                [[label, n, pct] for _, label, n, pct in rep.level_rows] + [["Tổng số", rep.total, "100%"]],
                widths=[40, 12, 12],
            ),
            Sheet(
                "Theo đơn vị",
                ["Đơn vị", *level_labels, "Tổng số", "Tỷ lệ xuất sắc"],
                [[u.name, *u.counts, u.total, vn_percent(u.counts[0], u.total)] for u in rep.units],
            ),
            Sheet("Danh sách", LIST_HEADERS, _list_rows(rep), widths=[6, 35, 25, 25, 10, 32, 14]),
        ]
    )


def report_docx(rep: ClassificationReport, *, today: dt.date) -> bytes:
    unit = rep.period.unit
    # Issued by the Ban Tổ chức (a commune's Ban Xây dựng Đảng), HD 36 layout; see people/documents.py.
    who = documents.board_issuer(unit, documents.ORGANISATION_BOARD_KEYS, today)
    blocks = [
        Paragraph(
            f"Kỳ đánh giá: {rep.period.label} ({rep.period.start:%d/%m/%Y} – {rep.period.end:%d/%m/%Y}). "
            f"Tổng số {rep.total} trường hợp đã có quyết định xếp loại."
        ),
        Heading("1. Kết quả theo mức xếp loại"),
        Table(
            headers=["Mức xếp loại", "Số lượng", "Tỷ lệ"],
            rows=[[label, str(n), pct] for _, label, n, pct in rep.level_rows],
            widths_mm=[105, 30, 30],
        ),
        Heading("2. Kết quả theo đơn vị"),
        Table(
            headers=["Đơn vị", "Xuất sắc", "Tốt", "Hoàn thành", "Không HT", "Tổng"],
            rows=[[u.name, *map(str, u.counts), str(u.total)] for u in rep.units],
            widths_mm=[55, 22, 22, 22, 22, 22],
        ),
        Heading("3. Danh sách xếp loại"),
        Table(
            headers=LIST_HEADERS,
            rows=[list(map(str, r)) for r in _list_rows(rep)],
            widths_mm=[10, 40, 28, 25, 14, 30, 18],
        ),
    ]
    doc = OfficialDocument(
        **who.header(),
        number="",
        symbol=who.symbol("BC"),
        date=today,
        doc_type="Báo cáo",
        title=f"Kết quả đánh giá, xếp loại chất lượng {rep.period.label}",
        blocks=blocks,
        recipients=["Cấp ủy có thẩm quyền"],
        archive=documents.naming_name(who.organ, unit) if who.organ else "",
        signature=Signature(title="Trưởng ban"),
    )
    return render_docx(doc)
