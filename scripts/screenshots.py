"""``make screenshots``: each demo role's home page on a phone, saved to docs/screenshots/<role>.png.

Builds a fresh demo in a throwaway directory (SQLite: migrate, load_units, seed_demo, as ``make run``
does, DEBUG off), serves it on a free local port, signs in as each demo account through the real
login form (typing the second factor when the account has one) and takes a full-page screenshot of
its home page at a phone's size (390 × 844, Vietnamese locale, Asia/Ho_Chi_Minh). The README's demo
accounts section links the files; rerun after a change to the home page or the demo.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only leader,citizen]

Needs Debian's Chromium at /usr/bin/chromium (Playwright drives it; no browser is downloaded).
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
# file name -> demo account (the README's demo accounts table)
ROLES = {
    "leader": "lanhdao",
    "secretary": "vanphong",
    "responder": "traloi",
    "liaison": "theodoi",
    "commune-cadre": "xa_a",
    "citizen": "congdan",
    "cadre-board": "tochuc",
    "portal-editor": "bientap",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(work: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sausat.settings",
            "SAUSAT_VAR_DIR": str(work / "var"),
            "SAUSAT_STATIC_ROOT": str(work / "static"),
            "SAUSAT_DEBUG": "0",
            "SAUSAT_DEMO": "1",
            "SAUSAT_HTTPS": "0",
            "SAUSAT_SECRET_KEY": secrets.token_urlsafe(50),
            "SAUSAT_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SAUSAT_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "SAUSAT_LOG_LEVEL": "ERROR",
        }
    )
    env.pop("SAUSAT_DATABASE_URL", None)  # always a throwaway SQLite demo, never someone's database
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    cmd = [sys.executable, "manage.py", *args]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - fixed commands


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the demo server did not answer at {url}")


def _totp(username: str, env: dict[str, str]) -> str | None:
    """The next code of the account's second factor, read from the demo database (None: no device)."""
    code = (
        "import django, time; django.setup()\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from sausat.accounts.testing import totp_code\n"
        f"d = TOTPDevice.objects.filter(user__username={username!r}, confirmed=True).first()\n"
        "print(totp_code(d.key, at=time.time() + d.step) if d else '')\n"
    )
    cmd = [sys.executable, "-c", code]
    out = subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    return out.stdout.strip() or None


def _login(page, base: str, username: str, password: str, env: dict[str, str]) -> None:
    page.goto(base + "/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/xac-thuc-hai-lop/nhap-ma/" in page.url:
        page.fill("#id_token", _totp(username, env) or "")
        page.click("#mfa-submit")
        page.wait_for_load_state("networkidle")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="Comma-separated file names (leader, citizen, ...).")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    wanted = {k: v for k, v in ROLES.items() if not args.only or k in args.only.split(",")}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    work = Path(tempfile.mkdtemp(prefix="sausat-screenshots-"))
    port = _free_port()
    env = _env(work, port)
    print(f"building the demo in {work} …", flush=True)
    _manage(env, "compilepo")
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_units")
    _manage(env, "seed_demo")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    server = subprocess.Popen(  # noqa: S603 - our own manage.py runserver
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/dang-nhap/")
        from playwright.sync_api import sync_playwright

        password = os.environ.get("SAUSAT_DEMO_PASSWORD", "sausat-demo-2026")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            for name, username in wanted.items():
                context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
                page = context.new_page()
                _login(page, base, username, password, env)
                page.goto(base + "/")
                page.wait_for_selector("#inbox")
                path = out / f"{name}.png"
                page.screenshot(path=str(path), full_page=True)
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({username})", flush=True)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
