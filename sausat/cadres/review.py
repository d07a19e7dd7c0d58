"""The six-monthly review across provinces (seed 004): each province's organisation board enters,
submits and locks its half-year figures; the region's view compares them (table, chart, .xlsx).

Writes are audited and atomic; a locked report refuses every change, in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sausat.cadres import policy
from sausat.cadres.models import HALF_YEAR_FIGURES, HalfYearReport, Region
from sausat.core.exports.xlsx import Sheet, write_xlsx
from sausat.core.numbers import vn_percent
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_update
from sausat.geo.models import AdministrativeUnit
from sausat.textkit.normalize import normalize

FIGURE_LABELS = {
    "excellent": "Hoàn thành xuất sắc",
    "good": "Hoàn thành tốt",
    "complete": "Hoàn thành",
    "not_complete": "Không hoàn thành",
    "planned": "Cán bộ trong quy hoạch",
    "planned_young": "Trẻ (dưới 40)",
    "planned_women": "Nữ",
    "planned_minority": "Dân tộc thiểu số",
    "rotations": "Luân chuyển",
    "appointments": "Bổ nhiệm",
    "votes_held": "Lấy phiếu tín nhiệm (người)",
    "votes_low": "Tín nhiệm thấp trên 1/2",
    "trained": "Đào tạo, bồi dưỡng (lượt)",
}


def _half_label(report: HalfYearReport) -> str:
    return f"{report.get_half_display().lower()} {report.year}"


def _check_figures(figures: dict[str, Any]) -> dict[str, int]:
    unknown = set(figures) - set(HALF_YEAR_FIGURES)
    if unknown:
        raise ValidationError(f"Chỉ tiêu không có trong mẫu báo cáo: {', '.join(sorted(unknown))}.")
    clean = {k: int(v) for k, v in figures.items()}
    negative = [FIGURE_LABELS[k] for k, v in clean.items() if v < 0]
    if negative:
        raise ValidationError(f"Số liệu không được âm: {', '.join(negative)}.")
    return clean


def save_half_year(
    *, actor: Any, province: AdministrativeUnit, year: int, half: int, note: str = "", **figures: Any
) -> HalfYearReport:
    """Create or update a province's draft; a locked report is refused with its lock date."""
    require_in_scope(actor, lambda: policy.can_edit_half_year(actor, province))
    clean = _check_figures(figures)
    planned = clean.get("planned")
    for part in ("planned_young", "planned_women", "planned_minority"):
        if planned is not None and clean.get(part, 0) > planned:
            raise ValidationError(
                f"{FIGURE_LABELS[part]} ({clean[part]}) vượt tổng số cán bộ trong quy hoạch ({planned})."
            )
    with transaction.atomic():
        existing = HalfYearReport.objects.select_for_update().filter(province=province, year=year, half=half).first()
        if existing is None:
            return do_create(
                HalfYearReport, actor=actor, verb="cadres.half_year.create", province=province, year=year, half=half,
                note=normalize(note), **clean,
            )  # fmt: skip
        if existing.locked_at is not None:
            raise ValidationError(
                f"Báo cáo {_half_label(existing)} của {province.name} đã khóa ngày "
                f"{timezone.localtime(existing.locked_at):%d/%m/%Y}; không thể sửa số liệu."
            )
        return do_update(existing, actor=actor, verb="cadres.half_year.update", note=normalize(note), **clean)


def lock_half_year(*, actor: Any, report: HalfYearReport) -> HalfYearReport:
    """Submit and lock: from now on the figures are the province's official report."""
    require_in_scope(actor, lambda: policy.can_edit_half_year(actor, report.province))
    with transaction.atomic():
        current = HalfYearReport.objects.select_for_update().get(pk=report.pk)
        if current.locked_at is not None:
            raise ValidationError(f"Báo cáo {_half_label(current)} của {current.province.name} đã được khóa trước đó.")
        user = actor if getattr(actor, "is_authenticated", False) else None
        return do_update(current, actor=actor, verb="cadres.half_year.lock", locked_at=timezone.now(), locked_by=user)


# --- The region's comparison ----------------------------------------------------------------------


@dataclass
class RegionRow:
    province: AdministrativeUnit
    report: HalfYearReport | None

    def value(self, name: str) -> int | None:
        return getattr(self.report, name) if self.report else None

    @property
    def excellent_share(self) -> str:
        return vn_percent(self.report.excellent, self.report.evaluated) if self.report else "—"

    @property
    def young_share(self) -> str:
        return vn_percent(self.report.planned_young, self.report.planned) if self.report else "—"


def region_rows(region: Region, year: int, half: int) -> list[RegionRow]:
    """Two queries whatever the number of provinces."""
    provinces = list(region.provinces.order_by("name"))
    reports = {
        r.province_id: r
        for r in HalfYearReport.objects.filter(province__in=[p.pk for p in provinces], year=year, half=half)
    }
    return [RegionRow(p, reports.get(p.pk)) for p in provinces]


CHART_SERIES = ("excellent", "good", "complete", "not_complete")


def region_chart(rows: list[RegionRow]) -> dict:
    return {
        "labels": [r.province.name for r in rows],
        "datasets": [
            {"label": FIGURE_LABELS[name], "data": [r.value(name) or 0 for r in rows]} for name in CHART_SERIES
        ],
    }


def region_xlsx(region: Region, year: int, half: int, rows: list[RegionRow]) -> bytes:
    headers = ["Tỉnh, thành phố", *(FIGURE_LABELS[f] for f in HALF_YEAR_FIGURES), "Tỷ lệ xuất sắc", "Tỷ lệ trẻ trong QH",
               "Trạng thái"]  # fmt: skip
    data = [
        [
            r.province.name,
            *(r.value(f) if r.report else "" for f in HALF_YEAR_FIGURES),
            r.excellent_share,
            r.young_share,
            "Đã khóa" if r.report and r.report.locked_at else ("Bản nháp" if r.report else "Chưa báo cáo"),
        ]
        for r in rows
    ]
    return write_xlsx([Sheet(f"{region.name[:20]} {half}-{year}", headers, data)])
