"""Forms show only the fields that apply and say the default deadline before saving; a citizen gets a
reference code and follows the opinion without an account. Phone-sized Chromium, strict CSP."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# app.js is deferred: the form can be in the DOM, and be changed, before its script wires it up. A
# one-shot is_hidden() right after select_option() then raced the script (it failed in CI). These
# assertions wait, up to Playwright's timeout, for the page to reach the state the user would see.
def shown(page, *selectors):
    for selector in selectors:
        expect(page.locator(selector)).to_be_visible()


def hidden(page, *selectors):
    for selector in selectors:
        expect(page.locator(selector)).to_be_hidden()


def test_answer_form_shows_outcome_fields_only_for_their_outcome(phone_page, demo):
    page = phone_page
    browser_login(page, "traloi")
    section = page.locator('#inbox [data-source="opinions.assigned"]')
    section.locator(".inbox-item a").first.click()
    page.wait_for_selector("#answer-form")
    page.select_option("#answer-form select[name=outcome]", "answered")
    hidden(page, "#id_petition_authority")
    hidden(page, "#id_rejection_reason")
    hidden(page, "#id_directed_organ")
    page.select_option("#answer-form select[name=outcome]", "petitioned")
    shown(page, "#id_petition_authority")
    shown(page, "#id_petition_sent_on")
    hidden(page, "#id_directed_deadline")
    page.select_option("#answer-form select[name=outcome]", "directed")
    shown(page, "#id_directed_organ")
    hidden(page, "#id_petition_authority")
    assert page.input_value("#id_directed_deadline")  # pre-filled by the answer period
    assert "Mặc định theo thời hạn trả lời" in page.inner_text("#answer-form")
    screenshot(page, "answer-form-directed-phone")
    assert page.csp_violations == []


def test_the_answer_form_comes_on_demand_and_its_fields_still_follow_the_outcome(phone_page, demo):
    """From the queue the page has no form; its button fetches it (HTMX) and app.js wires it up."""
    page = phone_page
    browser_login(page, "traloi")
    page.goto(page.base_url + "/y-kien/can-tra-loi/")
    page.locator("td a", has_text=re.compile(r"^#\d+$")).first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#answer-form").count() == 0
    page.click("#answer-box a:has-text('Soạn trả lời')")
    page.wait_for_selector("#answer-form select[name=outcome]")
    assert "?tra-loi=1" not in page.url  # fetched in place, not a new page
    assert page.evaluate("document.activeElement.id") == "id_text"
    page.select_option("#answer-form select[name=outcome]", "petitioned")
    shown(page, "#id_petition_authority")
    hidden(page, "#id_directed_organ")
    # The history, below the fold, comes when scrolled to. Scroll the window, not the placeholder's
    # heading: HTMX replaces the placeholder once it is revealed, which may already be under way (the
    # form's arrival moves the page), and a scroll aimed at a replaced element fails at random.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_selector("ol.timeline li")
    assert page.csp_violations == []


def test_task_form_shows_the_deadline_fields_of_its_kind_and_the_deadline(phone_page, demo):
    from sausat.directives.models import DirectingDocument

    doc = DirectingDocument.objects.filter(title__contains="(minh họa)").first()
    page = phone_page
    browser_login(page, "vanphong")
    page.goto(f"{page.base_url}/chi-dao/van-ban/{doc.pk}/nhiem-vu/")
    page.wait_for_selector("#task-form")
    shown(page, "#id_deadline_date")
    hidden(page, "#id_deadline_days")
    hidden(page, "#id_recurring_day")
    page.select_option("#id_deadline_kind", "working_days")
    hidden(page, "#id_deadline_date")
    shown(page, "#id_deadline_days")
    page.fill("#id_deadline_days", "20")
    page.locator("#id_deadline_days").dispatch_event("change")
    page.wait_for_selector("#deadline-preview:has-text('20 ngày làm việc')")
    text = page.inner_text("#deadline-preview")
    assert f"{doc.date:%d/%m/%Y}" in text and "đến" in text
    screenshot(page, "task-form-working-days-phone")
    page.select_option("#id_deadline_kind", "monthly")
    shown(page, "#id_recurring_day")
    hidden(page, "#id_deadline_days")
    assert page.csp_violations == []


def test_citizen_gets_a_code_and_follows_the_opinion_without_an_account(phone_page, demo):
    from sausat.meetings.models import Meeting, MeetingStatus

    meeting = Meeting.objects.filter(status=MeetingStatus.OPEN).first()
    page = phone_page
    page.goto(f"{page.base_url}/y-kien/gui/{meeting.form_token}/")
    page.fill("textarea[name=text]", "Đề nghị lắp thêm đèn chiếu sáng tuyến đường ra bến phà.")
    page.click("form button[type=submit]")
    page.wait_for_selector("#reference-code")
    code = page.inner_text("#reference-code .refcode")
    assert code.startswith("YK-")
    screenshot(page, "opinion-reference-code-phone")
    page.click("a:has-text('Tra cứu ý kiến đã gửi')")
    page.fill("#id_code", code.lower())
    page.click("#lookup-form button[type=submit]")
    page.wait_for_selector("#lookup-result")
    assert meeting.title in page.inner_text("#lookup-result")
    screenshot(page, "opinion-lookup-phone")
    assert page.csp_violations == []
