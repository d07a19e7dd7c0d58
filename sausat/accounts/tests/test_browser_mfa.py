"""The administrator's first sign-in in a real Chromium: enrol TOTP from the page, then sign in with a code."""

import base64

import pytest

from conftest import browser_login, screenshot
from sausat.accounts.testing import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_enrols_from_the_page_then_signs_in_with_a_code(phone_page, cast):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page = phone_page
    browser_login(page, "quantri")
    assert "/tai-khoan/xac-thuc-hai-lop/" in page.url
    assert page.locator("#mfa-qr").evaluate("img => img.naturalWidth") > 0  # the QR code really renders
    screenshot(page, "mfa-enrol-phone")
    secret = page.locator("#mfa-secret").inner_text()
    key_hex = base64.b32decode(secret).hex()
    page.fill("#id_token", totp_code(key_hex))
    page.click("#mfa-submit")
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/") == page.base_url
    assert TOTPDevice.objects.get(user=cast.admin).key == key_hex

    page.click(".account button:has-text('Đăng xuất')")
    page.wait_for_load_state("networkidle")
    browser_login(page, "quantri")  # the fixture types the next code from the phone's secret
    assert page.url.rstrip("/") == page.base_url
    assert page.csp_violations == []
