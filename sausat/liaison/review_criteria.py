"""What the review (sơ kết) judges each assigned cadre on, read from seed 003 as it is.

The provincial review conference in seed 003 named six shortcomings of the cadres sent to follow
communes, and praised their reporting. The six are the review's criteria (:data:`SEED_CRITERIA`),
written here in our own words, each with how the records show it — or, for the one the records
cannot show, that the conference judges it. Reporting was praised, so late reports are not one of
the seed's criticisms: the product still counts them, labelled as a product metric
(:data:`PRODUCT_METRICS`), never listed among the shortcomings.

The documents the cadres should have studied are not typed here: they are the decision's
``related_documents`` (in seed 003, the Standing Committee's Plan no. 23 and Regulation no. 02).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # short, for a badge or a table cell
    description: str  # the criterion in full, for the review's text
    measure: str  # how the records show it; "" when they cannot
    from_seed: bool = True  # one of the shortcomings the review conference named

    @property
    def measured(self) -> bool:
        return bool(self.measure)


SEED_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "unstudied_rules",
        "chưa nắm kế hoạch, quy định",
        "Chưa đọc kỹ kế hoạch và quy định về việc phân công theo dõi, hỗ trợ cơ sở, nên lúng túng khi làm nhiệm vụ",
        "",
    ),
    Criterion(
        "poor_scheduling",
        "lịch xuống cơ sở chưa hợp lý",
        "Bố trí thời gian xuống cơ sở chưa hợp lý",
        "số lượt xuống cơ sở trong kỳ ít hơn số lượt quyết định phân công yêu cầu",
    ),
    Criterion(
        "unclear_focus",
        "chưa rõ việc cần theo dõi",
        "Chưa rõ ở địa bàn mình cần theo dõi, hỗ trợ những việc gì",
        "từ một nửa số hoạt động trong kỳ trở lên không ghi lại điều đã nắm được",
    ),
    Criterion(
        "infrequent_contact",
        "ít liên hệ với địa bàn",
        "Liên hệ với địa bàn chưa thường xuyên, chưa nắm chắc tình hình để đôn đốc, hỗ trợ",
        "có địa bàn phụ trách không có liên hệ nào quá số ngày đã đặt, tính đến ngày cuối kỳ",
    ),
    Criterion(
        "no_or_vague_feedback",
        "không góp ý hoặc góp ý chung chung",
        "Xuống cơ sở mà không góp ý, hoặc góp ý chung chung khiến cơ sở khó thực hiện",
        "có xuống cơ sở hay dự họp nhưng không có góp ý chính thức, hoặc từ một nửa số góp ý trở lên bị chấm là chung chung",
    ),
    Criterion(
        "loose_coordination",
        "phối hợp với cấp dưới chưa chặt",
        "Trao đổi, phối hợp với cấp dưới chưa chặt chẽ (trước 1/7/2025: với Thường trực huyện ủy và ủy viên "
        "ban thường vụ huyện ủy phụ trách tiểu vùng)",
        "không có buổi làm việc phối hợp nào với cán bộ phụ trách cấp dưới trong kỳ",
    ),
)

PRODUCT_METRICS: tuple[Criterion, ...] = (
    Criterion(
        "late_reporting",
        "báo cáo chậm",
        "Báo cáo tình hình nộp sau hạn hoặc chưa nộp (chỉ số của phần mềm; hội nghị sơ kết đánh giá tốt việc báo cáo)",
        "báo cáo đến hạn trong kỳ nộp sau hạn hoặc chưa nộp",
        from_seed=False,
    ),
)

ALL_CRITERIA: tuple[Criterion, ...] = SEED_CRITERIA + PRODUCT_METRICS
MEASURED_SEED_CRITERIA: tuple[Criterion, ...] = tuple(c for c in SEED_CRITERIA if c.measured)


def assess(cadres: Iterable[Any], communes: Iterable[Any], assignments: Iterable[Mapping[str, Any]]) -> None:
    """Set ``flags`` (criterion key -> True/False, None when the records cannot tell),
    ``flag_count`` (the seed's shortcomings found) and ``product_flags`` on each cadre row."""
    stale_units = {r.pk for r in communes if r.stale}
    units_of: dict[int, set[int]] = defaultdict(set)
    for a in assignments:
        units_of[a["cadre_id"]].add(a["unit_id"])
    for c in cadres:
        field_visits = c.visits + c.meetings
        flags: dict[str, bool | None] = {
            "unstudied_rules": None,
            "poor_scheduling": c.visits < c.required,
            "unclear_focus": c.blank_notes > 0 and c.blank_notes * 2 >= c.activities,
            "infrequent_contact": bool(units_of[c.pk] & stale_units),
            "no_or_vague_feedback": (field_visits > 0 and c.feedback == 0)
            or (c.vague_feedback > 0 and c.vague_feedback * 2 >= c.feedback),
            "loose_coordination": c.joint == 0,
        }
        c.flags = flags
        c.flag_count = sum(1 for v in flags.values() if v)
        c.product_flags = {"late_reporting": c.reports_late > 0}
