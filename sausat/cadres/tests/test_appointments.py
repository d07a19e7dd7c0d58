"""Appointment procedures: the dated rule's steps, eligibility from the plan, quorum and the choice
by secret ballot with their numbers, the two working-day deadlines, and who may see and act."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from sausat.cadres import appointment_selectors, appointment_services
from sausat.cadres.models import AppointmentStep, PlanningEntry
from sausat.cadres.models_appointments import AppointmentStatus, Source
from sausat.cadres.rules import Kind, rule_for
from sausat.core.actors import SystemActor
from sausat.core.calendar import PeriodUnit, deadline
from sausat.core.models import AuditEvent
from sausat.directives.status import Status
from sausat.people import services as people_services

pytestmark = pytest.mark.django_db

POST = "Phó Chủ tịch Ủy ban nhân dân tỉnh"


def _plan(person, unit, title=POST, level="province"):
    return PlanningEntry.objects.create(
        person=person, post_title=title, post_level=level, term="2025-2030", unit=unit, rule_code="377-QĐ/TW",
        added_on=dt.date(2025, 11, 1),
    )  # fmt: skip


@pytest.fixture
def appointment(cast, board):
    return appointment_services.open_appointment(
        actor=board, unit=cast.province, post_title=POST, post_level="province", source=Source.IN_HOUSE,
        requested_on=dt.date(2026, 3, 2),
    )  # fmt: skip


@pytest.fixture
def approved(cast, appointment):
    return appointment_services.approve_policy(
        actor=cast.leader, appointment=appointment, approved_on=dt.date(2026, 3, 9), reference="12-CV/TU"
    )


@pytest.fixture
def two(cast, board, cadre, approved):
    other = people_services.create_person(
        actor=SystemActor(reason="test"), full_name="Lâm Thị Ngọc", home_unit=cast.commune_a
    )
    _plan(cadre.person, cast.province)
    _plan(other, cast.province, title="Phó Bí thư Tỉnh ủy")  # an equivalent post of the same level
    a = appointment_services.add_candidate(actor=board, appointment=approved, person=cadre.person)
    b = appointment_services.add_candidate(actor=board, appointment=approved, person=other)
    return a, b


def test_the_procedures_are_dated_data_with_their_source():
    rule = rule_for(Kind.APPOINTMENT, dt.date(2026, 3, 1))
    assert len(rule["steps"]["in_house"]) == 5 and len(rule["steps"]["outside"]) == 3
    assert rule["quorum"] == (2, 3) and rule["chosen_over"] == (1, 2)
    assert (rule["policy_working_days"], rule["finish_working_days"]) == (10, 30)
    assert rule.source.startswith("rules.md B.6")


def test_deadlines_are_counted_in_working_days(cast, appointment, approved):
    assert appointment.policy_due == deadline(dt.date(2026, 3, 2), 10, PeriodUnit.WORKING_DAYS, place=cast.province)
    assert appointment.policy_due == dt.date(2026, 3, 16)  # two weekends in between
    assert approved.finish_due == deadline(dt.date(2026, 3, 9), 30, PeriodUnit.WORKING_DAYS, place=cast.province)
    rows = appointment_selectors.deadlines(approved, today=dt.date(2026, 6, 1))
    assert [r.status for r in rows] == [Status.COMPLETED_ON_TIME, Status.OVERDUE]


def test_only_the_committee_gives_the_policy(cast, board, appointment):
    with pytest.raises(Http404):
        appointment_services.approve_policy(
            actor=board, appointment=appointment, approved_on=dt.date(2026, 3, 9), reference=""
        )
    with pytest.raises(ValidationError, match="trước ngày đề nghị"):
        appointment_services.approve_policy(
            actor=cast.leader, appointment=appointment, approved_on=dt.date(2026, 3, 1), reference=""
        )


def test_eligibility_is_checked_against_the_plan(cast, board, cadre, approved):
    with pytest.raises(ValidationError, match="không có trong quy hoạch"):
        appointment_services.add_candidate(actor=board, appointment=approved, person=cadre.person)
    with pytest.raises(ValidationError, match="Chỉ cấp ủy có thẩm quyền"):
        appointment_services.add_candidate(
            actor=board, appointment=approved, person=cadre.person, exception_reason="Nhu cầu"
        )
    c = appointment_services.add_candidate(
        actor=cast.leader, appointment=approved, person=cadre.person, exception_reason="Nhu cầu công tác đặc biệt"
    )
    assert c.planning_entry is None and c.exception_reason


def test_quorum_order_and_counts_are_refused_with_the_numbers(cast, board, approved, two):
    a, _b = two
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match=r"có mặt 9/15.*ít nhất 10"):
        appointment_services.record_step(
            actor=board, appointment=approved, number=1, held_on=dt.date(2026, 3, 10), summoned=15, present=9,
            votes={"agree": 9},
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Bước tiếp theo là bước 1/5, không phải bước 2"):
        appointment_services.record_step(
            actor=board, appointment=approved, number=2, held_on=dt.date(2026, 3, 10), summoned=15, present=12,
            votes={a.pk: 9},
        )  # fmt: skip
    with pytest.raises(ValidationError, match=r"13 phiếu, phải từ 0 đến số có mặt \(12\)"):
        appointment_services.record_step(
            actor=board, appointment=approved, number=1, held_on=dt.date(2026, 3, 10), summoned=15, present=12,
            votes={"agree": 13},
        )  # fmt: skip
    assert not AppointmentStep.objects.exists() and AuditEvent.objects.count() == before


def test_the_in_house_procedure_chooses_by_secret_ballot(cast, board, approved, two):
    a, b = two

    def step(n, votes, summoned=15, present=12, day=10):
        return appointment_services.record_step(
            actor=board, appointment=approved, number=n, held_on=dt.date(2026, 3, day), summoned=summoned,
            present=present, votes=votes,
        )  # fmt: skip

    assert step(1, {"agree": 11}).passed
    # 7 of 15 summoned is not more than half: nobody chosen, the step is held again.
    tie = step(2, {a.pk: 7, b.pk: 5})
    assert not tie.passed and tie.chosen is None
    with pytest.raises(ValidationError, match=r"Tổng số phiếu giới thiệu \(13\).*thừa 1"):
        step(2, {a.pk: 8, b.pk: 5})
    assert step(2, {a.pk: 8, b.pk: 4}, day=11).chosen == a
    assert step(3, {a.pk: 9, b.pk: 2}, day=12).chosen == a
    # The opinion and decision steps are about the person step 3 chose: a vote for anyone else is refused.
    with pytest.raises(ValidationError, match="chỉ lấy phiếu về nhân sự đã được giới thiệu"):
        step(4, {a.pk: 20, b.pk: 10}, summoned=40, present=35, day=13)
    assert step(4, {a.pk: 30}, summoned=40, present=35, day=13).passed
    assert approved.steps.count() == 5
    final = step(5, {a.pk: 10}, day=16)
    approved.refresh_from_db()
    assert final.chosen == a and approved.status == AppointmentStatus.APPOINTED and approved.appointed == a
    rows = appointment_selectors.deadlines(approved, today=dt.date(2026, 5, 1))
    assert rows[1].status == Status.COMPLETED_ON_TIME
    with pytest.raises(ValidationError, match="đã chọn được nhân sự"):
        step(5, {a.pk: 10}, day=17)


def test_a_tie_at_the_top_chooses_nobody(cast):
    rule = rule_for(Kind.APPOINTMENT, dt.date(2026, 3, 1))
    assert appointment_services.chosen_of({1: 8, 2: 8}, 15, rule) == (None, [1, 2])
    assert appointment_services.chosen_of({1: 9, 2: 8}, 15, rule) == (1, [1, 2])
    assert appointment_services.chosen_of({1: 7, 2: 8}, 16, rule) == (None, [])  # 8 of 16 is not > 1/2


def test_pages_for_the_board_and_committee_only(
    cast, board, approved, two, login, other_province_leader, django_user_model
):
    url = f"/can-bo/ho-so/bo-nhiem/{approved.pk}/"
    page = login(board).get(url).content.decode()
    assert POST in page and 'id="step-form"' in page and "Lâm Thị Ngọc" in page
    assert login(cast.leader).get(url).status_code == 200
    superuser = django_user_model.objects.create_superuser("sieu_quan_tri_bn", password="x-unused-123456")
    for user in (cast.secretary, cast.admin, cast.commune_a_cadre, other_province_leader, superuser):
        assert login(user).get(url).status_code == 404
        listing = login(user).get("/can-bo/ho-so/bo-nhiem/")
        # Another province's committee has its own (empty) list; nobody else has a list at all.
        assert listing.status_code == (200 if user == other_province_leader else 404)
        assert POST not in listing.content.decode()
    response = login(board).post(
        url, {"action": "step", "held_on": "2026-03-10", "summoned": "15", "present": "9", "v_agree": "9"}, follow=True
    )
    assert "9/15" in response.content.decode() and not AppointmentStep.objects.exists()
    login(board).post(
        url, {"action": "step", "held_on": "2026-03-10", "summoned": "15", "present": "12", "v_agree": "10"}
    )
    assert AppointmentStep.objects.get().passed
    listing = login(board).get("/can-bo/ho-so/bo-nhiem/").content.decode()
    assert POST in listing


def test_opening_through_the_page(cast, board, cadre, login):
    response = login(board).post(
        "/can-bo/ho-so/bo-nhiem/",
        {"unit": cast.province.pk, "post_title": "Giám đốc Sở Nội vụ", "post_level": "province", "source": "outside",
         "requested_on": "2026-04-01"},
    )  # fmt: skip
    assert response.status_code == 302
    page = login(board).get(response["Location"]).content.decode()
    assert "Giám đốc Sở Nội vụ" in page and "Chờ cấp có thẩm quyền" in page
