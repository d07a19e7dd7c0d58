"""Demo of the six-monthly review (seed 004): the region of the 22 southern provinces of 2021, as
pre-2025 units, and their figures for the first half of 2021.

From seed 004, in our own words: in the first half of 2021 the organisation sector of the 22
southern provinces prepared the National Assembly and People's Council elections for 2021-2026,
finished the 2020 evaluation and classification round, and kept arranging cadres by the approved
plans. Hậu Giang had largely finished placing cadres after the Party congresses and the
elections, adopted a project for young, women, ethnic-minority and key grassroots cadres for
2020-2025 and a cadre rotation plan for the same term. The article gives no figures: Hậu Giang's
are written to match those facts, the other 21 provinces' are believable and deterministic (a
generator seeded by the province code), and two provinces are left as unlocked drafts.
"""

from __future__ import annotations

import random

from sausat.cadres import review
from sausat.cadres.models import HalfYearReport, Region
from sausat.core.actors import SystemActor
from sausat.core.services import do_create
from sausat.geo.models import AdministrativeUnit

SYSTEM = SystemActor(reason="seed_demo")
REGION_CODE = "phia-nam-2021"
REGION_NAME = "22 tỉnh, thành phố khu vực phía Nam (2021)"
# GSO codes of the 22 southern provinces and cities of 2021 (pre-2025 units are "L-p<code>").
SOUTHERN_2021 = (58, 60, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96)
HAU_GIANG = "L-p93"
YEAR, HALF = 2021, 1
DRAFTS = ("L-p60", "L-p95")

HAU_GIANG_FIGURES = {
    # the 2020 round finished in the half-year: results of the province-managed cadres
    "excellent": 38, "good": 171, "complete": 24, "not_complete": 2,
    # the 2020-2025 project: planning with a visible young/women/ethnic-minority share
    "planned": 412, "planned_young": 97, "planned_women": 121, "planned_minority": 18,
    # the 2020-2025 rotation plan, and placements after the congresses and the elections
    "rotations": 14, "appointments": 63,
    "votes_held": 0, "votes_low": 0,  # no confidence votes in an election half-year
    "trained": 1260,
}  # fmt: skip


def _figures(code: str) -> dict[str, int]:
    rng = random.Random(code)  # noqa: S311  (demo figures, not security)
    evaluated = rng.randint(180, 620)
    excellent = int(evaluated * rng.uniform(0.12, 0.19))
    not_complete = rng.randint(0, 4)
    complete = int(evaluated * rng.uniform(0.08, 0.16))
    planned = rng.randint(300, 900)
    return {
        "excellent": excellent, "good": evaluated - excellent - complete - not_complete, "complete": complete,
        "not_complete": not_complete, "planned": planned, "planned_young": int(planned * rng.uniform(0.15, 0.3)),
        "planned_women": int(planned * rng.uniform(0.2, 0.35)),
        "planned_minority": int(planned * rng.uniform(0.0, 0.12)), "rotations": rng.randint(3, 30),
        "appointments": rng.randint(20, 140), "votes_held": 0, "votes_low": 0, "trained": rng.randint(400, 3000),
    }  # fmt: skip


def seed() -> list[str]:
    """Idempotent: an existing region or report is left as it is."""
    provinces = list(AdministrativeUnit.objects.filter(code__in=[f"L-p{c}" for c in SOUTHERN_2021]))
    if not provinces:
        return ["Sơ kết khu vực phía Nam: chưa nạp đơn vị hành chính cũ (trước 2025), bỏ qua."]
    region = Region.objects.filter(code=REGION_CODE).first()
    if region is None:
        region = do_create(Region, actor=SYSTEM, verb="cadres.region.create", code=REGION_CODE, name=REGION_NAME)
        region.provinces.set(provinces)
    existing = set(HalfYearReport.objects.filter(year=YEAR, half=HALF).values_list("province__code", flat=True))
    for province in provinces:
        if province.code in existing:
            continue
        figures = HAU_GIANG_FIGURES if province.code == HAU_GIANG else _figures(province.code)
        note = (
            "Cơ bản hoàn thành sắp xếp cán bộ sau đại hội đảng bộ các cấp và sau bầu cử; ban hành Đề án nâng cao "
            "chất lượng cán bộ trẻ, nữ, dân tộc thiểu số và cán bộ chủ chốt cơ sở và Kế hoạch luân chuyển cán bộ "
            "nhiệm kỳ 2020-2025."
            if province.code == HAU_GIANG
            else ""
        )
        rep = review.save_half_year(actor=SYSTEM, province=province, year=YEAR, half=HALF, note=note, **figures)
        if province.code not in DRAFTS:
            review.lock_half_year(actor=SYSTEM, report=rep)
    return [f"Sơ kết 6 tháng đầu năm {YEAR}: {region.name}, {len(provinces)} tỉnh, thành phố."]
