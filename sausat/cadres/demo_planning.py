"""Demo planning and rotation (seed 004, in our own words): Hậu Giang adopted a cadre rotation plan
for the 2020-2025 term alongside its project for young, women and ethnic-minority cadres. The demo
cast's commune cadre was planned for 2020-2025, rotated for two years to a commune post (while in
the plan, as 65-QĐ/TW requires), and is planned again for 2025-2030 under 377-QĐ/TW. Idempotent."""

from __future__ import annotations

import datetime as dt

from sausat.cadres import planning_services
from sausat.cadres.models import PlanningEntry

PROJECT = (
    "Nguồn cán bộ theo Đề án nâng cao chất lượng cán bộ trẻ, nữ, dân tộc thiểu số và cán bộ chủ chốt cơ sở "
    "nhiệm kỳ 2020-2025"
)


def seed(board, cadre, province, commune) -> list[str]:
    if PlanningEntry.objects.filter(person=cadre).exists():
        return []
    planning_services.add_planning(
        actor=board, person=cadre, post_title="Phó Bí thư Đảng ủy xã", post_level="commune", term="2020-2025",
        unit=province, on=dt.date(2022, 1, 10), reason=PROJECT,
    )  # fmt: skip
    planning_services.add_rotation(
        actor=board, person=cadre, from_title="Chuyên viên Ban Tổ chức", from_unit=province,
        to_title="Phó Chủ tịch UBND xã", to_unit=commune, start=dt.date(2022, 3, 1), end=dt.date(2024, 2, 29),
    )  # fmt: skip
    planning_services.add_planning(
        actor=board, person=cadre, post_title="Phó Trưởng ban Tổ chức", post_level="province", term="2025-2030",
        unit=province, on=dt.date(2025, 10, 20), reason="Hoàn thành tốt nhiệm vụ luân chuyển; có triển vọng",
    )  # fmt: skip
    return ["Quy hoạch, luân chuyển: 2 lượt quy hoạch, 1 lượt luân chuyển (minh họa)."]
