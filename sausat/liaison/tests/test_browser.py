"""On a phone: the cadre logs a visit with a photo (through a dropped connection), files a
situation report with one escalation; the office sees the escalation routed and the dashboard updated."""

import re

import pytest

from conftest import browser_login, screenshot
from sausat.liaison.models import Activity, ActivityPhoto, Escalation
from sausat.liaison.tests.conftest import png_bytes
from sausat.opinions.models import Opinion
from sausat.people.models import Organ

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cadre_logs_visit_and_escalates_office_sees_it(cast, liaison_setup, media, phone_page, desktop_page):
    page = phone_page
    browser_login(page, "theodoi")
    page.goto(page.base_url + "/co-so/")
    assert cast.commune_a.name in page.content()
    assert cast.commune_b.name not in page.content()
    screenshot(page, "liaison-phone-my-communes")

    page.click("text=Ghi hoạt động")
    page.fill("#id_place", "Nhà văn hóa khu vực 3")
    page.fill("#id_met", "Bí thư Đảng ủy phường, Trưởng khu vực")
    page.fill("#id_notes", "Kiểm tra tuyến kênh bị sạt lở; bà con đề nghị sớm gia cố.")
    page.fill("#id_fb0_addressee", "Ban Thường vụ Đảng ủy phường")
    page.fill("#id_fb0_content", "Lập danh sách 12 hộ ven kênh khu vực 3 cần di dời, gửi UBND phường trước ngày 15/12")
    page.set_input_files(
        "#id_photos", files=[{"name": "hien-truong.png", "mimeType": "image/png", "buffer": png_bytes(40, 30)}]
    )
    screenshot(page, "liaison-phone-visit-form")

    # The connection drops as the cadre presses save: the text is kept and resent when it returns.
    # offline.js is deferred and may not have run yet (the text typed before it ran is kept): without
    # it the form would be submitted by the browser, offline. Wait for it to have taken the form.
    page.wait_for_selector("form[data-offline][data-offline-bound]", state="attached")
    page.context.set_offline(True)
    page.click("form[data-offline] button[type=submit]")
    page.wait_for_selector(".offline-status.pending:has-text('Chưa gửi được')")
    draft = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('sausat-draft:'))")
    assert draft
    screenshot(page, "liaison-phone-visit-offline")
    page.context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    page.wait_for_url(re.compile(r"/co-so/hoat-dong/\d+/\?da-luu=1$"), timeout=20000)
    assert "Đã ghi hoạt động." in page.inner_text(".messages")  # the save is confirmed after the resend
    assert Activity.objects.count() == 1
    assert ActivityPhoto.objects.count() == 1
    assert page.evaluate("() => document.querySelector('img.thumb').naturalWidth") == 40
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('sausat-draft:')).length") == 0
    screenshot(page, "liaison-phone-visit-saved")
    activity_url = page.url

    organ = Organ.objects.get(unit=cast.province, short_name="Sở Nội vụ")
    page.goto(page.base_url + f"/co-so/dia-ban/{cast.commune_a.pk}/bao-cao/moi/")
    page.fill("#id_party_organisation", "Các chi bộ khu vực sinh hoạt đều.")
    page.fill("#id_public_sentiment", "Người dân ven kênh lo lắng vì sạt lở.")
    page.fill(
        "#id_issue0_text", "Sạt lở 300 m bờ kênh khu vực 3, 12 hộ cần di dời khẩn cấp; đề nghị hỗ trợ kinh phí kè."
    )
    page.check("#id_issue0_escalate")
    page.select_option("#id_issue0_organ", str(organ.pk))
    screenshot(page, "liaison-phone-report-form")
    page.click("form[data-offline] button[type=submit]")
    page.wait_for_url(re.compile(r"/co-so/bao-cao/\d+/\?da-luu=1$"))
    assert "Đã kiến nghị đến" in page.content()
    assert "Đã gửi báo cáo tình hình." in page.inner_text(".messages")
    screenshot(page, "liaison-phone-report-saved")
    escalation = Escalation.objects.get()
    assert Opinion.objects.get().responder_organ == organ
    assert escalation.opinion.deadline == escalation.deadline
    assert page.csp_violations == []

    # The office sees the escalation routed and the dashboard counting the visit.
    office = desktop_page
    browser_login(office, "vanphong")
    office.goto(office.base_url + "/co-so/bao-quat/")
    table = office.inner_text("#escalations")
    assert "Sạt lở 300 m" in table and organ.name in table
    assert office.inner_text("#kpi-visits") == "1"
    assert office.inner_text("#kpi-open") == "1"
    assert office.evaluate("() => !!document.querySelector('#coverage-chart').getAttribute('width')")
    screenshot(office, "liaison-desktop-dashboard")

    # The office on a phone: the dashboard stays readable.
    page.context.clear_cookies()
    browser_login(page, "vanphong")
    page.goto(page.base_url + "/co-so/bao-quat/")
    assert "Sạt lở 300 m" in page.inner_text("#escalations")
    screenshot(page, "liaison-phone-dashboard")

    # Commune B's cadre cannot open commune A's visit.
    page.context.clear_cookies()
    browser_login(page, "xa_b")
    response = page.goto(activity_url)
    assert response.status == 404
