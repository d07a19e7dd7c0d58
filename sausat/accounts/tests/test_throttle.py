"""Issue 11, hole 4: wrong passwords are throttled per account and per address, before any hashing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from sausat.accounts.models import LoginThrottle
from sausat.accounts.throttle import client_address
from sausat.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/dang-nhap/"
WRONG = "khong-dung-mat-khau"


def _post(client, username, password, address="192.0.2.10", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_ten_wrong_then_right_is_429_and_not_logged_in(cast, client, settings):
    for _ in range(10):
        assert _post(client, "vanphong", WRONG).status_code in (200, 429)
    response = _post(client, "vanphong", settings.SAUSAT_DEMO_PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)
    assert int(response["Retry-After"]) > 0
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    lockout = AuditEvent.objects.get(verb="login.lockout", object_repr="account: vanphong")
    assert lockout.after["failures"] == settings.SAUSAT_LOGIN_FAILURE_LIMIT


def test_the_account_lock_holds_from_any_address_and_other_accounts_are_unaffected(cast, client, settings):
    for _ in range(settings.SAUSAT_LOGIN_FAILURE_LIMIT):
        _post(client, "vanphong", WRONG, address="192.0.2.10")
    assert _post(client, "vanphong", settings.SAUSAT_DEMO_PASSWORD, address="198.51.100.7").status_code == 429
    response = _post(client, "lanhdao", settings.SAUSAT_DEMO_PASSWORD, address="198.51.100.8")
    assert response.status_code == 302 and _logged_in(client)


def test_after_the_cool_off_the_right_password_works(cast, client, settings):
    for _ in range(10):
        _post(client, "vanphong", WRONG)
    assert _post(client, "vanphong", settings.SAUSAT_DEMO_PASSWORD).status_code == 429
    # The cool-off passes (the clock is moved by moving the rows back, not by sleeping).
    back = dt.timedelta(seconds=settings.SAUSAT_LOGIN_COOLOFF_SECONDS + 1)
    for row in LoginThrottle.objects.all():
        LoginThrottle.objects.filter(pk=row.pk).update(
            window_start=row.window_start - back, locked_until=row.locked_until - back if row.locked_until else None
        )
    assert timezone.now() > LoginThrottle.objects.get(kind="account", key="vanphong").locked_until
    response = _post(client, "vanphong", settings.SAUSAT_DEMO_PASSWORD)
    assert response.status_code == 302 and _logged_in(client)
    assert not LoginThrottle.objects.filter(kind="account", key="vanphong").exists()


def test_a_throttled_attempt_runs_no_password_hasher(cast, client, settings, fast_hasher):
    CountingHasher = fast_hasher
    CountingHasher.calls = 0
    for _ in range(settings.SAUSAT_LOGIN_FAILURE_LIMIT):
        _post(client, "vanphong", WRONG)
    assert CountingHasher.calls == settings.SAUSAT_LOGIN_FAILURE_LIMIT  # the wrong guesses were checked
    CountingHasher.calls = 0
    for _ in range(20):
        assert _post(client, "vanphong", WRONG).status_code == 429
    assert _post(client, "vanphong", settings.SAUSAT_DEMO_PASSWORD).status_code == 429
    assert CountingHasher.calls == 0


def test_one_address_spraying_many_names_is_locked_out(cast, client, settings):
    for i in range(settings.SAUSAT_LOGIN_ADDRESS_FAILURE_LIMIT):
        _post(client, f"khongco{i}", WRONG, address="203.0.113.5")
    # Even a right password of an account never guessed at is refused from that address...
    assert _post(client, "lanhdao", settings.SAUSAT_DEMO_PASSWORD, address="203.0.113.5").status_code == 429
    assert AuditEvent.objects.filter(verb="login.lockout", object_repr="address: 203.0.113.5").exists()
    # ...and works from another one.
    assert _post(client, "lanhdao", settings.SAUSAT_DEMO_PASSWORD, address="203.0.113.6").status_code == 302


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(settings):
    rf = RequestFactory()
    spoofed = rf.post(LOGIN, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.1")
    settings.SAUSAT_TRUSTED_PROXIES = []
    assert client_address(spoofed) == "192.0.2.10"
    settings.SAUSAT_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(spoofed) == "192.0.2.10"  # not sent by our proxy
    proxied = rf.post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9, 10.0.0.3")
    # The client wrote 198.51.100.1 itself; the nearest hop our proxies saw is 203.0.113.9.
    assert client_address(proxied) == "203.0.113.9"
    garbled = rf.post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_address(garbled) == "10.0.0.2"


def test_the_proxy_header_cannot_escape_a_lock(cast, client, settings):
    for i in range(settings.SAUSAT_LOGIN_ADDRESS_FAILURE_LIMIT):
        _post(client, f"khongco{i}", WRONG, address="192.0.2.44", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert _post(client, "lanhdao", settings.SAUSAT_DEMO_PASSWORD, address="192.0.2.44").status_code == 429


def test_fails_closed_when_the_throttle_store_is_unavailable(cast, client, settings):
    table = LoginThrottle._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    try:
        response = _post(client, "vanphong", settings.SAUSAT_DEMO_PASSWORD)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table}_away RENAME TO {table}")
    assert response.status_code == 429
    assert not _logged_in(client)
