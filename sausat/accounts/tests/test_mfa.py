"""Issue 11: TOTP for staff. Required for the admin role (and superusers), optional for others."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sausat.accounts import mfa
from sausat.accounts.testing import totp_code
from sausat.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SETUP = "/tai-khoan/xac-thuc-hai-lop/"
VERIFY = "/tai-khoan/xac-thuc-hai-lop/nhap-ma/"


def _password_login(client, username, settings):
    response = client.post("/dang-nhap/", {"username": username, "password": settings.SAUSAT_DEMO_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def _enrol(client, username) -> TOTPDevice:
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html and 'id="mfa-secret"' in html
    key = client.session[mfa.CANDIDATE_KEY]
    wrong = "000000" if totp_code(key) != "000000" else "111111"
    assert client.post(SETUP, {"action": "enrol", "token": wrong}).status_code == 400
    response = client.post(SETUP, {"action": "enrol", "token": totp_code(key), "next": "/lich-nghi/"})
    assert response.status_code == 302 and response["Location"] == "/lich-nghi/"
    return TOTPDevice.objects.get(user__username=username, confirmed=True)


def test_admin_must_enrol_before_anything_else(cast, client, settings):
    _password_login(client, "quantri", settings)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith(SETUP)
    assert client.get("/lich-nghi/")["Location"].startswith(SETUP + "?next=%2Flich-nghi%2F")
    assert client.get("/tai-khoan/khoa-api/")["Location"].startswith(SETUP)
    # Half a login is no login for the API either.
    assert client.get("/api/v1/me").status_code == 401

    device = _enrol(client, "quantri")
    assert device.user == cast.admin
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200
    event = AuditEvent.objects.get(verb="account.mfa_enrol", actor=cast.admin)
    assert device.key not in str(event.after) and device.key not in event.object_repr


def test_after_enrolment_every_login_asks_for_a_real_code(cast, client, settings):
    _password_login(client, "quantri", settings)
    device = _enrol(client, "quantri")
    client.post("/dang-xuat/")

    _password_login(client, "quantri", settings)
    assert client.get("/lich-nghi/")["Location"].startswith(VERIFY)
    wrong = client.post(VERIFY, {"token": "12345"})
    assert wrong.status_code == 400 and "Mã xác thực không đúng" in wrong.content.decode()
    assert client.get("/").status_code == 302
    # The code an authenticator shows in the next 30-second step (the current one was used to enrol).
    code = totp_code(device.key, at=time.time() + device.step)
    # Right after a wrong code django-otp makes the user wait (1 s, then 2 s, 4 s…).
    waited = client.post(VERIFY, {"token": code})
    assert waited.status_code == 429 and "đợi vài giây" in waited.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(seconds=60)
    )
    response = client.post(VERIFY, {"token": code, "next": "/lich-nghi/"})
    assert response.status_code == 302 and response["Location"] == "/lich-nghi/"
    assert client.get("/").status_code == 200
    # A code is good once.
    client.post("/dang-xuat/")
    _password_login(client, "quantri", settings)
    assert client.post(VERIFY, {"token": code}).status_code == 400


def test_the_admin_cannot_switch_it_off(cast, client, settings):
    _password_login(client, "quantri", settings)
    _enrol(client, "quantri")
    page = client.post(SETUP, {"action": "remove"})
    assert page.status_code == 400 and "không thể tắt" in page.content.decode()
    assert TOTPDevice.objects.filter(user=cast.admin).exists()


def test_optional_for_others_who_may_turn_it_on_and_off(cast, client, settings):
    _password_login(client, "vanphong", settings)
    assert client.get("/").status_code == 200  # nobody forces a secretary to enrol
    page = client.get(SETUP)
    assert page.status_code == 200 and "Đổi mật khẩu" in page.content.decode()
    device = _enrol(client, "vanphong")
    client.post("/dang-xuat/")
    _password_login(client, "vanphong", settings)
    assert client.get("/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"token": totp_code(device.key, at=time.time() + device.step)})
    assert client.post(SETUP, {"action": "remove"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.secretary).exists()
    assert AuditEvent.objects.filter(verb="account.mfa_remove", actor=cast.secretary).exists()


def test_required_roles_are_a_setting(cast, client, settings):
    settings.SAUSAT_MFA_REQUIRED_ROLES = ["admin", "leader"]
    _password_login(client, "lanhdao", settings)
    assert client.get("/")["Location"].startswith(SETUP)


def test_the_bearer_token_of_a_half_signed_in_session_is_still_checked(cast, client, settings):
    from sausat.core.tokens import issue_token

    _token, key = issue_token(actor=cast.admin, user=cast.admin, name="máy chủ")
    _password_login(client, "quantri", settings)
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer sai"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 200
