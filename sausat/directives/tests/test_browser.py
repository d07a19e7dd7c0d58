"""A conclusion from issue to quarterly pack, in a real Chromium on a phone-sized screen."""

import pytest

from conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch(page, username):
    page.context.clear_cookies()
    browser_login(page, username)


def test_conclusion_to_quarterly_pack(phone_page, cast):
    from sausat.directives.models import Task

    page = phone_page
    browser_login(page, "vanphong")
    page.goto(page.base_url + "/chi-dao/van-ban/moi/")
    page.select_option("#id_kind", "conclusion_notice")
    page.select_option("#id_issuing_organ", label="Thành ủy Cần Thơ")
    page.fill("#id_symbol", "TB/TU")
    page.fill("#id_date", "2026-11-02")
    page.fill("#id_title", "Kết luận buổi làm việc định kỳ quý IV")
    page.click("#document-form button[type=submit]")
    page.wait_for_selector("h1:has-text('Thông báo kết luận')")
    page.fill("#task-form #id_title", "Rà soát các kết luận chưa thực hiện")
    page.select_option("#task-form #id_lead_organ", label="Sở Nội vụ thành phố Cần Thơ")
    page.fill("#task-form #id_expected_product", "Báo cáo rà soát")
    page.select_option("#task-form #id_deadline_kind", "fixed")
    page.fill("#task-form #id_deadline_date", "2026-12-15")
    page.click("#task-form button[type=submit]")
    page.wait_for_selector("#doc-tasks >> text=Rà soát các kết luận chưa thực hiện")
    screenshot(page, "directives-document-phone")
    task = Task.objects.get(title="Rà soát các kết luận chưa thực hiện")
    task_url = f"{page.base_url}/chi-dao/nhiem-vu/{task.pk}/"

    # The lead body reports progress and asks for more time.
    _switch(page, "traloi")
    page.goto(task_url)
    page.fill("#progress-form #id_text", "Đã tổng hợp 12 kết luận, đang đối chiếu.")
    page.fill("#progress-form #id_percent", "40")
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector("#timeline >> text=Đã tổng hợp 12 kết luận")
    page.click("#extension-box summary")
    page.fill("#extension-form #id_requested_date", "2026-12-31")
    page.fill("#extension-form #id_reason", "Chờ số liệu của các huyện.")
    page.click("#extension-form button[type=submit]")
    page.wait_for_selector("text=Đã gửi đề nghị gia hạn")

    # A commune-B cadre cannot open it.
    _switch(page, "xa_b")
    response = page.goto(task_url)
    assert response.status == 404

    # The office approves the extension.
    _switch(page, "vanphong")
    page.goto(task_url)
    page.click(".pending button[value='1']")
    page.wait_for_selector("#task-due >> text=31/12/2026")
    assert page.locator("#deadline-history >> text=15/12/2026").count() >= 1

    # The lead proposes completion; the office approves it.
    _switch(page, "traloi")
    page.goto(task_url)
    page.click("#completion-box summary")
    page.fill("#completion-form [name=product]", "Báo cáo rà soát số 7")
    page.click("#completion-form button[type=submit]")
    page.wait_for_selector("text=Đã gửi đề nghị công nhận hoàn thành")
    _switch(page, "vanphong")
    page.goto(task_url)
    page.fill(".pending textarea", "Đạt yêu cầu.")
    page.click(".pending button[value='1']")
    page.wait_for_selector(".badge >> text=Hoàn thành đúng hạn")
    screenshot(page, "directives-task-phone")
    page.goto(page.base_url + "/chi-dao/?status=completed_on_time")
    page.wait_for_selector("#board-rows >> text=Rà soát các kết luận chưa thực hiện")
    screenshot(page, "directives-board-phone")

    page.goto(page.base_url + "/chi-dao/bao-cao-quy/?year=2026&quarter=4&scope=province")
    page.wait_for_selector("#pack-completed >> text=Báo cáo rà soát số 7")
    page.wait_for_function("document.getElementById('pack-chart').width > 0")
    screenshot(page, "directives-pack-phone")
    with page.expect_download() as info:
        page.click("#download-xlsx")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as fh:
        assert fh.read(2) == b"PK"
    with page.expect_download() as info:
        page.click("#download-docx")
    assert info.value.suggested_filename.endswith(".docx")
    assert page.csp_violations == []
