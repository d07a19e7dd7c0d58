"""Current liaison work for the demo accounts, on top of ``sausat.liaison.demo``'s Cần Thơ season:
the liaison cadre ``theodoi`` also follows a commune nobody has visited since the assignment, whose
last report is due, and from which an escalation has just been answered by the responder.
Idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ, local_date
from sausat.geo.models import AdministrativeUnit, Level
from sausat.liaison import services
from sausat.liaison.models import Assignment, AssignmentDecision, Escalation
from sausat.liaison.periods import period_containing
from sausat.liaison.services import IssueInput, ReportInput
from sausat.opinions import services as opinion_services
from sausat.opinions.models import Outcome
from sausat.people import demo as people_demo
from sausat.people.models import Organ, Person

SYSTEM = SystemActor(reason="seed_demo")
DECISION = "DEMO-12-QĐ/TU"  # the Cần Thơ decision of sausat.liaison.demo


def seed() -> list[str]:
    units = people_demo.cast_units()
    province = units["province"]
    decision = AssignmentDecision.objects.filter(unit=province, number=DECISION).first()
    me = Person.objects.filter(user__username="theodoi").first()
    if decision is None or me is None:
        return []
    now = timezone.now()
    today = local_date(now)
    lines = []
    with transaction.atomic():
        assignment = Assignment.objects.filter(decision=decision, cadre=me).exclude(unit=units["commune_a"]).first()
        if assignment is None:
            taken = Assignment.objects.filter(decision=decision).values("unit_id")
            quiet = (
                AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE, valid_to__isnull=True)
                .exclude(pk__in=taken)
                .order_by("code")
                .first()
            )
            if quiet is None:
                return lines
            assignment = services.assign_cadre(
                actor=SYSTEM,
                decision=decision,
                cadre=me,
                unit=quiet,
                start_date=today - dt.timedelta(days=100),
                end_date=decision.term_end,
                cadre_title="Chuyên viên Văn phòng Thành ủy",
                duties=decision.duties,
            )
            lines.append(f"Theo dõi cơ sở: theodoi được phân công thêm {quiet.name} (chưa xuống cơ sở lần nào).")
        # A report two periods back raised an issue the responder has just answered; the last period's
        # report is still due and nobody has visited: three kinds of work for the cadre. Its second issue
        # waits for an answer, which the office follows.
        period = period_containing(today).previous().previous()
        organ = Organ.objects.filter(unit=province, key="dept_home_affairs").first()
        report, created = services.submit_report(
            actor=SYSTEM,
            cadre=me,
            unit=assignment.unit,
            assignment=assignment,
            data=ReportInput(
                period=period,
                public_sentiment="Người dân mong sớm có điểm tiếp nhận hồ sơ gần nhà sau khi sáp nhập xã.",
                issues=[
                    IssueInput("Đề nghị bố trí điểm tiếp nhận hồ sơ hành chính tại trụ sở xã cũ.", True, organ),
                    IssueInput("Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa ấp bị hư hỏng sau mưa bão.", True, organ),
                ],
            ),
            idempotency_key=f"ct-current-r-{assignment.pk}-{period.key}",
            submitted_at=dt.datetime.combine(period.end + dt.timedelta(days=3), dt.time(9, 0), tzinfo=VN_TZ),
        )
        escalation = (
            Escalation.objects.filter(issue__report=report)
            .select_related("opinion", "organ")
            .order_by("issue__sort_order")
            .first()
        )
        if created and escalation is not None and escalation.opinion is not None:
            opinion_services.answer_opinion(
                actor=SYSTEM,
                opinion=escalation.opinion,
                text="Sở Nội vụ đã thống nhất với UBND xã bố trí điểm tiếp nhận hồ sơ tại trụ sở cũ từ tháng tới.",
                outcome=Outcome.ANSWERED,
                answered_by_organ=escalation.organ,
                answered_at=now - dt.timedelta(days=2),
            )
            lines.append("Theo dõi cơ sở: một kiến nghị từ cơ sở đã được Sở Nội vụ trả lời.")
    return lines
