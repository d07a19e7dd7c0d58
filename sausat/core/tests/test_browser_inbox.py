"""Each demo role opens the product on a phone, sees its inbox and acts on the first item."""

import re

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


def _section(page, source: str):
    section = page.locator(f'#inbox [data-source="{source}"]')
    section.wait_for()
    return section


def _count(page, source: str) -> int:
    section = page.locator(f'#inbox [data-source="{source}"]')
    return int(section.locator("h3 .badge").inner_text()) if section.count() else 0


def _act_on_first_item(page, username: str, source: str, act) -> None:
    """Sign in, open the first item of ``source`` (the role's first section), act, and see it leave."""
    browser_login(page, username)
    section = _section(page, source)
    assert page.locator("#inbox .inbox-section").first.get_attribute("data-source") == source
    before = _count(page, source)
    first = section.locator(".inbox-item a").first
    href = first.get_attribute("href").split("#")[0]
    first.click()
    page.wait_for_load_state("networkidle")
    act(page)
    page.goto(page.base_url + "/")
    page.wait_for_selector("#inbox")
    assert _count(page, source) == before - 1
    assert page.locator(f'#inbox [data-source="{source}"] a[href^="{href}"]').count() == 0
    assert page.csp_violations == []


def test_leader_answers_the_first_late_opinion_and_it_leaves_the_inbox(phone_page, demo):
    def act(page):
        page.fill("#answer-form textarea[name=text]", "Thường trực đã chỉ đạo Sở trả lời; đề nghị xã thông tin lại.")
        page.select_option("#answer-form select[name=outcome]", "answered")
        page.click("#answer-form button[type=submit]")
        page.wait_for_load_state("networkidle")

    _act_on_first_item(phone_page, "lanhdao", "opinions.late", act)
    screenshot(phone_page, "inbox-leader-after-answer-phone")


def test_secretary_decides_the_first_request_and_it_leaves_the_inbox(phone_page, demo):
    def act(page):
        page.locator("form.decide button[name=approve][value='1']").first.click()
        page.wait_for_load_state("networkidle")

    _act_on_first_item(phone_page, "vanphong", "directives.requests", act)
    screenshot(phone_page, "inbox-secretary-after-decision-phone")


def test_liaison_logs_a_visit_to_the_first_stale_commune_and_it_leaves_the_inbox(phone_page, demo):
    def act(page):
        page.click("text=Ghi hoạt động")
        page.fill("#id_place", "Nhà văn hóa khu vực 1")
        page.fill("#id_met", "Bí thư Đảng ủy, Chủ tịch UBND")
        page.fill("#id_notes", "Nắm tình hình sản xuất và an ninh trật tự.")
        page.click("form[data-offline] button[type=submit]")
        page.wait_for_url(re.compile(r"/co-so/hoat-dong/\d+/\?da-luu=1$"), timeout=20000)

    _act_on_first_item(phone_page, "theodoi", "liaison.stale", act)
    screenshot(phone_page, "inbox-liaison-after-visit-phone")


def test_commune_cadre_proposes_completion_of_the_first_task_and_it_leaves_the_inbox(phone_page, demo):
    """The proposal goes to the office: the task waits for its decision, no longer for the commune."""

    def act(page):
        page.click("#completion-box summary")
        page.fill("#completion-form [name=product]", "Báo cáo kết quả số 12/BC-UBND")
        page.click("#completion-form button[type=submit]")
        page.wait_for_load_state("networkidle")

    _act_on_first_item(phone_page, "xa_a", "directives.own", act)
    screenshot(phone_page, "inbox-commune-after-proposal-phone")


def test_citizen_follows_the_first_opinion_and_a_new_one_joins_the_inbox(phone_page, demo):
    """A citizen's list is what they sent, with where each stands: nothing leaves it when they act, so
    the proof is the other way round: the item opens with its status, and a new opinion joins the list."""
    from sausat.meetings.models import Meeting, MeetingStatus

    page = phone_page
    browser_login(page, "congdan")
    section = _section(page, "opinions.mine")
    before = _count(page, "opinions.mine")
    section.locator(".inbox-item a").first.click()
    page.wait_for_load_state("networkidle")
    assert "Không tìm thấy trang" not in page.content()
    meeting = Meeting.objects.filter(status=MeetingStatus.OPEN).first()
    page.goto(page.base_url + f"/y-kien/gui/{meeting.form_token}/")
    page.fill("textarea[name=text]", "Đề nghị sửa chữa cống thoát nước đầu hẻm 12 trước mùa mưa.")
    page.click("form:has(textarea[name=text]) button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(page.base_url + "/")
    page.wait_for_selector("#inbox")
    assert _count(page, "opinions.mine") == before + 1
    assert page.csp_violations == []
