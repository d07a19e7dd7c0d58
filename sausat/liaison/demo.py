"""Demo data for grassroots liaison. Idempotent; needs no file outside the code.

Two stories:

1. Bến Tre, 2017 (seed 003). The provincial Party Standing Committee's Plan 23, Decision 182 and
   Regulation 02 assigned provincial cadres to follow and support communes; the review
   conference of 11/4/2017 was chaired by Phan Văn Mãi, Trần Ngọc Tam and Cao Văn Trọng, and
   Hồ Thị Hoàng Yến presented the report. The article gives no issue dates for the three
   documents: the demo dates the decision 01/01/2017 and says so. The cadres below are fictional;
   the records sit on the legacy Bến Tre communes ("L-p83") and show under their successors in
   Vĩnh Long ("p86"). The first quarter of 2017 is logged: some communes well covered, some
   neglected, so the review's four criticisms show up on the dashboard (period "2017-Q1").
2. Cần Thơ, from 2025 (the demo province, "p92"): the demo liaison account ``theodoi`` follows
   commune A; a few fictional cadres follow other communes; activities and monthly reports over
   the last three months.

All text is our own wording.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ, local_date
from sausat.geo.models import AdministrativeUnit, Level
from sausat.liaison import services
from sausat.liaison.models import Activity, Assignment, AssignmentDecision, SituationReport
from sausat.liaison.periods import period_containing, report_due
from sausat.liaison.services import ActivityInput, FeedbackInput, IssueInput, ReportInput
from sausat.meetings import demo as meeting_demo
from sausat.people import demo as people_demo
from sausat.people import services as people_services
from sausat.people.models import Organ, Person, Role, RoleGrant

SYSTEM = SystemActor(reason="seed_demo")
BEN_TRE = "L-p83"
OFFICE_BT_USERNAME = "vanphong_bt"

# The review conference of 11/4/2017 is a meeting record (chairs, attendees, who concluded): see
# sausat.meetings.demo; the liaison season ends on its day.
REVIEW_MEETING_KEY = "bentre-2017-04-11"
REVIEW_DAY = meeting_demo.MEETINGS[REVIEW_MEETING_KEY]["starts_at"].date()

# (fictional name, title, commune indexes, behaviour)
BT_CADRES = [
    ("Nguyễn Thành Lộc", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn", [0, 1], "good"),
    ("Trần Thị Kim Hương", "Phó Trưởng Ban Dân vận Tỉnh ủy", [2], "good"),
    ("Lê Văn Phước", "Phó Giám đốc Sở Kế hoạch và Đầu tư", [3], "rare"),
    ("Võ Minh Trí", "Ủy viên Ủy ban Kiểm tra Tỉnh ủy", [4], "vague"),
    ("Huỳnh Thị Ngọc Lan", "Phó Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", [5, 6], "late"),
    ("Đặng Văn Sơn", "Phó Giám đốc Sở Giao thông vận tải", [7], "absent"),
]
CT_CADRES = [
    ("Trương Minh Khoa", "Phó Giám đốc Sở Xây dựng", "good"),
    ("Bùi Thị Thanh Tâm", "Phó Trưởng Ban Tuyên giáo và Dân vận Thành ủy", "vague"),
    ("Mai Văn Hậu", "Phó Giám đốc Sở Tài chính", "absent"),
]

SPECIFIC = [
    (
        "Ban Thường vụ Đảng ủy xã",
        "Rà soát danh sách 23 đảng viên chưa đóng đảng phí quý I, báo cáo Huyện ủy trước ngày 20/4",
        "Báo cáo bằng văn bản",
    ),
    (
        "UBND xã",
        "Lập hồ sơ sửa chữa cống ấp 3 (kinh phí khoảng 150 triệu đồng), trình UBND huyện trong tháng 5",
        "Gửi hồ sơ cho Sở Nông nghiệp",
    ),
    (
        "Chi bộ ấp 2",
        "Tổ chức họp chi bộ chuyên đề về 12 hộ thiếu nước ngọt, phân công đảng viên phụ trách từng hộ",
        "Biên bản họp chi bộ",
    ),
]
VAGUE = [
    ("Đảng ủy xã", "Cần quan tâm hơn nữa đến công tác xây dựng Đảng", ""),
    ("UBND xã", "Tiếp tục phát huy, tăng cường hơn nữa công tác dân vận", ""),
]
NOTES = {
    "visit": "Nắm tình hình sản xuất và đời sống; trao đổi với cán bộ ấp về các việc cần hỗ trợ.",
    "meeting": "Dự họp Ban Thường vụ Đảng ủy xã về kết quả quý; có phát biểu góp ý.",
    "contact": "Trao đổi qua điện thoại với Bí thư Đảng ủy xã về tình hình nước ngọt.",
    "joint": "Làm việc cùng đồng chí Ủy viên Ban Thường vụ Huyện ủy phụ trách tiểu vùng.",
    "bridge": "Phổ biến chủ trương của tỉnh tại cuộc họp Đảng ủy xã; thống nhất cách triển khai ở các ấp.",
}
# What a "cầu nối" activity conveys in the demo (a citation; the demo's tasks live elsewhere).
BRIDGE_REF = "Chủ trương của Ban Thường vụ về phong trào thi đua trong năm (dữ liệu minh họa)"


def _person(name: str, unit: AdministrativeUnit) -> Person:
    person = Person.objects.filter(full_name=name, home_unit=unit).first()
    return person or people_services.create_person(actor=SYSTEM, full_name=name, home_unit=unit)


def _decision(unit: AdministrativeUnit, number: str, **fields) -> AssignmentDecision:
    existing = AssignmentDecision.objects.filter(unit=unit, number=number).first()
    return existing or services.create_decision(actor=SYSTEM, unit=unit, number=number, **fields)


def _assign(decision, cadre, unit, start, title, role="lead") -> Assignment:
    existing = Assignment.objects.filter(decision=decision, cadre=cadre, unit=unit).first()
    return existing or services.assign_cadre(
        actor=SYSTEM,
        decision=decision,
        cadre=cadre,
        unit=unit,
        start_date=start,
        end_date=decision.term_end,
        role=role,
        cadre_title=title,
        duties=decision.duties,
    )


def _log(assignment: Assignment, key: str, kind: str, day: dt.date, feedback=(), place="") -> int:
    if Activity.all_objects.filter(idempotency_key=key).exists():
        return 0
    services.log_activity(
        actor=SYSTEM,
        cadre=assignment.cadre,
        unit=assignment.unit,
        assignment=assignment,
        data=ActivityInput(
            kind=kind,
            date=day,
            place=place or assignment.unit.name,
            met="Bí thư, Chủ tịch UBND xã" if kind in ("visit", "meeting") else "",
            notes=NOTES[kind],
            formal_feedback=bool(feedback),
            feedback=[FeedbackInput(*f) for f in feedback],
            linked_ref=BRIDGE_REF if kind == "bridge" else "",
        ),
        idempotency_key=key,
    )
    return 1


def _report(assignment, key, period, submitted_on: dt.date, issues=()) -> int:
    if SituationReport.all_objects.filter(idempotency_key=key).exists():
        return 0
    if SituationReport.objects.filter(unit=assignment.unit, cadre=assignment.cadre, period_start=period.start).exists():
        return 0
    services.submit_report(
        actor=SYSTEM,
        cadre=assignment.cadre,
        unit=assignment.unit,
        assignment=assignment,
        data=ReportInput(
            period=period,
            party_organisation="Các chi bộ sinh hoạt định kỳ; một chi bộ ấp chưa đều, đã nhắc nhở.",
            public_sentiment="Nhân dân phấn khởi với công trình giao thông nông thôn; còn lo về giá nông sản.",
            socio_economic="Thu hoạch lúa và dừa đạt kế hoạch; một số hộ thiếu nước ngọt mùa khô.",
            security_order="Ổn định; không có điểm nóng.",
            issues=[IssueInput(*i) for i in issues],
        ),
        idempotency_key=key,
        submitted_at=dt.datetime.combine(submitted_on, dt.time(9, 0), tzinfo=VN_TZ),
    )
    return 1


def _plan(behaviour: str, months: list[dt.date]) -> list[tuple[str, int, tuple]]:
    """(kind, day of month, feedback) per month for a behaviour."""
    if behaviour == "good":
        return [
            ("visit", 6, (SPECIFIC[0],)),
            ("meeting", 14, (SPECIFIC[1],)),
            ("joint", 21, ()),
            ("visit", 26, ()),
            ("bridge", 27, ()),
        ]
    if behaviour == "rare":
        return [("contact", 10, ())]
    if behaviour == "vague":
        return [("visit", 8, (VAGUE[0],)), ("meeting", 18, (VAGUE[1],))]
    if behaviour == "late":
        return [("visit", 12, (SPECIFIC[2],)), ("contact", 24, ())]
    return []


def _season(assignments, months, prefix, report_lag, late_lag, escalate_organ, limit_day) -> tuple[int, int]:
    activities = reports = 0
    for cadre_index, (assignment, behaviour) in enumerate(assignments):
        for month in months:
            for n, (kind, day, feedback) in enumerate(_plan(behaviour, months)):
                date = month.replace(day=min(day, 28))
                if date > limit_day:
                    continue
                if behaviour == "rare" and month != months[0]:
                    continue
                key = f"{prefix}-a-{assignment.pk}-{month:%Y%m}-{n}"
                activities += _log(assignment, key, kind, date, feedback)
            period = period_containing(month)
            due = report_due(period.end, assignment.decision.report_due_days)
            if behaviour == "absent" or due > limit_day + dt.timedelta(days=30):
                continue
            if behaviour == "rare" and month != months[0]:
                continue
            lag = late_lag if behaviour in ("late", "rare") else report_lag
            submitted = min(period.end + dt.timedelta(days=lag), limit_day)
            if submitted < period.end:
                continue
            issues = ()
            if cadre_index == 0 and month == months[-1] and escalate_organ is not None:
                issues = (
                    (
                        "Nhiều hộ ở các ấp ven sông thiếu nước ngọt sinh hoạt do xâm nhập mặn; "
                        "đề nghị tỉnh hỗ trợ bồn chứa và xe chở nước trong tháng tới.",
                        True,
                        escalate_organ,
                    ),
                )
            reports += _report(assignment, f"{prefix}-r-{assignment.pk}-{month:%Y%m}", period, submitted, issues)
    return activities, reports


def seed_ben_tre() -> list[str]:
    province = AdministrativeUnit.objects.get(code=BEN_TRE)
    communes = list(
        AdministrativeUnit.objects.filter(path__startswith=f"/{BEN_TRE}/", level=Level.COMMUNE).order_by("code")[:8]
    )
    organ = Organ.objects.filter(unit=province, short_name="BTV Tỉnh ủy").first()
    decision = _decision(
        province,
        "182-QĐ/TU",
        issued_on=dt.date(2017, 1, 1),
        issuing_organ=organ,
        issuing_body="Ban Thường vụ Tỉnh ủy Bến Tre",
        title="Phân công cán bộ tỉnh theo dõi, hỗ trợ xã, phường, thị trấn",
        related_documents="Kế hoạch số 23-KH/TU; Quy định số 02-QĐi/TU về trách nhiệm, quyền hạn của cán bộ theo dõi, hỗ trợ cơ sở",
        term_start=dt.date(2017, 1, 1),
        term_end=dt.date(2020, 12, 31),
        visits_required=2,
        visit_period="monthly",
        report_schedule="monthly",
        report_due_days=5,
        duties=(
            "Nắm tình hình tổ chức đảng và nhân dân; dự họp cấp ủy cơ sở và góp ý chính thức; "
            "phối hợp với cán bộ huyện phụ trách tiểu vùng; báo cáo định kỳ và kiến nghị kịp thời về tỉnh."
        ),
    )
    assignments = []
    for name, title, indexes, behaviour in BT_CADRES:
        cadre = _person(name, province)
        for i in indexes:
            assignments.append((_assign(decision, cadre, communes[i], dt.date(2017, 1, 1), title), behaviour))
    months = [dt.date(2017, 1, 1), dt.date(2017, 2, 1), dt.date(2017, 3, 1)]
    escalate_to = Organ.objects.filter(unit=province, short_name="UBND tỉnh").first()
    acts, reps = _season(assignments, months, "bt2017", 3, 18, escalate_to, REVIEW_DAY)
    generated: dict[str, str] = {}
    _office_account(province, generated)
    review = meeting_demo.seed_meetings()[REVIEW_MEETING_KEY]
    chairs = ", ".join(p.full_name for p in review.chairs_in_order())
    reporters = ", ".join(a.display for a in review.attendees_in_order() if a.role == "reporter")
    office_password = f" (mật khẩu, chỉ in một lần: {generated[OFFICE_BT_USERNAME]})" if generated else ""
    return [
        f"Theo dõi cơ sở — Bến Tre 2017: quyết định {decision.number}, {len(assignments)} phân công, "
        f"{acts} hoạt động và {reps} báo cáo mới (xem bảng bao quát kỳ 2017-Q1).",
        f"  Hội nghị sơ kết {REVIEW_DAY:%d/%m/%Y} (hội nghị #{review.pk}): chủ trì {chairs}; báo cáo: {reporters}.",
        f"  Văn phòng xem dữ liệu Bến Tre: tài khoản {OFFICE_BT_USERNAME}{office_password}.",
    ]


def _office_account(province: AdministrativeUnit, generated: dict[str, str] | None = None) -> None:
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(username=OFFICE_BT_USERNAME).first()
        if user is None:
            user = people_services.create_account(
                actor=SYSTEM,
                username=OFFICE_BT_USERNAME,
                password=people_demo.account_password(OFFICE_BT_USERNAME, generated),
            )
            person = people_services.create_person(actor=SYSTEM, full_name="Ngô Thị Thu Vân", home_unit=province)
            people_services.update_person(person, actor=SYSTEM, user=user)
        if not RoleGrant.objects.filter(user=user, role=Role.SECRETARY, unit=province).exists():
            people_services.grant_role(actor=SYSTEM, user=user, role=Role.SECRETARY, unit=province)


def seed_can_tho() -> list[str]:
    units = people_demo.cast_units()
    province, commune_a, commune_b = units["province"], units["commune_a"], units["commune_b"]
    others = list(
        AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE, valid_to__isnull=True)
        .exclude(pk__in=[commune_a.pk, commune_b.pk])
        .order_by("code")[:2]
    )
    decision = _decision(
        province,
        "DEMO-12-QĐ/TU",
        issued_on=dt.date(2025, 7, 15),
        issuing_body="Ban Thường vụ Thành ủy Cần Thơ (dữ liệu minh họa)",
        title="Phân công cán bộ thành phố theo dõi, hỗ trợ xã, phường (minh họa)",
        term_start=dt.date(2025, 7, 15),
        term_end=dt.date(2030, 12, 31),
        visits_required=1,
        visit_period="monthly",
        report_schedule="monthly",
        report_due_days=5,
        duties="Theo dõi tình hình cơ sở; dự họp Đảng ủy xã; báo cáo hằng tháng; kiến nghị vấn đề bức xúc.",
    )
    liaison_user = get_user_model().objects.get(username="theodoi")
    me = Person.objects.get(user=liaison_user)
    assignments = [(_assign(decision, me, commune_a, dt.date(2025, 7, 15), "Chuyên viên Văn phòng Thành ủy"), "good")]
    for (name, title, behaviour), unit in zip(CT_CADRES, [commune_b, *others], strict=False):
        assignments.append((_assign(decision, _person(name, province), unit, dt.date(2025, 7, 15), title), behaviour))
    today = local_date(timezone.now())
    this_month = today.replace(day=1)
    months = sorted({period_containing(this_month - dt.timedelta(days=31 * k)).start for k in range(4)})
    escalate_to = Organ.objects.filter(unit=province, short_name="Sở Nội vụ").first()
    acts, reps = _season(assignments, months, "ct", 2, 12, escalate_to, today)
    return [f"Theo dõi cơ sở — Cần Thơ: {len(assignments)} phân công, {acts} hoạt động và {reps} báo cáo mới."]


def seed() -> list[str]:
    people_demo.seed_seed_people()
    people_demo.seed_cast()
    return seed_ben_tre() + seed_can_tho()
