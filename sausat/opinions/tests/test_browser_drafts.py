"""The draft policy page and the meeting page's attendees on a phone: readable, no CSP violation;
commune B gets 404 on the draft."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _records(cast):
    from sausat.meetings import services as meeting_services
    from sausat.opinions import services
    from sausat.opinions.models import Channel, Outcome
    from sausat.opinions.tests.factories import make_meeting
    from sausat.people.models import Organ

    owner = Organ.objects.filter(unit=cast.province).order_by("sort_order").first()
    draft = services.create_draft_policy(
        actor=cast.secretary,
        title="Đề án phát triển đội ngũ cán bộ trẻ, nữ (thử)",
        unit=cast.province,
        owner_organ=owner,
        drafting_from=dt.date(2026, 1, 5),
        consultation_from=dt.date(2026, 3, 1),
        consultation_to=dt.date(2026, 3, 31),
    )
    meeting = make_meeting(cast)
    meeting_services.add_attendee(actor=cast.secretary, meeting=meeting, label="Đại diện các sở, ngành")
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Đề án nên có chỉ tiêu cán bộ nữ trong cấp ủy xã",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="browser-draft-1",
        meeting=meeting,
    )
    services.answer_opinion(
        actor=cast.secretary, opinion=opinion, text="Tiếp thu vào dự thảo.", outcome=Outcome.ACCEPTED_IN_POLICY,
        draft_policy=draft,
    )  # fmt: skip
    return draft, meeting


def test_draft_page_and_meeting_attendees_on_a_phone(phone_page, cast):
    draft, meeting = _records(cast)
    page = phone_page
    browser_login(page, "vanphong")
    page.goto(f"{page.base_url}/y-kien/de-an/{draft.pk}/")
    page.wait_for_selector("h1:has-text('Đề án phát triển đội ngũ cán bộ trẻ, nữ (thử)')")
    assert page.locator("#draft-stages li").count() == 3
    assert "chỉ tiêu cán bộ nữ" in page.content()
    screenshot(page, "draft-policy-phone")
    page.goto(f"{page.base_url}/hoi-nghi/{meeting.pk}/")
    page.wait_for_selector("#meeting-attendees li:has-text('Đại diện các sở, ngành')")
    screenshot(page, "meeting-attendees-phone")
    assert page.csp_violations == []


def test_commune_b_gets_404_on_the_draft(phone_page, cast):
    draft, _ = _records(cast)
    page = phone_page
    browser_login(page, "xa_b")
    response = page.goto(f"{page.base_url}/y-kien/de-an/{draft.pk}/")
    assert response.status == 404
