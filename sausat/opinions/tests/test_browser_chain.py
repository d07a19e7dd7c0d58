"""The whole chain in a real Chromium: create a meeting, an invitee submits on a phone, a survey file
is imported, opinions are grouped and assigned, the responder answers, the secretary reads the
summary and downloads the .docx and the .xlsx. Commune B gets 404 on commune A's opinion."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _survey(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Đơn vị", "Nội dung ý kiến", "Nhóm vấn đề"])
    ws.append(["Nguyễn Văn Phiếu", "Xã Một", "Phụ cấp kiêm nhiệm chưa tương xứng với khối lượng việc", ""])
    ws.append(["Trần Thị Giấy", "Xã Hai", "Đề nghị mở lớp bồi dưỡng ngắn ngày cho cán bộ xã", ""])
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def _logout(page):
    page.click("header .account button:has-text('Đăng xuất')")
    page.wait_for_load_state("networkidle")


def test_dialogue_chain(desktop_page, phone_page, cast, tmp_path):
    from sausat.opinions.models import Opinion
    from sausat.opinions.tests.factories import responder_organ

    desk = desktop_page
    errors: list[str] = []
    desk.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)

    # 1. The secretary creates the meeting and opens it for opinions.
    browser_login(desk, "vanphong")
    desk.goto(desk.base_url + "/hoi-nghi/tao-moi/")
    desk.fill("#id_title", "Đối thoại với cán bộ chủ chốt cấp xã")
    desk.fill("#id_starts_at", "2026-12-01T08:00")
    desk.fill("#id_place", "Hội trường thành phố")
    desk.check("#id_allow_anonymous")
    desk.check("input[name=invite_roles][value=commune_cadre]")
    desk.click("form.stack button[type=submit]")
    desk.wait_for_selector("h1:has-text('Đối thoại với cán bộ chủ chốt cấp xã')")
    desk.click("button:has-text('Đang nhận ý kiến')")
    desk.wait_for_selector(".badge:has-text('Đang nhận ý kiến')")
    form_url = desk.locator(".breakall a").get_attribute("href")
    meeting_url = desk.url

    # 2. An invitee submits on a phone; the form states the anonymity promise.
    phone = phone_page
    browser_login(phone, "xa_a")
    phone.goto(form_url)
    assert phone.locator("#anonymity-promise").is_visible()
    phone.fill("#id_text", "Đề nghị tăng phụ cấp cho người kiêm nhiệm ở ấp")
    screenshot(phone, "opinions-submit-phone")
    phone.click("#submit-form button[type=submit]")
    phone.wait_for_selector("h1:has-text('Cảm ơn')")
    assert phone.csp_violations == []
    online = Opinion.objects.get(text__startswith="Đề nghị tăng phụ cấp")

    # 3. The secretary imports a survey file: dry run, then import.
    desk.goto(meeting_url)
    desk.click("a:has-text('Nhập phiếu lấy ý kiến')")
    desk.set_input_files("#id_file", str(_survey(tmp_path / "phieu.xlsx")))
    desk.click("button:has-text('Kiểm tra thử')")
    desk.wait_for_selector("#dry-run")
    desk.click("button:has-text('Nhập tất cả')")
    desk.wait_for_selector(".messages:has-text('Đã nhập 2 ý kiến')")

    # 4. Group everything and assign the group to the responder organ.
    desk.click("a:has-text('Phân nhóm, giao trả lời')")
    desk.fill("#id_new_group", "Chế độ, chính sách")
    desk.click("button:has-text('Tạo nhóm')")
    desk.wait_for_selector(".groups a:has-text('Chế độ, chính sách')")
    desk.check("#check-all")
    # grouping.js (deferred) ticks the rows, also when "select all" was ticked before it ran.
    expect(desk.locator("#grouping-rows input[name=ids]:not(:checked)")).to_have_count(0)
    desk.select_option("#id_target", label="Chế độ, chính sách")
    desk.click("button[value=move]")
    desk.wait_for_selector(".messages:has-text('Đã chuyển 3 ý kiến')")
    desk.click(".group-row details summary")
    desk.select_option(".group-row select[name=organ]", str(responder_organ(cast).pk))
    desk.click(".group-row button:has-text('Giao')")
    desk.wait_for_selector(".messages:has-text('Đã giao')")
    screenshot(desk, "opinions-grouping-desktop")
    _logout(desk)

    # 5. The responder answers the whole group from the queue.
    browser_login(desk, "traloi")
    desk.goto(desk.base_url + "/y-kien/can-tra-loi/")
    desk.click("a:has-text('Trả lời cả nhóm')")
    desk.fill("#id_text", "Tỉnh sẽ rà soát và nâng mức hỗ trợ trong năm tới.")
    desk.select_option("#id_outcome", "answered")
    desk.click("#group-answer-form button[type=submit]")
    desk.wait_for_selector(".messages:has-text('Đã trả lời 3 ý kiến')")
    online.refresh_from_db()
    assert online.outcome == "answered"
    assert online.submitted_by.notifications.count() == 1
    _logout(desk)

    # 6. The secretary sees the summary and downloads the notice (.docx) and the register (.xlsx).
    browser_login(desk, "vanphong")
    desk.goto(meeting_url)
    desk.click("a:has-text('Tổng hợp')")
    desk.wait_for_selector("h1:has-text('Tổng hợp ý kiến')")
    assert desk.locator("text=Đã trả lời").count() >= 1
    screenshot(desk, "opinions-summary-desktop")
    with desk.expect_download() as xlsx:
        desk.click("a:has-text('Tải sổ ý kiến (.xlsx)')")
    assert xlsx.value.suggested_filename.endswith(".xlsx")
    desk.click("a:has-text('Soạn thông báo kết luận')")
    assert "Chế độ, chính sách" in desk.input_value("#id_body")
    with desk.expect_download() as docx:
        desk.click("#notice-form button[type=submit]")
    assert docx.value.suggested_filename.endswith(".docx")
    assert errors == []

    # 7. Commune B's cadre gets 404 on commune A's named opinion.
    _logout(phone)
    browser_login(phone, "xa_b")
    response = phone.goto(f"{phone.base_url}/y-kien/{online.pk}/")
    assert response.status == 404


def test_live_board_shows_new_opinions(desktop_page, cast):
    from sausat.opinions import services
    from sausat.opinions.models import Channel
    from sausat.opinions.tests.factories import make_meeting

    meeting = make_meeting(cast)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Đào tạo, bồi dưỡng")
    page = desktop_page
    browser_login(page, "vanphong")
    page.goto(f"{page.base_url}/hoi-nghi/{meeting.pk}/bang-truc-tiep/")
    page.wait_for_selector("h2:has-text('Đào tạo, bồi dưỡng')")
    opinion = services.register_opinion(
        actor=cast.secretary, text="Ý kiến phát biểu mới tại hội trường", channel=Channel.LIVE,
        unit=meeting.unit, idempotency_key="board-1", meeting=meeting, group=group, author_name="Đại biểu",
    )  # fmt: skip
    # Polled every 2 s: the new opinion lands in its group's column.
    page.wait_for_selector(f"#board-group-{group.pk} #board-item-{opinion.pk}", timeout=10_000)
    assert "Trực tiếp: 1" in page.locator("#board-counts").inner_text().replace("\n", " ")


def test_live_entry_is_keyboard_only(desktop_page, cast):
    from sausat.opinions.models import Opinion
    from sausat.opinions.tests.factories import make_meeting

    meeting = make_meeting(cast)
    page = desktop_page
    browser_login(page, "vanphong")
    page.goto(f"{page.base_url}/y-kien/hoi-nghi/{meeting.pk}/truc-tiep/")
    # The speaker field has the focus; Tab moves on; Enter in the text box records the opinion.
    page.keyboard.type("Nguyễn Văn Nói")
    page.keyboard.press("Tab")
    page.keyboard.type("Xã Long Thạnh")
    page.keyboard.press("Tab")
    page.keyboard.type("Đề nghị sớm ban hành hướng dẫn đánh giá cán bộ")
    page.keyboard.press("Enter")
    page.wait_for_selector("#live-list >> text=Nguyễn Văn Nói")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_speaker'")
    page.keyboard.type("Trần Thị Hai")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Ý kiến thứ hai")
    page.keyboard.press("Enter")
    page.wait_for_selector("#live-list >> text=Trần Thị Hai")
    assert Opinion.objects.filter(meeting=meeting, channel="live").count() == 2
