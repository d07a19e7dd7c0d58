"""Cadre work in a real Chromium: an evaluation round from self-assessment to decision with the
"excellent" quota refusing, then a confidence vote entered and its consequences raised (and seen
as a flag on the plan)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/can-bo/ho-so"


def _switch(page, username):
    page.context.clear_cookies()
    browser_login(page, username)


@pytest.fixture
def round_ready(cast, board, cadre, make_task):
    """A 2025 year period; the commune-A cadre answers for three tasks, all on time, one beyond
    requirement (33 % >= 30 %), so the points allow "excellent" and only the quota can refuse."""
    from sausat.cadres import planning_services, services

    board.set_password(settings.SAUSAT_DEMO_PASSWORD)
    board.save()
    for due, done, beyond in ((10, 5, True), (40, 30, False), (70, 60, False)):
        start = dt.date(2025, 9, 1)
        make_task(cadre.person, start + dt.timedelta(days=due), start + dt.timedelta(days=done), beyond)
    period = services.open_period(
        actor=board, kind="year", label="Năm 2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
        unit=cast.province,
    )  # fmt: skip
    evaluation = services.open_evaluation(actor=board, period=period, person=cadre.person)
    planning_services.add_planning(
        actor=board, person=cadre.person, post_title="Phó Chủ tịch UBND thành phố", post_level="province",
        term="2025-2030", unit=cast.province, on=dt.date(2025, 10, 15), reason="Có triển vọng",
    )  # fmt: skip
    return evaluation


def test_evaluation_round_with_quota_then_vote_with_consequences(desktop_page, cast, board, cadre, round_ready):
    from sausat.cadres import vote_services
    from sausat.cadres.models import Consequence, VoteCandidate

    page = desktop_page
    eval_url = f"{page.base_url}{BASE}/danh-gia/{round_ready.pk}/"

    # 1. The cadre assesses themself.
    browser_login(page, cast.commune_a_cadre.get_username())
    page.goto(eval_url)
    page.fill("#self-form #id_general_points", "28")
    page.fill("#self-form #id_note", "Hoàn thành vượt mức các nhiệm vụ được giao.")
    page.click("#self-form button[type=submit]")
    page.wait_for_selector("#step:has-text('Đã tự đánh giá')")
    assert page.locator("#appraise-form").count() == 0  # the person does not appraise

    # 2. The organisation board appraises: task points computed from the record.
    _switch(page, board.get_username())
    page.goto(eval_url)
    assert page.locator("#evidence tbody tr").count() == 3
    page.fill("#appraise-form #id_general_points", "28")
    page.select_option("#appraise-form #id_proposed_level", "excellent")
    page.click("#appraise-form button[type=submit]")
    page.wait_for_selector("#step:has-text('Đã thẩm định')")
    assert page.locator("#suggested").inner_text().strip() == "Hoàn thành xuất sắc nhiệm vụ"
    screenshot(page, "cadres-evaluation-appraised")

    # 3. The committee decides "excellent": the quota refuses with the numbers; "good" passes.
    _switch(page, cast.leader.get_username())
    page.goto(eval_url)
    page.select_option("#decide-form #id_level", "excellent")
    page.fill("#decide-form #id_decided_on", "2025-12-20")
    page.click("#decide-form button[type=submit]")
    error = page.locator(".messages li").filter(has_text="Vượt tỷ lệ")
    error.first.wait_for()
    text = error.first.inner_text()
    assert "1 xuất sắc trên 1 người" in text and "tối đa 20% tức 0 người" in text, text
    assert "Đã thẩm định" in page.locator("#step").inner_text()
    screenshot(page, "cadres-evaluation-quota-refused")
    page.select_option("#decide-form #id_level", "good")
    page.fill("#decide-form #id_decided_on", "2025-12-20")
    page.click("#decide-form button[type=submit]")
    page.wait_for_selector("#level:has-text('Hoàn thành tốt nhiệm vụ')")
    assert page.locator("#decisions li").count() == 1

    # 4. A confidence vote: quorum refused with the count, a tally that does not add up refused
    #    with the difference, then the result raises its consequence as a board task.
    session = vote_services.create_session(
        actor=board, unit=cast.province, title="Hội nghị lấy phiếu tín nhiệm năm 2026", held_on=dt.date(2026, 5, 20),
        summoned=30, candidates=[(cadre.person, "Phó Bí thư Đảng ủy xã")],
    )  # fmt: skip
    candidate = VoteCandidate.objects.get(session=session)
    _switch(page, board.get_username())
    page.goto(f"{page.base_url}{BASE}/tin-nhiem/{session.pk}/")
    page.fill("#attendance-form #id_present", "19")
    page.click("#attendance-form button[type=submit]")
    page.get_by_text("có mặt 19/30 người được triệu tập, cần ít nhất 20").wait_for()
    page.fill("#attendance-form #id_present", "27")
    page.click("#attendance-form button[type=submit]")
    page.wait_for_selector("#tally-form")
    for field, value in (("issued", 27), ("returned", 27), ("valid", 26), ("invalid", 2)):
        page.fill(f"#tally-form #id_{field}", str(value))
    for key, value in (("high", 3), ("confidence", 8), ("low", 15)):
        page.fill(f"#tally-form #id_c{candidate.pk}_{key}", str(value))
    page.click("#tally-form button[type=submit]")
    page.get_by_text("khác số thu về (27): chênh +1").wait_for()
    page.fill("#tally-form #id_invalid", "1")
    for key, value in (("high", 3), ("confidence", 8), ("low", 15)):
        page.fill(f"#tally-form #id_c{candidate.pk}_{key}", str(value))
    page.click("#tally-form button[type=submit]")
    page.wait_for_selector("#tally")
    results = page.locator("#results").inner_text()
    assert "Đưa ra khỏi quy hoạch" in results, results
    assert page.locator("#results a:has-text('nhiệm vụ')").count() == 1
    screenshot(page, "cadres-vote-consequences")
    candidate.refresh_from_db()
    assert candidate.consequence == Consequence.CONSIDER and candidate.consequence_task_id is not None

    # 5. The plan now flags the cadre (low confidence) for the yearly review.
    page.goto(f"{page.base_url}{BASE}/quy-hoach/{cast.province.pk}/2025-2030/")
    page.wait_for_selector(".flag-low_confidence")
    assert "15/27" in page.locator(".flag-low_confidence").inner_text()
    screenshot(page, "cadres-plan-flags")
