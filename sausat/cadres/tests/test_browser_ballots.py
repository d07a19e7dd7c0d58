"""Electronic ballots in a real Chromium: the board issues the codes from the session page (the
HTMX panel), an attendee votes on a phone without an account, the board closes and counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue_vote_on_a_phone_and_count(desktop_page, phone_page, cast, board, cadre):
    from sausat.cadres import vote_services
    from sausat.cadres.models import Ballot, VoteSession

    board.set_password(settings.SAUSAT_DEMO_PASSWORD)
    board.save()
    session = vote_services.create_session(
        actor=board, unit=cast.province, title="Lấy phiếu tín nhiệm (điện tử)", held_on=dt.date(2026, 3, 10),
        summoned=3, candidates=[(cadre.person, "Phó Bí thư")],
    )  # fmt: skip
    vote_services.record_attendance(actor=board, session=session, present=2)

    page = desktop_page
    browser_login(page, board.get_username())
    page.goto(f"{page.base_url}/can-bo/ho-so/tin-nhiem/{session.pk}/")
    page.click("#ballot-issue button[type=submit]")  # the panel arrives by HTMX
    page.wait_for_selector("#ballot-codes")
    codes = [c.strip() for c in page.locator(".ballot-code").all_inner_texts()]
    assert len(codes) == 2

    phone = phone_page
    phone.goto(f"{phone.base_url}/can-bo/ho-so/bo-phieu/")
    phone.fill("#id_code", codes[0].lower())
    phone.click("#code-form button[type=submit]")
    phone.wait_for_selector("#ballot-form")
    phone.locator(".ballot-choice", has_text="Tín nhiệm thấp").click()
    screenshot(phone, "ballot-phone")
    phone.click("#ballot-form button[type=submit]")
    phone.wait_for_selector("#ballot-done")
    assert not phone.csp_violations, phone.csp_violations
    assert Ballot.objects.count() == 1

    page.goto(f"{page.base_url}/can-bo/ho-so/tin-nhiem/{session.pk}/")
    page.wait_for_selector("#ballot-count:has-text('phiếu đã bỏ: 1')")
    page.click("#ballot-close button[type=submit]")
    page.wait_for_selector("#tally")
    session = VoteSession.objects.get(pk=session.pk)
    assert (session.issued, session.returned) == (2, 1)
    assert session.candidates.get().low == 1
