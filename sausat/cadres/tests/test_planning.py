"""Planning (377-QĐ/TW) and rotation (65-QĐ/TW): limits, the yearly review, automatic flags, the
structure against the targets, the rotation gate, and what the record page shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sausat.cadres import planning_selectors, planning_services, selectors, services, vote_services
from sausat.cadres.models import AccessKind, ChangeKind, PlanningChange, PlanningEntry, PlanningReview, RecordAccess
from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.people import services as people_services

pytestmark = pytest.mark.django_db

TERM = "2025-2030"
ON = dt.date(2025, 11, 1)
POST = "Phó Chủ tịch UBND thành phố"


def _cadre(cast, board, name, *, birth_year=1985, gender="male", ethnicity="Kinh"):
    person = people_services.create_person(
        actor=SystemActor(reason="test"), full_name=name, home_unit=cast.commune_a, birth_year=birth_year,
        gender=gender, ethnicity=ethnicity,
    )  # fmt: skip
    return services.ensure_profile(actor=board, person=person, unit=cast.province).person


def _plan(cast, board, person, post=POST, level="province", on=ON):
    return planning_services.add_planning(
        actor=board, person=person, post_title=post, post_level=level, term=TERM, unit=cast.province, on=on,
        reason="Đủ tiêu chuẩn, có triển vọng",
    )  # fmt: skip


def _plan_url(cast):
    return reverse("cadres:plan", args=[cast.province.pk, TERM])


def test_planned_for_is_the_hook_for_appointment_eligibility(cast, board):
    person = _cadre(cast, board, "Trần Văn Quy")
    entry = _plan(cast, board, person)
    # compared without case or diacritics, on the day, at the unit when given
    assert selectors.planned_for(person, "pho chu tich ubnd thanh pho", ON) == entry
    assert selectors.planned_for(person, POST, ON, unit=cast.province) == entry
    assert selectors.planned_for(person, POST, ON - dt.timedelta(days=1)) is None
    assert selectors.planned_for(person, "Chủ tịch UBND thành phố", ON) is None
    planning_services.remove_planning(actor=board, entry=entry, on=dt.date(2026, 3, 1), reason="Chuyển công tác")
    assert selectors.planned_for(person, POST, dt.date(2026, 2, 28)) == entry
    assert selectors.planned_for(person.pk, POST, dt.date(2026, 3, 1)) is None
    assert selectors.planned_entries(person, dt.date(2026, 3, 1)) == []


def test_removal_frees_the_place_and_every_change_keeps_its_reason(cast, board):
    people = [_cadre(cast, board, f"Cán bộ {i}") for i in range(4)]
    entries = [_plan(cast, board, p) for p in people[:3]]
    with pytest.raises(ValidationError, match="đã có 3 người trong quy hoạch; tối đa 3 người một chức danh"):
        _plan(cast, board, people[3])
    with pytest.raises(ValidationError, match="lý do"):
        planning_services.remove_planning(actor=board, entry=entries[0], on=dt.date(2026, 1, 5), reason="  ")
    planning_services.remove_planning(actor=board, entry=entries[0], on=dt.date(2026, 1, 5), reason="Nghỉ hưu sớm")
    _plan(cast, board, people[3], on=dt.date(2026, 1, 6))
    kinds = list(PlanningChange.objects.filter(entry=entries[0]).values_list("kind", "reason"))
    assert kinds == [(ChangeKind.ADD, "Đủ tiêu chuẩn, có triển vọng"), (ChangeKind.REMOVE, "Nghỉ hưu sớm")]
    assert AuditEvent.objects.filter(verb="cadres.planning.remove", object_id=str(entries[0].pk)).count() == 1


def test_yearly_review_removes_and_adds_with_reasons_all_or_nothing(cast, board):
    a, b, c, d = (_cadre(cast, board, n) for n in ("Lê Văn An", "Phạm Thị Bình", "Võ Văn Cường", "Đỗ Thị Dung"))
    ea, eb, _ec = (_plan(cast, board, p) for p in (a, b, c))
    # adding a fourth to a full post without removing anyone: refused, nothing written
    with pytest.raises(ValidationError, match="đã có 3 người"):
        planning_services.review_plan(
            actor=board, unit=cast.province, term=TERM, year=2026, on=dt.date(2026, 12, 10),
            additions=[planning_services.Addition(d, POST, "province", "Trẻ, nữ, có triển vọng")],
        )  # fmt: skip
    assert not PlanningReview.objects.exists()
    with pytest.raises(ValidationError, match="lý do"):
        planning_services.review_plan(
            actor=board, unit=cast.province, term=TERM, year=2026, on=dt.date(2026, 12, 10),
            removals=[(ea, "Không hoàn thành nhiệm vụ năm 2026")],
            additions=[planning_services.Addition(d, POST, "province", "")],
        )  # fmt: skip
    assert PlanningEntry.objects.get(pk=ea.pk).removed_on is None  # the removal was rolled back too
    review = planning_services.review_plan(
        actor=board, unit=cast.province, term=TERM, year=2026, on=dt.date(2026, 12, 10), note="Rà soát năm 2026",
        removals=[(ea, "Không hoàn thành nhiệm vụ năm 2026")],
        additions=[planning_services.Addition(d, POST, "province", "Trẻ, nữ, có triển vọng")],
    )  # fmt: skip
    assert list(review.changes.values_list("kind", "entry__person__full_name", "reason")) == [
        (ChangeKind.REMOVE, "Lê Văn An", "Không hoàn thành nhiệm vụ năm 2026"),
        (ChangeKind.ADD, "Đỗ Thị Dung", "Trẻ, nữ, có triển vọng"),
    ]
    assert AuditEvent.objects.filter(verb="cadres.planning.review", object_id=str(review.pk)).count() == 1
    live = planning_selectors.plan(cast.province, TERM, dt.date(2026, 12, 10))
    assert {r.entry.person_id for r in live.rows} == {b.pk, c.pk, d.pk}
    assert eb.pk in {r.entry.pk for r in live.rows}
    with pytest.raises(ValidationError, match="đã được rà soát năm 2026"):
        planning_services.review_plan(
            actor=board, unit=cast.province, term=TERM, year=2026, on=dt.date(2026, 12, 11),
            removals=[(eb, "Lý do")],
        )  # fmt: skip


def test_automatic_flags_age_discipline_low_confidence(cast, board):
    old = _cadre(cast, board, "Nguyễn Văn Lão", birth_year=1966)  # 62 in 2028: before a full term from 2025
    young = _cadre(cast, board, "Hoàng Thị Trẻ", birth_year=1990, gender="female")
    voted = _cadre(cast, board, "Đinh Văn Phiếu", birth_year=1980)
    for p in (old, young, voted):
        _plan(cast, board, p, post=f"Chức danh của {p.full_name}")
    services.add_discipline(
        actor=board, person=young, form="reprimand", decided_on=dt.date(2026, 2, 1), reason="Vi phạm"
    )
    session = vote_services.create_session(
        actor=board, unit=cast.province, title="Lấy phiếu tín nhiệm 2026", held_on=dt.date(2026, 5, 20), summoned=30,
        candidates=[(voted, "Giám đốc Sở")],
    )  # fmt: skip
    session = vote_services.record_attendance(actor=board, session=session, present=30)
    candidate = session.candidates.get()
    vote_services.enter_tally(
        actor=board, session=session, issued=30, returned=30, valid=30, invalid=0, counts={candidate.pk: (5, 9, 16)}
    )
    plan = planning_selectors.plan(cast.province, TERM, dt.date(2026, 6, 1))
    flags = {r.entry.person.full_name: [f.code for f in r.blocking] for r in plan.rows}
    assert flags == {"Nguyễn Văn Lão": ["age"], "Hoàng Thị Trẻ": ["discipline"], "Đinh Văn Phiếu": ["low_confidence"]}
    age_text = next(r for r in plan.rows if r.entry.person_id == old.pk).blocking[0].text
    assert "01/01/2028" in age_text and "chỉ biết năm sinh" in age_text and "60 tháng" in age_text
    # an exact birth date replaces the 1 January convention
    profile = old.cadre_profile
    planning_services.set_birth_date(actor=board, profile=profile, birth_date=dt.date(1966, 12, 31))
    plan = planning_selectors.plan(cast.province, TERM, dt.date(2026, 6, 1))
    assert "31/12/2028" in next(r for r in plan.rows if r.entry.person_id == old.pk).blocking[0].text
    with pytest.raises(ValidationError, match="khác năm sinh"):
        planning_services.set_birth_date(actor=board, profile=profile, birth_date=dt.date(1967, 1, 1))


def test_age_limit_is_configurable(cast, board, settings):
    old = _cadre(cast, board, "Nguyễn Văn Lão", birth_year=1966)
    _plan(cast, board, old)
    settings.SAUSAT_CADRES_RULE_OVERRIDES = {"377-QĐ/TW": {"retirement_age": {"male": 65, "female": 60}}}
    assert planning_selectors.plan(cast.province, TERM, ON).flagged == []


def test_structure_against_targets(cast, board):
    people = [
        _cadre(cast, board, "Trẻ Nữ", birth_year=1992, gender="female"),
        _cadre(cast, board, "Trẻ Khmer", birth_year=1990, ethnicity="Khmer"),
        _cadre(cast, board, "Lớn tuổi", birth_year=1975),
        _cadre(cast, board, "Lớn tuổi 2", birth_year=1976),
        _cadre(cast, board, "Lớn tuổi 3", birth_year=1977),
    ]
    for i, p in enumerate(people):
        _plan(cast, board, p, post=f"Chức danh {i}")
    structure = planning_selectors.plan(cast.province, TERM, ON).structure
    assert structure.total == 5
    assert structure.counts == {"young": 2, "women": 1, "minority": 1}
    rows = {key: (n, share, target, met) for key, _label, n, share, target, met in structure.rows()}
    assert rows["young"] == (2, 40.0, 15.0, True)
    assert rows["women"] == (1, 20.0, 25.0, False)
    assert rows["minority"] == (1, 20.0, None, None)  # no figure in the sources: shown, not judged
    assert structure.chart()["datasets"][0]["data"] == [40.0, 20.0, 20.0]


def test_rotation_only_for_cadres_in_the_plan_and_evaluations_during_it(cast, board, cadre):
    person = cadre.person
    kwargs = {
        "from_title": "Phó Bí thư Đảng ủy xã", "from_unit": cast.commune_a, "to_title": "Phó Giám đốc Sở Nội vụ",
        "to_unit": cast.province, "start": dt.date(2025, 12, 1), "end": dt.date(2027, 12, 1),
    }  # fmt: skip
    with pytest.raises(ValidationError, match=r"không có trong quy hoạch ngày 01/12/2025 .* không thể luân chuyển"):
        planning_services.add_rotation(actor=board, person=person, **kwargs)
    _plan(cast, board, person)
    rotation = planning_services.add_rotation(actor=board, person=person, **kwargs)
    inside = services.open_period(
        actor=board, kind="year", label="Năm 2026", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31),
        unit=cast.province,
    )  # fmt: skip
    after = services.open_period(
        actor=board, kind="quarter", label="Quý I/2028", start=dt.date(2028, 1, 1), end=dt.date(2028, 3, 31),
        unit=cast.province,
    )  # fmt: skip
    ev_in = services.open_evaluation(actor=board, period=inside, person=person)
    services.open_evaluation(actor=board, period=after, person=person)  # after the rotation: not shown
    rec = selectors.record(cadre)
    assert [(rv.rotation.pk, [e.pk for e in rv.evaluations]) for rv in rec.rotation_views] == [
        (rotation.pk, [ev_in.pk])
    ]


def test_rotation_page_form_refuses_in_vietnamese_and_is_board_only(cast, board, cadre, login):
    url = reverse("cadres:rotation_add", args=[cadre.person_id])
    data = {
        "from_title": "Phó Bí thư Đảng ủy xã", "from_unit": cast.commune_a.pk, "to_title": "Phó Giám đốc Sở",
        "to_unit": cast.province.pk, "start": "2025-12-01",
    }  # fmt: skip
    page = login(board).post(url, data, follow=True).content.decode()
    assert "không có trong quy hoạch" in page
    _plan(cast, board, cadre.person)
    login(board).post(url, data)
    assert cadre.person.rotations.count() == 1
    assert 'id="rotation-form"' in login(board).get(url).content.decode()
    for user in (cast.leader, cast.commune_a_cadre, cast.admin):
        assert login(user).post(url, data).status_code == 404
        assert login(user).get(url).status_code == 404
    assert cadre.person.rotations.count() == 1


def test_liaison_assignment_counts_as_field_training_on_record_and_docx(cast, board, cadre, login):
    import io

    from docx import Document

    from sausat.liaison import services as liaison

    decision = liaison.create_decision(
        actor=SystemActor(reason="test"), unit=cast.province, number="99-QĐ/TU", issued_on=dt.date(2025, 8, 1),
        term_start=dt.date(2025, 8, 1), term_end=dt.date(2026, 7, 31),
    )  # fmt: skip
    liaison.assign_cadre(
        actor=SystemActor(reason="test"), decision=decision, cadre=cadre.person, unit=cast.commune_b,
        start_date=dt.date(2025, 8, 15), cadre_title="Phó Bí thư Đảng ủy xã",
    )  # fmt: skip
    page = login(board).get(reverse("cadres:record", args=[cadre.person_id])).content.decode()
    assert "field-training" in page and cast.commune_b.name in page and "99-QĐ/TU" in page
    content = login(board).get(reverse("cadres:record_export", args=[cadre.person_id])).content
    text = "\n".join(c.text for t in Document(io.BytesIO(content)).tables for r in t.rows for c in r.cells)
    assert "99-QĐ/TU" in text and cast.commune_b.name in text


def test_plan_page_for_board_and_committee_404_for_everyone_else(cast, board, other_province_leader, login):
    person = _cadre(cast, board, "Mai Thị Quy Hoạch", gender="female")
    _plan(cast, board, person)
    page = login(board).get(_plan_url(cast)).content.decode()
    assert person.full_name in page and 'id="structure"' in page and 'id="review-form"' in page
    assert RecordAccess.objects.filter(person=person, user=board, what=AccessKind.RECORD).count() == 1
    leader_page = login(cast.leader).get(_plan_url(cast)).content.decode()
    assert person.full_name in leader_page and 'id="review-form"' not in leader_page
    assert login(cast.leader).post(_plan_url(cast), {"action": "add"}).status_code == 404
    for user in (cast.secretary, cast.commune_a_cadre, cast.admin, other_province_leader):
        assert login(user).get(_plan_url(cast)).status_code == 404, user
    assert login(board).get(reverse("cadres:plan", args=[cast.province.pk, "abc"])).status_code == 404


def test_plan_page_review_through_the_form(cast, board, login):
    a, b = _cadre(cast, board, "Người A"), _cadre(cast, board, "Người B", gender="female")
    ea = _plan(cast, board, a)
    data = {
        "action": "review", "year": "2026", "on": "2026-12-10", "note": "",
        f"remove_{ea.pk}": "on", f"reason_{ea.pk}": "Bị kỷ luật khiển trách",
        "add0_person": b.cadre_profile.pk, "add0_post": POST, "add0_level": "province", "add0_reason": "Có triển vọng",
    }  # fmt: skip
    page = login(board).post(_plan_url(cast), data, follow=True).content.decode()
    assert "Bị kỷ luật khiển trách" in page and "Có triển vọng" in page
    assert PlanningEntry.objects.get(pk=ea.pk).removed_on == dt.date(2026, 12, 10)


def test_record_page_shows_flags_and_query_count_stays_constant(
    cast, board, cadre, login, django_assert_max_num_queries
):
    for i in range(3):
        _plan(cast, board, cadre.person, post=f"Chức danh {i}")
    services.add_discipline(
        actor=board, person=cadre.person, form="warning", decided_on=dt.date(2026, 1, 5), reason="Vi phạm"
    )
    client = login(board)
    page = client.get(reverse("cadres:record", args=[cadre.person_id])).content.decode()
    assert page.count("flag-discipline") == 3
    with django_assert_max_num_queries(30):
        assert client.get(reverse("cadres:record", args=[cadre.person_id])).status_code == 200


def test_plan_page_query_count_does_not_grow_with_the_plan(cast, board, login, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(board)
    _plan(cast, board, _cadre(cast, board, "Một"))
    client.get(_plan_url(cast))
    with CaptureQueriesContext(connection) as small:
        client.get(_plan_url(cast))
    for i in range(6):
        _plan(cast, board, _cadre(cast, board, f"Người {i}"), post=f"Chức danh {i % 3}")
    with CaptureQueriesContext(connection) as large:
        assert client.get(_plan_url(cast)).status_code == 200
    assert len(large) == len(small)


def test_demo_plans_and_rotates_the_cast_cadre_idempotently(cast):
    from sausat.cadres import demo

    demo.seed()
    demo.seed()
    person = PlanningEntry.objects.get(term="2025-2030").person
    assert PlanningEntry.objects.filter(person=person).count() == 2
    assert person.rotations.count() == 1
    assert PlanningChange.objects.filter(kind=ChangeKind.ADD).count() == 2
