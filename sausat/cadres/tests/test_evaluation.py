"""Evaluation: task points computed from the directives record, the three steps, quota refusal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sausat.cadres import planning_services, services
from sausat.cadres.models import AccessKind, EvaluationDecision, PeriodKind, RecordAccess, Step
from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.people import services as people_services

pytestmark = pytest.mark.django_db

Y2025 = {"kind": PeriodKind.YEAR, "label": "Năm 2025", "start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}


@pytest.fixture
def period(cast, board):
    return services.open_period(actor=board, unit=cast.province, **Y2025)


def _person(cast, board, name, group="Nhóm A"):
    person = people_services.create_person(actor=SystemActor(reason="test"), full_name=name, home_unit=cast.commune_a)
    return services.ensure_profile(actor=board, person=person, unit=cast.province, group=group).person


def test_task_points_are_computed_from_the_record(cast, board, cadre, period, make_task):
    person = cadre.person
    make_task(person, dt.date(2025, 10, 1), done=dt.date(2025, 9, 25), beyond=True)  # on time, beyond
    make_task(person, dt.date(2025, 10, 15), done=dt.date(2025, 10, 20))  # late
    make_task(person, dt.date(2025, 11, 1), done=dt.date(2025, 10, 30))  # on time
    make_task(person, dt.date(2025, 11, 20))  # not done by the period's end
    make_task(person, dt.date(2026, 3, 1))  # due after the period: left out
    ev = services.open_evaluation(actor=board, period=period, person=person)
    assert ev.rule_code == "366-QĐ/TW"
    services.self_assess(actor=cast.commune_a_cadre, evaluation=ev, general_points=28)
    ev = services.appraise(actor=board, evaluation=ev, general_points=27, proposed_level="complete")
    # 4 tasks x 17.5; the late one loses 25 % of its progress third: 17.5 - 17.5/3*0.25 = 16.04
    assert ev.task_points_computed == Decimal("51.04")
    assert (ev.evidence["counted"], ev.evidence["on_time"], ev.evidence["late"], ev.evidence["not_done"]) == (
        4,
        2,
        1,
        1,
    )
    assert ev.evidence["beyond"] == 1
    assert ev.score == Decimal("78.04")
    # 78 points but a task not done: not even "complete" (100 % done needed).
    assert services.suggested_level(ev) == "not_complete"
    with pytest.raises(ValidationError, match="chỉ đạt mức"):
        services.decide(actor=cast.leader, decisions=[(ev, "good")], decided_on=dt.date(2026, 1, 10))


def test_adjustment_needs_a_written_reason_kept_beside_the_computed_value(cast, board, cadre, period, make_task):
    make_task(cadre.person, dt.date(2025, 10, 1), done=dt.date(2025, 9, 25))
    ev = services.open_evaluation(actor=board, period=period, person=cadre.person)
    with pytest.raises(ValidationError, match="lý do"):
        services.appraise(actor=board, evaluation=ev, general_points=25, proposed_level="good", task_points_adjusted=60)
    ev = services.appraise(
        actor=board, evaluation=ev, general_points=25, proposed_level="good", task_points_adjusted=60,
        adjustment_reason="Một sản phẩm bị trả lại vì chất lượng (nguyên nhân chủ quan).",
    )  # fmt: skip
    assert ev.task_points_computed == Decimal("70.00") and ev.task_points_adjusted == Decimal("60")
    assert ev.score == Decimal("85")


def test_three_steps_decision_locked_and_changed_only_by_a_new_audited_decision(
    cast, board, cadre, period, make_task, login
):
    make_task(cadre.person, dt.date(2025, 10, 1), done=dt.date(2025, 9, 25))
    ev = services.open_evaluation(actor=board, period=period, person=cadre.person)
    client = login(cast.commune_a_cadre)
    url = f"/can-bo/ho-so/danh-gia/{ev.pk}/"
    assert client.post(url, {"action": "self", "general_points": "27", "note": "Tự nhận"}).status_code == 302
    # the person cannot appraise or decide their own evaluation
    assert (
        client.post(url, {"action": "appraise", "general_points": "30", "proposed_level": "excellent"}).status_code
        == 404
    )
    assert (
        login(board).post(url, {"action": "appraise", "general_points": "26", "proposed_level": "good"}).status_code
        == 302
    )
    assert login(board).post(url, {"action": "decide", "level": "good", "decided_on": "2026-01-10"}).status_code == 404
    client = login(cast.leader)
    assert client.post(url, {"action": "decide", "level": "good", "decided_on": "2026-01-10"}).status_code == 302
    ev.refresh_from_db()
    assert ev.step == Step.DECIDED and ev.level == "good"
    with pytest.raises(ValidationError, match="đã được quyết định"):
        services.appraise(actor=board, evaluation=ev, general_points=30, proposed_level="excellent")
    with pytest.raises(ValidationError, match="lý do"):
        services.decide(actor=cast.leader, decisions=[(ev, "complete")], decided_on=dt.date(2026, 2, 1))
    services.decide(
        actor=cast.leader, decisions=[(ev, "complete")], decided_on=dt.date(2026, 2, 1), reason="Phát hiện vi phạm sau."
    )
    assert list(EvaluationDecision.objects.filter(evaluation=ev).values_list("level", flat=True)) == [
        "good",
        "complete",
    ]
    verbs = set(
        AuditEvent.objects.filter(object_type="cadres.evaluation", object_id=str(ev.pk)).values_list("verb", flat=True)
    )
    assert {
        "cadres.evaluation.self_assess",
        "cadres.evaluation.appraise",
        "cadres.evaluation.decide",
        "cadres.evaluation.redecide",
    } <= verbs
    assert RecordAccess.objects.filter(person=cadre.person, what=AccessKind.EVALUATION).exists()


def test_excellent_quota_refused_with_the_numbers(cast, board, period, make_task):
    evaluations = []
    for i in range(5):
        person = _person(cast, board, f"Cán bộ {i}")
        for k in range(3):
            make_task(person, dt.date(2025, 10, 1 + k), done=dt.date(2025, 9, 20), beyond=True)
        ev = services.open_evaluation(actor=board, period=period, person=person)
        evaluations.append(services.appraise(actor=board, evaluation=ev, general_points=29, proposed_level="excellent"))
    assert services.suggested_level(evaluations[0]) == "excellent"
    # 2 excellent among 5 good-or-better: 40 % > 20 % -> refused, nothing written
    decisions = [(evaluations[0], "excellent"), (evaluations[1], "excellent")] + [(e, "good") for e in evaluations[2:]]
    with pytest.raises(ValidationError) as exc:
        services.decide(actor=cast.leader, decisions=decisions, decided_on=dt.date(2026, 1, 10))
    message = " ".join(exc.value.messages)
    assert "2 xuất sắc trên 5" in message and "tối đa 20% tức 1 người" in message
    assert not EvaluationDecision.objects.exists()
    decisions[1] = (evaluations[1], "good")
    services.decide(actor=cast.leader, decisions=decisions, decided_on=dt.date(2026, 1, 10))
    assert EvaluationDecision.objects.count() == 5


def test_discipline_forces_not_complete(cast, board, cadre, period, make_task):
    make_task(cadre.person, dt.date(2025, 10, 1), done=dt.date(2025, 9, 25))
    services.add_discipline(actor=board, person=cadre.person, form="reprimand", decided_on=dt.date(2025, 6, 1))
    ev = services.open_evaluation(actor=board, period=period, person=cadre.person)
    ev = services.appraise(actor=board, evaluation=ev, general_points=30, proposed_level="not_complete")
    assert ev.score == 100 and ev.flags and services.suggested_level(ev) == "not_complete"


def test_earlier_period_judged_by_124(cast, board, cadre):
    period = services.open_period(
        actor=board, kind=PeriodKind.YEAR, label="Năm 2024", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
        unit=cast.province,
    )  # fmt: skip
    ev = services.open_evaluation(actor=board, period=period, person=cadre.person)
    assert ev.rule_code == "124-QĐ/TW"
    with pytest.raises(ValidationError, match="không đánh giá theo kỳ"):
        q = services.open_period(
            actor=board, kind=PeriodKind.QUARTER, label="Quý IV/2024", start=dt.date(2024, 10, 1),
            end=dt.date(2024, 12, 31), unit=cast.province,
        )  # fmt: skip
        services.open_evaluation(actor=board, period=q, person=cadre.person)


def test_planning_limits(cast, board):
    people = [_person(cast, board, f"Người {i}") for i in range(4)]
    for p in people[:3]:
        planning_services.add_planning(
            actor=board, person=p, post_title="Phó Chủ tịch UBND thành phố", post_level="province", term="2025-2030",
            unit=cast.province, on=dt.date(2025, 11, 1),
        )  # fmt: skip
    with pytest.raises(ValidationError, match="đã có 3 người"):
        planning_services.add_planning(
            actor=board, person=people[3], post_title="Phó Chủ tịch UBND thành phố", post_level="province",
            term="2025-2030", unit=cast.province, on=dt.date(2025, 11, 1),
        )  # fmt: skip
    for title in ("Chức danh B", "Chức danh C"):
        planning_services.add_planning(
            actor=board, person=people[0], post_title=title, post_level="province", term="2025-2030",
            unit=cast.province, on=dt.date(2025, 11, 1),
        )  # fmt: skip
    with pytest.raises(ValidationError, match="đã được quy hoạch 3 chức danh"):
        planning_services.add_planning(
            actor=board, person=people[0], post_title="Chức danh D", post_level="province", term="2025-2030",
            unit=cast.province, on=dt.date(2025, 11, 1),
        )  # fmt: skip
