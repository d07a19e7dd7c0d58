"""Each demo role opens the product on a phone, sees its inbox and acts on the first item."""

import pytest

from conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "leader": "lanhdao",
    "secretary": "vanphong",
    "liaison": "theodoi",
    "commune_a_cadre": "xa_a",
    "citizen": "congdan",
}


@pytest.mark.parametrize("who", sorted(ROLES))
def test_role_sees_its_inbox_and_opens_the_first_item(phone_page, demo, who):
    page = phone_page
    browser_login(page, ROLES[who])
    page.wait_for_selector("#inbox .inbox-item a")
    screenshot(page, f"inbox-{who}-phone")
    first = page.locator("#inbox .inbox-item a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state("networkidle")
    assert href.split("#")[0] in page.url
    assert "Không tìm thấy trang" not in page.content()
    assert page.csp_violations == []


def test_responder_answers_the_first_opinion_and_it_leaves_the_inbox(phone_page, demo):
    page = phone_page
    browser_login(page, "traloi")
    section = page.locator('#inbox [data-source="opinions.assigned"]')
    section.wait_for()
    before = int(section.locator("h3 .badge").inner_text())
    first = section.locator(".inbox-item a").first
    href = first.get_attribute("href").split("#")[0]
    first.click()
    page.wait_for_selector("#answer-form")
    page.fill("#answer-form textarea[name=text]", "Sở Nội vụ đã ban hành văn bản hướng dẫn; đề nghị xã triển khai.")
    page.select_option("#answer-form select[name=outcome]", "answered")
    page.click("#answer-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(page.base_url + "/")
    section = page.locator('#inbox [data-source="opinions.assigned"]')
    after = int(section.locator("h3 .badge").inner_text()) if section.count() else 0
    assert after == before - 1
    assert page.locator(f'#inbox a[href^="{href}"]').count() == 0
    screenshot(page, "inbox-responder-after-answer-phone")
    assert page.csp_violations == []
