"""Current demo tasks at the cast's province (Cần Thơ), dated relative to the day of seeding: a
conclusion issued six weeks ago whose tasks fall in this quarter, some overdue, one silent, one with an
extension request and one with a completion proposal waiting for the office, tasks led by the two
demo communes. The historical Hậu Giang conclusion (``sausat.directives.demo``) keeps its 2021 dates.
Idempotent: one document per title.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from sausat.core.actors import SystemActor
from sausat.core.calendar import local_date
from sausat.directives import request_services, services
from sausat.directives.models import DirectingDocument, DocumentKind
from sausat.people import demo as people_demo
from sausat.people.models import Organ

SYSTEM = SystemActor(reason="seed_demo")

# (lead: "province:<key>" or "commune_a"/"commune_b", title, due offset from today, story)
TASKS = [
    ("province:dept_home_affairs", "Hướng dẫn chế độ, chính sách cho cán bộ cấp xã dôi dư sau sắp xếp", -10, ""),
    ("province:dept_home_affairs", "Rà soát vị trí việc làm công chức cấp xã", 20, "extend"),
    ("province:party_organisation_board", "Đánh giá đội ngũ cán bộ chủ chốt cấp xã sau sắp xếp", 15, "propose"),
    ("province:party_office", "Tổng hợp kiến nghị của cơ sở gửi Thường trực Thành ủy", 5, "progress"),
    ("commune_a", "Bố trí điểm tiếp nhận hồ sơ tại trụ sở xã cũ", 10, "progress"),
    ("commune_b", "Kiểm tra, sửa chữa tuyến đường giao thông nông thôn xuống cấp", -4, ""),
]


def seed() -> list[str]:
    units = people_demo.cast_units()
    province = units["province"]
    now = timezone.now()
    today = local_date(now)
    title = f"Kết luận của Thường trực Thành ủy về sắp xếp bộ máy cấp xã năm {today.year} (minh họa)"
    if DirectingDocument.objects.filter(unit=province, title=title).exists():
        return ["Chỉ đạo năm nay (Cần Thơ): đã có."]
    organs = {o.key: o for o in Organ.objects.filter(unit=province, key__isnull=False)}
    commune_lead = {
        key: Organ.objects.filter(unit=units[key], key="party_committee").first() for key in ("commune_a", "commune_b")
    }
    with transaction.atomic():
        doc = services.register_document(
            actor=SYSTEM,
            kind=DocumentKind.CONCLUSION_NOTICE,
            issuing_organ=organs["party_permanent"],
            number="DEMO-15",
            symbol="TB/TU",
            date=today - dt.timedelta(days=45),
            title=title,
            unit=province,
        )
        for lead_spec, task_title, offset, story in TASKS:
            if lead_spec.startswith("province:"):
                lead = organs.get(lead_spec.split(":", 1)[1])
            else:
                lead = commune_lead[lead_spec]
            task = services.add_task(
                actor=SYSTEM,
                document=doc,
                title=task_title,
                lead_organ=lead,
                deadline_date=today + dt.timedelta(days=offset),
            )
            at = now - dt.timedelta(days=3)
            if story in ("progress", "extend", "propose"):
                services.report_progress(
                    actor=SYSTEM, task=task, text="Đã triển khai, đang thực hiện.", percent=50, at=at
                )
            if story == "extend":
                request_services.request_extension(
                    actor=SYSTEM,
                    task=task,
                    reason="Chờ hướng dẫn của Bộ Nội vụ về khung vị trí việc làm.",
                    requested_date=today + dt.timedelta(days=50),
                    at=at + dt.timedelta(hours=1),
                )
            elif story == "propose":
                request_services.propose_completion(
                    actor=SYSTEM,
                    task=task,
                    product="Báo cáo đánh giá đội ngũ cán bộ chủ chốt cấp xã",
                    at=at + dt.timedelta(hours=1),
                )
    return [f"Chỉ đạo năm nay (Cần Thơ): kết luận với {len(TASKS)} nhiệm vụ, có nhiệm vụ quá hạn và đề nghị chờ xử lý."]
