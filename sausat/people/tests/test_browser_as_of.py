"""The directory and a unit page read "as of" a date, on a phone."""

import pytest

from conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_directory_as_of_a_date_on_a_phone(phone_page, cast):
    from sausat.people import demo

    demo.seed_seed_people()
    page = phone_page
    page.goto(page.base_url + "/can-bo/")
    page.fill("#as-of-day", "11/04/2017")
    page.fill("#person-search", "phan van mai")
    page.wait_for_selector("#person-rows >> text=Chức vụ tại ngày 11/04/2017", state="attached")
    assert page.locator("#person-rows >> text=Phan Văn Mãi").count() == 1
    assert page.locator("#person-rows >> text=Phó Bí thư Thường trực Tỉnh ủy").count() == 1
    screenshot(page, "people-directory-as-of-phone")
    page.goto(page.base_url + "/dia-ban/L-p83/?ngay=01/07/2025")
    assert page.locator("#as-of-note").count() == 1
    assert page.locator("text=Phan Văn Mãi").count() == 0
    page.goto(page.base_url + "/dia-ban/L-p83/?ngay=32/01/2017")
    assert page.locator("#as-of-error").inner_text().startswith("Ngày xem không hợp lệ")
    screenshot(page, "people-unit-as-of-error-phone")
    assert page.csp_violations == []
