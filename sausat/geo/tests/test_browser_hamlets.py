"""Hamlet import and the person page's position form in a real Chromium on a phone."""

import pytest

from conftest import browser_login, screenshot
from sausat.core.actors import SystemActor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_checks_then_imports_hamlets_on_a_phone(phone_page, cast, tmp_path):
    from sausat.geo.models import AdministrativeUnit, Level

    csv_file = tmp_path / "thon.csv"
    csv_file.write_text(
        "xa,ten,loai\n"
        f"{cast.commune_a.official_code},Đông Thạnh,thôn\n"
        f"{cast.commune_a.official_code},Tây Thạnh,ấp\n"
        f"{cast.commune_b.official_code},,thôn\n",
        encoding="utf-8",
    )
    page = phone_page
    browser_login(page, "vanphong")
    page.goto(page.base_url + f"/dia-ban/{cast.province.code}/")
    page.click("text=Nhập thôn, tổ dân phố")
    page.set_input_files("#id_file", str(csv_file))
    page.click("button[value=check]")
    page.wait_for_selector("#hamlet-rows")
    assert page.locator("#hamlet-rows >> text=Thiếu tên thôn").count() == 1
    screenshot(page, "geo-hamlet-import-dry-run-phone")
    assert AdministrativeUnit.objects.filter(level=Level.HAMLET).count() == 0
    page.check("input[name=valid_only]")
    page.click("button[value=confirm]")
    page.wait_for_selector("text=Đã nhập 2 thôn")
    assert AdministrativeUnit.objects.filter(level=Level.HAMLET, parent=cast.commune_a).count() == 2
    assert page.csp_violations == []


def test_secretary_adds_and_ends_a_position(phone_page, cast):
    from sausat.people import services

    person = services.create_person(actor=SystemActor(reason="test"), full_name="Lý Văn Phúc", home_unit=cast.commune_a)
    page = phone_page
    browser_login(page, "vanphong")
    page.goto(page.base_url + f"/can-bo/{person.pk}/")
    page.fill("#add-position input[name=title]", "Phó Chủ tịch UBND xã")
    page.fill("#add-position input[name=start_date]", "2025-07-01")
    page.click("#add-position button[type=submit]")
    page.wait_for_selector("#positions >> text=Phó Chủ tịch UBND xã")
    page.fill("#positions input[name=end_date]", "2026-01-31")
    page.click("#positions button:has-text('Kết thúc')")
    page.wait_for_selector("#positions >> text=31/01/2026")
    screenshot(page, "people-person-positions-phone")
    assert page.csp_violations == []
