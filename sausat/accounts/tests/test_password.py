"""Issue 11: a password change page, and the demo's shared password only on a demo install."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate, get_user_model

from sausat.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PAGE = "/tai-khoan/doi-mat-khau/"
NEW = "Sông Hậu chảy mãi 2026!"


def test_change_password_in_vietnamese_from_the_account_menu(cast, login, settings):
    client = login(cast.secretary)
    home = client.get("/").content.decode()
    assert f'href="{PAGE}"' in home and "Đổi mật khẩu" in home
    page = client.get(PAGE)
    assert page.status_code == 200 and "Mật khẩu hiện tại" in page.content.decode()

    wrong = client.post(PAGE, {"old_password": "sai", "new_password1": NEW, "new_password2": NEW})
    assert wrong.status_code == 200 and "error" in wrong.content.decode()
    done = client.post(
        PAGE, {"old_password": settings.SAUSAT_DEMO_PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert done.status_code == 302
    assert client.get("/").status_code == 200  # still signed in
    assert authenticate(username="vanphong", password=NEW) is not None
    assert authenticate(username="vanphong", password=settings.SAUSAT_DEMO_PASSWORD) is None
    event = AuditEvent.objects.get(verb="account.password_change", actor=cast.secretary)
    assert NEW not in str(event.after) and "password" not in (event.after or {})


def test_guessing_the_old_password_is_throttled_too(cast, login, settings):
    client = login(cast.secretary)
    for _ in range(settings.SAUSAT_LOGIN_FAILURE_LIMIT):
        client.post(PAGE, {"old_password": "sai", "new_password1": NEW, "new_password2": NEW})
    right = {"old_password": settings.SAUSAT_DEMO_PASSWORD, "new_password1": NEW, "new_password2": NEW}
    assert client.post(PAGE, right).status_code == 429
    assert authenticate(username="vanphong", password=NEW) is None


def test_outside_demo_mode_no_account_gets_the_shared_password(units, settings):
    from sausat.people import demo

    settings.SAUSAT_DEMO = False
    lines = demo.seed()
    text = "\n".join(lines)
    assert settings.SAUSAT_DEMO_PASSWORD not in text
    users = get_user_model().objects.filter(username__in=[m.username for m in demo.CAST])
    assert users.count() == len(demo.CAST)
    printed = {}
    for user in users:
        assert not user.check_password(settings.SAUSAT_DEMO_PASSWORD)
        line = next(line for line in lines if line.strip().startswith(user.username + " "))
        printed[user.username] = line.split()[-1]
        assert user.check_password(printed[user.username])  # printed once, and it works
    # Run again: nothing new to print, nobody's password changes.
    again = "\n".join(demo.seed())
    assert "giữ mật khẩu cũ" in again and not any(password in again for password in printed.values())


def test_a_demo_account_left_with_the_shared_password_gets_a_random_one(units, settings):
    from sausat.people import demo

    settings.SAUSAT_DEMO = True
    demo.seed_cast()
    leader = get_user_model().objects.get(username="lanhdao")
    assert leader.check_password(settings.SAUSAT_DEMO_PASSWORD)
    settings.SAUSAT_DEMO = False
    generated: dict[str, str] = {}
    demo.seed_cast(generated)
    leader.refresh_from_db()
    assert not leader.check_password(settings.SAUSAT_DEMO_PASSWORD)
    assert leader.check_password(generated["lanhdao"])


def test_demo_mode_follows_debug_unless_said(monkeypatch):
    import importlib

    import sausat.settings as project_settings

    monkeypatch.setenv("SAUSAT_DEBUG", "0")
    monkeypatch.setenv("SAUSAT_SECRET_KEY", "x" * 50)
    monkeypatch.delenv("SAUSAT_DEMO", raising=False)
    try:
        assert importlib.reload(project_settings).SAUSAT_DEMO is False
        monkeypatch.setenv("SAUSAT_DEMO", "1")
        assert importlib.reload(project_settings).SAUSAT_DEMO is True
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)
