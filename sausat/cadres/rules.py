"""Cadre-work rules as dated, versioned data with their source (rules.md B.1, B.2, B.6).

Every threshold the app applies comes from a :class:`Rule` picked by :func:`rule_for` for the date
of the thing judged, so an evaluation of 2024 is judged by 124-QĐ/TW and one of Q4/2025 by
366-QĐ/TW, and the record says which rule applied (``Rule.code``). Values the sources did not
confirm are marked in ``unconfirmed`` and may be overridden per deployment with the setting
``SAUSAT_CADRES_RULE_OVERRIDES = {"366-QĐ/TW": {"excellent_quota": 0.15}}``; the stated default
stays here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _


class Kind(StrEnum):
    EVALUATION_PARTY = "evaluation.party"  # Party organisations, collectives, leaders and members
    EVALUATION_STATE = "evaluation.state"  # civil servants
    CONFIDENCE_VOTE = "confidence_vote"
    PLANNING = "planning"
    APPOINTMENT = "appointment"  # appointment procedures (steps, quorum, deadlines)


class Level(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETE = "complete"
    NOT_COMPLETE = "not_complete"

    @property
    def label(self) -> str:
        return str(LEVEL_LABELS[self])

    @property
    def rank(self) -> int:
        return LEVEL_ORDER.index(self)


LEVEL_ORDER = (Level.EXCELLENT, Level.GOOD, Level.COMPLETE, Level.NOT_COMPLETE)
LEVEL_LABELS = {
    Level.EXCELLENT: _("Hoàn thành xuất sắc nhiệm vụ"),
    Level.GOOD: _("Hoàn thành tốt nhiệm vụ"),
    Level.COMPLETE: _("Hoàn thành nhiệm vụ"),
    Level.NOT_COMPLETE: _("Không hoàn thành nhiệm vụ"),
}
LEVEL_CHOICES = [(level.value, LEVEL_LABELS[level]) for level in LEVEL_ORDER]


@dataclass(frozen=True)
class Rule:
    code: str  # the regulation's number, e.g. "366-QĐ/TW"
    kind: Kind
    title: str
    valid_from: dt.date
    valid_to: dt.date | None  # the last day it applied; None while in force
    source: str
    params: dict[str, Any] = field(default_factory=dict)
    unconfirmed: tuple[str, ...] = ()  # params the sources did not confirm (configurable)

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    def applies_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def scored(self) -> bool:
        """True for the 100-point rules; the older ones classify by criteria."""
        return bool(self.params.get("scored"))


# --- Evaluation and classification (B.1) -----------------------------------------------------------

_POINTS = {
    "scored": True,
    "general_max": 30,
    "task_max": 70,
    "thresholds": {Level.EXCELLENT: 90, Level.GOOD: 70, Level.COMPLETE: 50},
    "excellent_beyond_share": 0.30,  # share of tasks beyond requirement needed for "excellent"
    "complete_late_share_collective": 0.20,  # collectives rated "complete" may have <= 20 % late
    "late_product_penalty": 0.25,  # each late product loses 25 % of its progress points
    # How a task's points split between quantity/quality and progress: the decree measures
    # quantity, quality and progress; equal thirds is this product's default.
    "progress_share": 1 / 3,
    "excellent_quota": 0.20,  # excellent <= 20 % of those rated good or better in a group
    "automatic_not_complete": ("discipline_reprimand_or_worse", "degraded", "managed_unit_corruption"),
}

# Planning's age limit and structure targets. rules.md B.6 names "over the age limit" as automatic
# removal and lists young / women / ethnic-minority targets, but gives the ages and the minority
# figure for none of them (young = under 40 at provincial level is 50-QĐ/TW's figure): product
# defaults, configurable. A planned cadre must be able to serve the whole term before retirement
# (Labour Code 2019 art. 169 end state: 62 men, 60 women; the yearly transition is not modelled).
_PLAN_AGE: dict[str, Any] = {
    "young_age": 40,
    "retirement_age": {"male": 62, "female": 60},
    "full_term_months": 60,
    "minority_share": None,  # no figure in the sources: shown as a number, not judged
}
_PLAN_AGE_OPEN = ("young_age", "retirement_age", "full_term_months", "minority_share")

RULES: tuple[Rule, ...] = (
    Rule(
        code="124-QĐ/TW",
        kind=Kind.EVALUATION_PARTY,
        title="Quy định 124-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm",
        valid_from=dt.date(2023, 10, 4),
        valid_to=dt.date(2025, 8, 29),
        source="rules.md B.1 (lawnet.vn summary of 124-QĐ/TW)",
        params={
            "scored": False,
            "periods": ("year",),
            "excellent_quota": 0.20,  # <= 20 % of those rated "good"
            "criteria": {
                Level.EXCELLENT: "Mọi tiêu chí từ Tốt trở lên; kết quả nhiệm vụ Xuất sắc; không có đơn vị, cá nhân bị kỷ luật",
                Level.GOOD: "Tiêu chí từ Trung bình trở lên; kết quả từ Tốt trở lên",
                Level.COMPLETE: "Tiêu chí cơ bản từ Trung bình trở lên",
                Level.NOT_COMPLETE: "Tiêu chí Kém",
            },
        },
    ),
    Rule(
        code="366-QĐ/TW",
        kind=Kind.EVALUATION_PARTY,
        title="Quy định 366-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng (thang điểm 100)",
        valid_from=dt.date(2025, 8, 30),
        valid_to=None,
        source="rules.md B.1 (thanhnien.vn, vietnamnet.vn, laodong.vn summaries of 366-QĐ/TW)",
        params={**_POINTS, "periods": ("quarter", "year", "term")},
        unconfirmed=("excellent_quota", "progress_share"),
    ),
    Rule(
        code="90/2020/NĐ-CP",
        kind=Kind.EVALUATION_STATE,
        title="Nghị định 90/2020/NĐ-CP (sửa đổi bởi 48/2023/NĐ-CP) về đánh giá, xếp loại chất lượng",
        valid_from=dt.date(2020, 8, 13),
        valid_to=dt.date(2025, 12, 31),
        source="rules.md B.1 (thuvienphapluat.vn summaries of 90/2020 and 48/2023)",
        params={
            "scored": False,
            "periods": ("year",),
            "manager_good_on_schedule_share": 0.80,
            # 48/2023: the excellent civil-servant share may not exceed the party-member one.
            "civil_servant_share_capped_by_party": True,
            "deadline": "15/12",
        },
    ),
    Rule(
        code="335/2025/NĐ-CP",
        kind=Kind.EVALUATION_STATE,
        title="Nghị định 335/2025/NĐ-CP về đánh giá, xếp loại chất lượng công chức",
        valid_from=dt.date(2026, 1, 1),
        valid_to=None,
        source="rules.md B.1 (nld.com.vn, cafef.vn, kienthuc.net.vn summaries of 335/2025)",
        params={**_POINTS, "periods": ("quarter", "year"), "civil_servant_share_capped_by_party": True},
        unconfirmed=("progress_share",),
    ),
    # --- Confidence votes (B.2) ---------------------------------------------------------------------
    Rule(
        code="262-QĐ/TW",
        kind=Kind.CONFIDENCE_VOTE,
        title="Quy định 262-QĐ/TW (2014) về lấy phiếu tín nhiệm",
        valid_from=dt.date(2014, 10, 8),
        valid_to=dt.date(2023, 2, 1),
        source="rules.md B.2 (luatminhkhue.vn on 262-QĐ/TW)",
        params={"quorum": (2, 3), "max_places": 2, "low_consider": (1, 2), "low_dismiss": (2, 3), "year_of_term": 3},
    ),
    Rule(
        code="96-QĐ/TW",
        kind=Kind.CONFIDENCE_VOTE,
        title="Quy định 96-QĐ/TW (2/2/2023) về lấy phiếu tín nhiệm",
        valid_from=dt.date(2023, 2, 2),
        valid_to=None,
        source="rules.md B.2 (vnexpress.net, baotayninh.vn, vanban123.vn on 96-QĐ/TW)",
        params={
            "quorum": (2, 3),  # >= 2/3 of those summoned
            "max_places": 2,  # a cadre is voted on in at most 2 places
            "low_consider": (1, 2),  # > 1/2 and < 2/3 low: out of the plan, consider leaving the post
            "low_dismiss": (2, 3),  # >= 2/3 low: dismissal, lower work
            "year_of_term": 3,
            "consequence_deadline_working_days": 15,
        },
        unconfirmed=("year_of_term", "consequence_deadline_working_days"),
    ),
    # --- Planning (B.6) -----------------------------------------------------------------------------
    Rule(
        code="50-QĐ/TW",
        kind=Kind.PLANNING,
        title="Quy định 50-QĐ/TW (27/12/2021) về công tác quy hoạch cán bộ",
        valid_from=dt.date(2021, 12, 27),
        valid_to=dt.date(2025, 10, 7),
        source="rules.md B.6 (vietnamnet.vn, hethongphapluat.vn on 50-QĐ/TW)",
        params={"max_per_post": 3, "max_posts_per_level": 3, "young_share": 0.15, "women_share": 0.25, **_PLAN_AGE},
        unconfirmed=_PLAN_AGE_OPEN,
    ),
    Rule(
        code="377-QĐ/TW",
        kind=Kind.PLANNING,
        title="Quy định 377-QĐ/TW (8/10/2025) về phân cấp quản lý cán bộ, quy hoạch, bổ nhiệm",
        valid_from=dt.date(2025, 10, 8),
        valid_to=None,
        source="rules.md B.6 (vietnamnet.vn, vnexpress.net on 377-QĐ/TW)",
        params={"max_per_post": 3, "max_posts_per_level": 3, "young_share": 0.15, "women_share": 0.25, **_PLAN_AGE},
        unconfirmed=("young_share", "women_share", *_PLAN_AGE_OPEN),
    ),
)


# --- Appointment procedures (B.6) --------------------------------------------------------------------
# Each step is one conference with a secret ballot. "ballot": "policy" (the collective agrees on the
# structure, standards and process: a yes count), "nominate" (introduces a person), "opinion" (asks
# the key cadres' or the home unit's opinion; recorded, does not stop the process), "decide" (the
# vote that chooses). The chosen person has the most votes among those with more than half of those
# summoned; a tie at the top chooses nobody and the step is held again (product default).
_IN_HOUSE_STEPS = (
    {"title": "Tập thể lãnh đạo thảo luận, thống nhất cơ cấu, tiêu chuẩn, điều kiện, quy trình", "ballot": "policy"},
    {"title": "Hội nghị tập thể lãnh đạo mở rộng giới thiệu nhân sự", "ballot": "nominate"},
    {"title": "Tập thể lãnh đạo giới thiệu nhân sự", "ballot": "nominate"},
    {"title": "Hội nghị cán bộ chủ chốt lấy ý kiến về nhân sự", "ballot": "opinion"},
    {"title": "Tập thể lãnh đạo thảo luận, biểu quyết nhân sự", "ballot": "decide"},
)
_OUTSIDE_STEPS = (
    {"title": "Tập thể lãnh đạo thảo luận, thống nhất chủ trương, cơ cấu, tiêu chuẩn và dự kiến nhân sự", "ballot": "policy"},
    {"title": "Lấy ý kiến tập thể lãnh đạo, cán bộ chủ chốt nơi nhân sự đang công tác", "ballot": "opinion"},
    {"title": "Tập thể lãnh đạo thảo luận, biểu quyết nhân sự", "ballot": "decide"},
)  # fmt: skip

RULES += (
    Rule(
        code="727/QĐ-BNV",
        kind=Kind.APPOINTMENT,
        title="Quy trình bổ nhiệm chức vụ lãnh đạo, quản lý (Bộ Nội vụ, QĐ 727, 2025)",
        valid_from=dt.date(2025, 1, 1),
        valid_to=None,
        source="rules.md B.6 (baonghean.vn, danviet.vn, baolaocai.vn on the appointment procedure)",
        params={
            "steps": {"in_house": _IN_HOUSE_STEPS, "outside": _OUTSIDE_STEPS},
            "quorum": (2, 3),  # >= 2/3 of those summoned present
            "chosen_over": (1, 2),  # > 1/2 of those summoned
            "policy_working_days": 10,  # the competent level decides on the policy
            "finish_working_days": 30,  # the unit completes the process after the policy
        },
        # The sources name the outside procedure's 3 steps only by number and give no start date
        # (1/1/2025 is this product's default); the step wording is ours.
        unconfirmed=("steps",),
    ),
)


class NoRule(LookupError):
    pass


def _overridden(rule: Rule) -> Rule:
    overrides = getattr(settings, "SAUSAT_CADRES_RULE_OVERRIDES", {}).get(rule.code)
    if not overrides:
        return rule
    unknown = set(overrides) - set(rule.unconfirmed)
    if unknown:
        # Only what the sources left open may be changed; a confirmed threshold is the law's.
        raise ValueError(f"{rule.code}: {sorted(unknown)} are confirmed by the sources and cannot be overridden")
    return replace(rule, params={**rule.params, **overrides})


def rule_for(kind: Kind | str, on_date: dt.date) -> Rule:
    """The rule of ``kind`` in force on ``on_date`` (with the deployment's overrides)."""
    kind = Kind(kind)
    for rule in RULES:
        if rule.kind == kind and rule.applies_on(on_date):
            return _overridden(rule)
    raise NoRule(f"Không có quy định {kind} áp dụng cho ngày {on_date:%d/%m/%Y}.")


def rule_by_code(code: str) -> Rule:
    for rule in RULES:
        if rule.code == code:
            return _overridden(rule)
    raise NoRule(code)


def fraction_reached(count: int, total: int, fraction: tuple[int, int]) -> bool:
    """count / total >= num / den, in integers (no rounding at the threshold)."""
    num, den = fraction
    return total > 0 and count * den >= total * num


def fraction_exceeded(count: int, total: int, fraction: tuple[int, int]) -> bool:
    """count / total > num / den."""
    num, den = fraction
    return total > 0 and count * den > total * num
