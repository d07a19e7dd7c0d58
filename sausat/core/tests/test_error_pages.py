"""Errors answer in Vietnamese inside the product's layout, and `make run` never shows a debug page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

ROOT = Path(__file__).resolve().parents[3]


def test_missing_page_is_vietnamese_in_the_layout(client, cast, login):
    response = login(cast.citizen).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'class="topbar"' in html and "Về trang chủ" in html
    assert "Page not found" not in html and "Traceback" not in html


def test_out_of_scope_object_is_the_same_vietnamese_404(client, cast, login):
    response = login(cast.citizen).get("/chi-dao/nhiem-vu/999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_forbidden_page_is_vietnamese(cast):
    request = RequestFactory().get("/")
    request.user = cast.citizen
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_server_error_page_renders_without_a_request_context(db):
    """Django renders 500.html with an empty context (no request, user or context processors)."""
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Đã có lỗi xảy ra" in html and 'class="topbar"' in html


def _settings_under(env: dict[str, str]) -> str:
    code = (
        "import sausat.settings as s;"
        "print(s.DEBUG, s.SAUSAT_DEMO, getattr(s, 'SECURE_SSL_REDIRECT', False), getattr(s, 'SESSION_COOKIE_SECURE', False))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAUSAT_") or k == "SAUSAT_VAR_DIR"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=clean | env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_make_run_settings_serve_the_demo_without_debug_over_plain_http():
    """The environment `make run` sets: no DEBUG, demo password on, cookies usable on http://127.0.0.1."""
    makefile = (ROOT / "Makefile").read_text()
    assert "SAUSAT_DEBUG=0 SAUSAT_DEMO=1 SAUSAT_HTTPS=0" in makefile
    out = _settings_under({"SAUSAT_DEBUG": "0", "SAUSAT_DEMO": "1", "SAUSAT_HTTPS": "0", "SAUSAT_SECRET_KEY": "k" * 50})
    assert out == "False True False False"


def test_production_still_forces_https():
    out = _settings_under({"SAUSAT_DEBUG": "0", "SAUSAT_SECRET_KEY": "k" * 50})
    assert out == "False False True True"
