"""The UI shell in a real Chromium on a phone-sized screen."""

import pytest

from conftest import browser_login, screenshot
from sausat.core.actors import SystemActor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_logs_in_and_finds_a_person_without_diacritics(phone_page, cast):
    from sausat.people import services

    services.create_person(actor=SystemActor(reason="test"), full_name="Nguyễn Văn A", home_unit=cast.commune_a)
    page = phone_page
    browser_login(page, "lanhdao")
    assert page.url.rstrip("/") == page.base_url
    page.goto(page.base_url + "/can-bo/")
    page.fill("#person-search", "nguyen van a")
    page.wait_for_selector("#person-rows >> text=Đặng Văn Hùng", state="detached")
    assert page.locator("#person-rows >> text=Nguyễn Văn A").count() >= 1
    screenshot(page, "shell-people-search-phone")
    page.click("#person-rows >> text=Nguyễn Văn A")
    page.wait_for_selector("h1:has-text('Nguyễn Văn A')")
    assert page.csp_violations == []


def test_unit_picker_lists_communes_of_a_province(phone_page, cast):
    page = phone_page
    page.goto(page.base_url + "/dia-ban/")
    page.select_option("#province-picker", "p92")
    page.wait_for_selector("#commune-select")
    assert page.locator("#commune-select option").count() > 50
    page.fill("input[name=q]", "dong thap")
    page.wait_for_selector("#unit-result-list >> text=Tỉnh Đồng Tháp")
    screenshot(page, "shell-unit-picker-phone")
    assert page.csp_violations == []
