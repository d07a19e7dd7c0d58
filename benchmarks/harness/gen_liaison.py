"""Bench data for grassroots liaison (issue 7): two years of provincial cadres following communes.

Per province: one assignment decision of the provincial Standing Committee (term from two years
ago), ~1.3 provincial cadres per commune created through ``sausat.people.services`` (a person and
a leadership post in a provincial body), every commune with a lead cadre and about a third with a
second member; at the bench province the demo liaison account ``theodoi`` leads the first commune
(the assignment grants its access). For every month: visits, committee meetings, contacts and
joint work (about 2.8 per lead assignment, half that for members), formal feedback items
(specific or vague, by cadre), monthly situation reports from each lead (on time, late or
missing, by cadre), pressing issues and some escalations to provincial bodies (which become
opinions; most of those past their deadline are answered). Whom the cadre met comes from the
commune's office holders (the "persons" generator). Everything goes through
``sausat.liaison.services`` (and ``sausat.opinions.services.answer_opinion``), one assignment's
whole history per call, in batches of one transaction.

Scaling: ``--factor`` scales the number of months played back (full = 24, at least the last 2),
so a smoke run still has a complete current month on the coverage dashboard; the structure
(decision, cadres, assignments to every commune) is always complete. Nation scale: the bench
province at full volume, the others at ``SAUSAT_BENCH_NATION_DENSITY`` (default 0.1) of the
months, like the directives generator.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta

from benchmarks.harness.data import ACTOR, GenContext, _atomic_batches, _names, plug
from benchmarks.harness.gen_directives import density_for, main_province_code

MONTHS = 24
CADRES_PER_COMMUNE = 1.3
MEMBER_SHARE = 0.33
# behaviour: (share, activities per month as lead, P(report on time), P(report late), P(vague feedback))
BEHAVIOURS = {
    "good": (0.45, 4.0, 0.92, 0.06, 0.1),
    "average": (0.30, 2.5, 0.75, 0.18, 0.3),
    "vague": (0.10, 2.0, 0.70, 0.20, 0.8),
    "rare": (0.10, 0.6, 0.45, 0.35, 0.4),
    "absent": (0.05, 0.15, 0.20, 0.30, 0.5),
}
KINDS = {"visit": 40, "meeting": 20, "contact": 20, "joint": 20}
PLACES = ["Trụ sở Đảng ủy, UBND {u}", "Nhà văn hóa ấp {n}", "Tuyến đê bao ấp {n}", "Trường Tiểu học {u}", "Chợ {u}"]
NOTES = {
    "visit": "Nắm tình hình sản xuất, đời sống nhân dân ấp {n}; trao đổi với cán bộ ấp về các việc cần hỗ trợ.",
    "meeting": "Dự họp Ban Thường vụ Đảng ủy {u} đánh giá kết quả tháng; phát biểu góp ý.",
    "contact": "Trao đổi qua điện thoại với Bí thư Đảng ủy {u} về tình hình địa phương.",
    "joint": "Làm việc cùng cán bộ xã phụ trách ấp {n} về các vướng mắc của ấp.",
}
SPECIFIC = [
    (
        "Ban Thường vụ Đảng ủy",
        "Rà soát danh sách {k} đảng viên ấp {n} chưa sinh hoạt đều, báo cáo trước ngày {d}",
        "Báo cáo bằng văn bản",
    ),
    (
        "UBND {u}",
        "Lập hồ sơ sửa chữa cống ấp {n} (kinh phí khoảng {k}0 triệu đồng), trình tỉnh trước ngày {d}",
        "Hồ sơ gửi Sở Xây dựng",
    ),
    ("Chi bộ ấp {n}", "Họp chi bộ chuyên đề về {k} hộ thiếu nước sinh hoạt, phân công đảng viên phụ trách từng hộ", ""),
    ("UBND {u}", "Hoàn thành chi trả hỗ trợ cho {k} hộ bị sạt lở ở ấp {n} trước ngày {d}", "Danh sách đã chi trả"),
]
VAGUE = [
    ("Đảng ủy {u}", "Cần quan tâm hơn nữa đến công tác xây dựng Đảng", ""),
    ("UBND {u}", "Tiếp tục phát huy, tăng cường hơn nữa công tác dân vận", ""),
    ("Đảng ủy {u}", "Đẩy mạnh hơn nữa phong trào thi đua, cần có giải pháp phù hợp với tình hình", ""),
]
ISSUES = [
    "Nhiều hộ ở ấp {n} thiếu nước ngọt sinh hoạt do xâm nhập mặn; đề nghị hỗ trợ bồn chứa và xe chở nước.",
    "Bờ kênh ấp {n} sạt lở khoảng {k}0 m, đe dọa {k} căn nhà; đề nghị khảo sát, bố trí kinh phí kè khẩn cấp.",
    "Tuyến đường liên ấp {n} xuống cấp nặng, học sinh đi lại khó khăn mùa mưa.",
    "Giá lúa giảm, {k}0 hộ ở ấp {n} khó tiêu thụ; đề nghị kết nối doanh nghiệp bao tiêu.",
    "Trạm y tế thiếu bác sĩ; đề nghị điều động luân phiên từ Trung tâm Y tế khu vực.",
]
SECTIONS = {
    "party_organisation": "Các chi bộ sinh hoạt định kỳ; {k} chi bộ ấp chưa đều, đã nhắc nhở.",
    "public_sentiment": "Nhân dân phấn khởi với các công trình giao thông nông thôn; còn lo về giá nông sản.",
    "socio_economic": "Thu hoạch vụ lúa đạt kế hoạch; {k} hộ thiếu nước ngọt mùa khô.",
    "security_order": "Ổn định; không có điểm nóng, không có đơn thư vượt cấp.",
}
TITLE_BY_KIND = {
    "party_board": "Phó Trưởng {o}",
    "department": "Phó Giám đốc {o}",
    "mass_org": "Phó Chủ tịch {o}",
    "fatherland_front": "Phó Chủ tịch {o}",
    "peoples_council": "Ủy viên Thường trực {o}",
    "peoples_committee": "Chuyên viên Văn phòng {o}",
    "party_committee": "Ủy viên Ban Chấp hành Đảng bộ, {o}",
    "party_standing": "Ủy viên {o}",
}


def _title(organ) -> str:
    name = organ.name
    if name.startswith("Văn phòng "):
        return "Phó Chánh " + name
    if name.startswith("Sở "):
        return "Phó Giám đốc " + name
    return TITLE_BY_KIND.get(organ.kind, "Cán bộ {o}").format(o=name)


@dataclass
class Stats:
    decisions: int = 0
    cadres_created: int = 0
    assignments: int = 0
    activities: int = 0
    feedback_items: int = 0
    reports: int = 0
    reports_late: int = 0
    reports_missing: int = 0
    escalations: int = 0
    escalations_answered: int = 0
    by_province: dict[str, int] = field(default_factory=dict)


@dataclass
class Plan:
    assignment: Any
    behaviour: str
    is_lead: bool
    actor: Any


def _pick_behaviour(rng: random.Random) -> str:
    names = list(BEHAVIOURS)
    return rng.choices(names, [BEHAVIOURS[n][0] for n in names])[0]


def _fmt(text: str, rng: random.Random, unit, today: dt.date) -> str:
    day = today + dt.timedelta(days=rng.randint(5, 40))
    return text.format(u=unit.name, n=rng.randint(1, 9), k=rng.randint(2, 30), d=f"{day:%d/%m}")


def _month_starts(today: dt.date, count: int) -> list[dt.date]:
    first = today.replace(day=1)
    return [first - relativedelta(months=k) for k in reversed(range(count))]


def _setup(rng: random.Random, province, communes: list, today: dt.date, main: bool, stats: Stats) -> list[Plan]:
    """The decision, the cadres (persons with a provincial post) and the assignments."""
    from django.contrib.auth import get_user_model

    from sausat.liaison.models import AssignmentDecision
    from sausat.liaison.services import assign_cadre, create_decision
    from sausat.people import services as people_services
    from sausat.people.data import organ_templates
    from sausat.people.models import Organ, Person

    term_start = _month_starts(today, MONTHS)[0]
    template = {row.key for row in organ_templates.PROVINCE_2025.rows}
    organs = [
        o
        for o in Organ.objects.filter(unit=province, key__in=template).order_by("sort_order", "name")
        if o.kind in TITLE_BY_KIND
    ]
    issuer = next((o for o in organs if o.kind == "party_standing"), None)
    number = f"{rng.randint(100, 999)}-QĐ/TU"
    while AssignmentDecision.objects.filter(unit=province, number=number).exists():
        number = f"{rng.randint(100, 999)}-QĐ/TU"
    decision = create_decision(
        actor=ACTOR,
        unit=province,
        number=number,
        issued_on=term_start - dt.timedelta(days=10),
        issuing_organ=issuer,
        issuing_body=issuer.name if issuer else "Ban Thường vụ Tỉnh ủy",
        title="Phân công cán bộ tỉnh theo dõi, hỗ trợ xã, phường",
        related_documents="Kế hoạch phân công cán bộ theo dõi cơ sở; Quy định trách nhiệm của cán bộ theo dõi cơ sở",
        term_start=term_start,
        term_end=None,
        visits_required=1,
        visit_period="monthly",
        report_schedule="monthly",
        report_due_days=5,
        duties="Nắm tình hình cơ sở; dự họp cấp ủy xã và góp ý cụ thể; phối hợp cán bộ xã; báo cáo hằng tháng.",
    )
    stats.decisions += 1
    names = _names(rng)
    n_cadres = max(1, round(len(communes) * CADRES_PER_COMMUNE))

    def make_cadre(i: int):
        name, gender = next(names)
        person = people_services.create_person(
            actor=ACTOR, full_name=name, home_unit=province, gender=gender, birth_year=rng.randint(1968, 1988)
        )
        organ = organs[i % len(organs)] if organs else None
        title = _title(organ) if organ else "Cán bộ tỉnh"
        people_services.assign_position(
            actor=ACTOR,
            person=person,
            title=title,
            unit=province,
            organ=organ,
            start_date=term_start - dt.timedelta(days=rng.randint(200, 2000)),
            is_leadership=True,
        )
        stats.cadres_created += 1
        return person, title

    cadres: list = []
    _atomic_batches(iter(range(n_cadres)), lambda i: cadres.append(make_cadre(i)) or 1, size=100)
    demo_commune = None
    theodoi = None
    if main:  # the demo liaison account leads the first commune (its assignment grants the access)
        demo_commune = communes[0].pk
        theodoi = get_user_model().objects.filter(username="theodoi").first()
    behaviours = [_pick_behaviour(rng) for _ in cadres]
    # (commune, cadre index or None for the demo account, is lead)
    pairs: list[tuple[Any, int | None, bool]] = []
    for i, commune in enumerate(communes):
        if commune.pk == demo_commune and theodoi is not None:
            pairs.append((commune, None, True))
            pairs.append((commune, i % len(cadres), False))
        else:
            pairs.append((commune, i % len(cadres), True))
    spare = list(range(len(communes), len(cadres)))
    for commune in rng.sample(communes, min(len(communes), round(len(communes) * MEMBER_SHARE))):
        if spare:
            pairs.append((commune, spare[rng.randrange(len(spare))], False))
    plans: list[Plan] = []

    def assign(pair) -> int:
        commune, index, lead = pair
        if index is None:
            person, title, behaviour, actor = Person.objects.get(user=theodoi), "Chuyên viên Văn phòng", "good", theodoi
        else:
            (person, title), behaviour, actor = cadres[index], behaviours[index], ACTOR
        assignment = assign_cadre(
            actor=ACTOR,
            decision=decision,
            cadre=person,
            unit=commune,
            start_date=term_start,
            role="lead" if lead else "member",
            cadre_title=title,
            duties=decision.duties,
        )
        assignment.decision = decision
        plans.append(Plan(assignment, behaviour, lead, actor))
        stats.assignments += 1
        return 1

    _atomic_batches(iter(pairs), assign, size=100)
    return plans


def _history(rng: random.Random, plan: Plan, months: list[dt.date], ctxd: dict, stats: Stats) -> int:
    """Play back one assignment: activities month by month, then its monthly reports."""
    from sausat.core.calendar import VN_TZ
    from sausat.liaison import services
    from sausat.liaison.periods import period_containing
    from sausat.liaison.services import ActivityInput, FeedbackInput, IssueInput, ReportInput
    from sausat.opinions.services import answer_opinion

    today: dt.date = ctxd["today"]
    a = plan.assignment
    unit = a.unit
    _share, rate, p_on_time, p_late, p_vague = BEHAVIOURS[plan.behaviour]
    if not plan.is_lead:
        rate *= 0.5
    met_pool = ctxd["met"].get(unit.pk) or ["Bí thư Đảng ủy, Chủ tịch UBND"]
    kinds, weights = list(KINDS), list(KINDS.values())
    if plan.behaviour in ("rare", "absent", "vague"):
        weights = [w if k != "joint" else 2 for k, w in KINDS.items()]
    for month in months:
        last_day = min(month + relativedelta(months=1) - dt.timedelta(days=1), today)
        if plan.behaviour == "absent" and month >= today.replace(day=1) - relativedelta(months=2):
            count = 0
        else:
            count = int(rate) + (1 if rng.random() < rate - int(rate) else 0)
        days = sorted(month + dt.timedelta(days=rng.randint(0, (last_day - month).days)) for _ in range(count))
        for n, day in enumerate(days):
            kind = rng.choices(kinds, weights)[0]
            feedback = []
            if (kind == "meeting" and rng.random() < 0.6) or (kind == "visit" and rng.random() < 0.25):
                for _ in range(rng.choice([1, 1, 2])):
                    src = VAGUE if rng.random() < p_vague else SPECIFIC
                    to, content, expected = rng.choice(src)
                    feedback.append(
                        FeedbackInput(
                            _fmt(to, rng, unit, day), _fmt(content, rng, unit, day), _fmt(expected, rng, unit, day)
                        )
                    )
            services.log_activity(
                actor=plan.actor,
                cadre=a.cadre,
                unit=unit,
                assignment=a,
                data=ActivityInput(
                    kind=kind,
                    date=day,
                    place=_fmt(rng.choice(PLACES), rng, unit, day),
                    met=rng.choice(met_pool) if kind in ("visit", "meeting", "joint") else "",
                    notes=_fmt(NOTES[kind], rng, unit, day),
                    formal_feedback=bool(feedback),
                    feedback=feedback,
                ),
                idempotency_key=f"bench-a-{a.pk}-{month:%Y%m}-{n}",
            )
            stats.activities += 1
            stats.feedback_items += len(feedback)
    if not plan.is_lead:
        return 1
    for month in months:
        period = period_containing(month)
        if period.end >= today:
            continue
        due = services.report_due_for(a, period)
        roll = rng.random()
        if roll < p_on_time:
            submitted = period.end + dt.timedelta(days=rng.randint(1, max(1, (due - period.end).days)))
        elif roll < p_on_time + p_late:
            submitted = due + dt.timedelta(days=rng.randint(2, 25))
            stats.reports_late += 1
        else:
            stats.reports_missing += 1
            continue
        if submitted > today:
            continue
        issues = []
        if rng.random() < 0.3:
            escalate = rng.random() < 0.25
            organ = rng.choice(ctxd["escalate_to"]) if escalate else None
            issues.append(IssueInput(_fmt(rng.choice(ISSUES), rng, unit, submitted), escalate, organ))
        at = dt.datetime.combine(submitted, dt.time(rng.randint(7, 20), rng.randint(0, 59)), tzinfo=VN_TZ)
        report, _created = services.submit_report(
            actor=plan.actor,
            cadre=a.cadre,
            unit=unit,
            assignment=a,
            data=ReportInput(
                period=period,
                issues=issues,
                **{k: _fmt(v, rng, unit, submitted) for k, v in SECTIONS.items()},
            ),
            idempotency_key=f"bench-r-{a.pk}-{period.start:%Y%m}",
            submitted_at=at,
        )
        stats.reports += 1
        for issue in issues:
            if not issue.escalate:
                continue
            stats.escalations += 1
            escalation = report.issues.get(sort_order=0).escalation
            answered = submitted + dt.timedelta(days=rng.randint(3, 35))
            if answered < today and rng.random() < (0.85 if escalation.deadline < today else 0.3):
                answer_opinion(
                    actor=ACTOR,
                    opinion=escalation.opinion,
                    text="Đã chỉ đạo khảo sát, bố trí kinh phí và giao UBND xã phối hợp thực hiện; báo cáo kết quả.",
                    outcome="answered",
                    answered_by_organ=escalation.organ,
                    answered_at=dt.datetime.combine(answered, dt.time(10), tzinfo=VN_TZ),
                )
                stats.escalations_answered += 1
    return 1


def _province(ctx: GenContext, rng: random.Random, province, main: str, today: dt.date, stats: Stats) -> None:
    from sausat.geo.models import AdministrativeUnit, Level
    from sausat.people.models import Organ, Position

    communes = list(AdministrativeUnit.objects.current().filter(level=Level.COMMUNE, parent=province).order_by("code"))
    if not communes:
        return
    plans = _setup(rng, province, communes, today, province.code == main, stats)
    met: dict[int, list[str]] = defaultdict(list)
    for unit_id, name, title in (
        Position.objects.filter(unit__in=communes, is_leadership=True)
        .order_by("unit_id", "sort_order", "id")
        .values_list("unit_id", "person__full_name", "title")
    ):
        met[unit_id].append(f"Đồng chí {name}, {title}")
    escalate_to = list(
        Organ.objects.filter(unit=province, kind__in=["department", "peoples_committee"]).order_by("sort_order", "id")
    )
    ctxd = {"today": today, "met": met, "escalate_to": escalate_to or list(Organ.objects.filter(unit=province))}
    density = density_for(ctx, province.code, main)
    months = _month_starts(today, max(2, ctx.n(round(MONTHS * density), minimum=2)))
    before = stats.activities

    def items() -> Iterator[Plan]:
        yield from plans

    _atomic_batches(items(), lambda plan: _history(rng, plan, months, ctxd, stats), size=10)
    stats.by_province[province.code] = stats.activities - before


def generate(ctx: GenContext) -> dict[str, Any]:
    from django.utils import timezone

    from sausat.core.calendar import local_date

    rng = ctx.rng("liaison")
    stats = Stats()
    today = local_date(timezone.now())
    provinces = list(ctx.provinces())
    main = main_province_code(ctx)
    for province in provinces:
        _province(ctx, rng, province, main, today, stats)
    out = {k: v for k, v in stats.__dict__.items() if k != "by_province"}
    out["provinces"] = len(provinces)
    out["main_province"] = main
    out["months"] = max(2, ctx.n(MONTHS, minimum=2))
    return out


plug("liaison", generate)
