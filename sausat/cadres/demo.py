"""Demo data for cadre work: the organisation-board account ``tochuc`` and the record of a cast
member, with evaluations computed from demo tasks, a confidence vote and a training record.

Seed 004 (Hậu Giang, first half of 2021) gives the facts used here, in our own words: Hậu Giang's
Party committee adopted a project to raise the quality of young, women and ethnic-minority cadres
and of key grassroots cadres for the 2020-2025 term, and a cadre rotation plan for the same term.
Hậu Giang was merged into Cần Thơ on 1/7/2025, where the demo cast lives; the persons below are
the fictional cast, not people from the article.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sausat.cadres import appointment_services, demo_planning, demo_region, services, vote_services
from sausat.cadres.models import (
    Appointment,
    CadreProfile,
    Evaluation,
    EvaluationPeriod,
    PeriodKind,
    TrainingRecord,
    VoteSession,
)
from sausat.cadres.models_appointments import Source
from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ, local_date
from sausat.core.roles import Role
from sausat.directives import request_services
from sausat.directives import services as directives
from sausat.directives.models import DirectingDocument, DocumentKind
from sausat.people import demo as people_demo
from sausat.people import services as people_services
from sausat.people.models import Organ, Person, RoleGrant

SYSTEM = SystemActor(reason="seed_demo")
BOARD_USERNAME = "tochuc"
BOARD_NAME = "Lý Thị Hạnh"
DOC_TITLE = "Kế hoạch công tác năm 2025 của Đảng ủy xã (dữ liệu minh họa cho đánh giá cán bộ)"


def seed_board(generated: dict[str, str] | None = None):
    """The organisation board's account at the cast province (idempotent); returns the user."""
    User = get_user_model()
    units = people_demo.cast_units()
    province = units["province"]
    with transaction.atomic():
        user = User.objects.filter(username=BOARD_USERNAME).first()
        if user is None:
            user = people_services.create_account(
                actor=SYSTEM, username=BOARD_USERNAME, password=people_demo.account_password(BOARD_USERNAME, generated)
            )
        if not Person.objects.filter(user=user).exists():
            person = people_services.create_person(actor=SYSTEM, full_name=BOARD_NAME, home_unit=province)
            people_services.update_person(person, actor=SYSTEM, user=user)
        organ = Organ.objects.filter(unit=province, key="party_organisation_board").first()
        if not RoleGrant.objects.filter(user=user, role=Role.ORGANISATION_BOARD, unit=province).exists():
            people_services.grant_role(
                actor=SYSTEM, user=user, role=Role.ORGANISATION_BOARD, unit=province, organ=organ
            )
    return user


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN_TZ)


def _demo_tasks(person: Person, commune) -> None:
    """Four 2025 tasks the cadre answers for: two on time (one beyond requirement), one late, one
    done on time; evaluated as a year under 366-QĐ/TW."""
    if DirectingDocument.objects.filter(title=DOC_TITLE).exists():
        return
    organ = (
        Organ.objects.filter(unit=commune, key="party_committee").first() or Organ.objects.filter(unit=commune).first()
    )
    doc = directives.register_document(
        actor=SYSTEM, kind=DocumentKind.ANNUAL_PROGRAMME, issuing_organ=organ, date=dt.date(2025, 9, 1),
        title=DOC_TITLE, unit=commune,
    )  # fmt: skip
    plan = [
        ("Rà soát danh sách cán bộ trẻ, nữ, dân tộc thiểu số trong nguồn quy hoạch của xã", 30, 25, True),
        ("Báo cáo kết quả bồi dưỡng cán bộ chủ chốt cấp cơ sở", 45, 40, False),
        ("Tổng hợp đề xuất luân chuyển cán bộ theo kế hoạch của tỉnh", 60, 70, False),
        ("Hoàn thiện hồ sơ cán bộ sau sắp xếp đơn vị hành chính", 90, 85, False),
    ]
    for title, due_in, done_in, beyond in plan:
        due = doc.date + dt.timedelta(days=due_in)
        task = directives.add_task(
            actor=SYSTEM, document=doc, title=title, lead_organ=organ, deadline_date=due, accountable_person=person
        )
        done = doc.date + dt.timedelta(days=done_in)
        directives.report_progress(
            actor=SYSTEM, task=task, text="Đang triển khai.", percent=50, at=_at(done - dt.timedelta(days=10))
        )
        request = request_services.propose_completion(actor=SYSTEM, task=task, product="Báo cáo kết quả", at=_at(done))
        request_services.decide_request(
            actor=SYSTEM, request=request, approve=True, at=_at(done, 15), beyond_requirement=beyond
        )


def seed() -> list[str]:
    generated: dict[str, str] = {}
    board = seed_board(generated)
    units = people_demo.cast_units()
    province, commune = units["province"], units["commune_a"]
    cadre = Person.objects.get(user__username="xa_a")
    services.ensure_profile(actor=board, person=cadre, unit=province, group="Cán bộ chủ chốt cấp xã")
    _demo_tasks(cadre, commune)
    period = EvaluationPeriod.objects.filter(unit=province, label="Năm 2025").first()
    if period is None:
        period = services.open_period(
            actor=board, kind=PeriodKind.YEAR, label="Năm 2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
            unit=province,
        )  # fmt: skip
    if not Evaluation.objects.filter(period=period, person=cadre).exists():
        ev = services.open_evaluation(actor=board, period=period, person=cadre)
        services.self_assess(actor=SYSTEM, evaluation=ev, general_points=27, note="Hoàn thành các nhiệm vụ được giao.")
        services.appraise(actor=board, evaluation=ev, general_points=26, proposed_level="good")
    if not TrainingRecord.objects.filter(person=cadre).exists():
        services.add_training(
            actor=board, person=cadre,
            course="Bồi dưỡng cán bộ trẻ, nữ, dân tộc thiểu số và cán bộ chủ chốt cơ sở (Đề án nhiệm kỳ 2020-2025)",
            start=dt.date(2021, 9, 6), end=dt.date(2021, 11, 26),
        )  # fmt: skip
    if not VoteSession.objects.filter(unit=province).exists():
        session = vote_services.create_session(
            actor=board, unit=province, title="Hội nghị lấy phiếu tín nhiệm cán bộ chủ chốt cấp xã (minh họa)",
            held_on=dt.date(2025, 11, 20), summoned=30, candidates=[(cadre, "Phó Bí thư Đảng ủy xã")],
        )  # fmt: skip
        session = vote_services.record_attendance(actor=board, session=session, present=27)
        candidate = session.candidates.get()
        vote_services.enter_tally(
            actor=board, session=session, issued=27, returned=27, valid=26, invalid=1, counts={candidate.pk: (15, 9, 2)}
        )
    if not Appointment.objects.filter(unit=province).exists():
        # Opened a week ago, so the board's home has a procedure waiting for the policy this year.
        appointment_services.open_appointment(
            actor=board, unit=province, post_title="Phó Trưởng ban Tổ chức (minh họa)", post_level="province",
            source=Source.IN_HOUSE, requested_on=local_date(timezone.now()) - dt.timedelta(days=7),
        )  # fmt: skip
    lines = [f"Công tác cán bộ: {CadreProfile.objects.count()} hồ sơ; tài khoản Ban Tổ chức: {BOARD_USERNAME}."]
    lines += demo_planning.seed(board, cadre, province, commune)
    lines += demo_region.seed()
    if generated:
        lines.append(f"  {BOARD_USERNAME}: {generated[BOARD_USERNAME]} (mật khẩu ngẫu nhiên, chỉ in một lần)")
    return lines
