"""A production-mode Sâu sát the probes can attack: scratch database and files, demo data, gunicorn.

The database is SQLite in a scratch folder, or, when ``SAUSAT_DATABASE_URL`` names PostgreSQL, a
scratch database next to it (its name + ``_probe``), created afresh and dropped afterwards: the
probes never touch a database someone works in.  The probe process itself is configured against
the same database (``use_django``) so it can mint API keys, read expectations and play the
database superuser of the anonymity attack.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from benchmarks.harness import db as harness_db
from benchmarks.harness.server import ProductionServer, login, request

DEMO_PASSWORD = "sausat-demo-2026"


def scratch_database_url(work_dir: Path) -> str:
    url = os.environ.get("SAUSAT_DATABASE_URL", "")
    if url.startswith("postgres"):
        parsed = urlparse(url)
        name = parsed.path.lstrip("/") + "_probe"
        return urlunparse(parsed._replace(path="/" + name))
    return f"sqlite:///{work_dir / 'var' / 'probe.sqlite3'}"


def seed_cache_dir(env: dict[str, str]) -> Path | None:
    """Where a migrated, seeded SQLite scratch database is kept between runs (None: do not cache).

    Migrating and seeding take minutes on a loaded two-core machine and give the same database
    for the same code, seeds and day, so the key hashes the application's code (tests aside), the
    shared seeds' names, sizes and times, the demo environment and today's date.
    ``SAUSAT_PROBE_FRESH=1`` always seeds afresh.
    """
    if os.environ.get("SAUSAT_PROBE_FRESH") == "1":
        return None
    digest = hashlib.sha256()
    root = harness_db.ROOT
    for path in sorted((root / "sausat").rglob("*")):
        if path.is_file() and "tests" not in path.parts and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    shared = Path(env.get("SAUSAT_SHARED_DIR", root.parent / "shared"))
    if shared.exists():
        for path in sorted(shared.rglob("*")):
            if path.is_file():
                st = path.stat()
                digest.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    for key in ("SAUSAT_DEMO", "SAUSAT_DEMO_PASSWORD"):
        digest.update(f"{key}={env.get(key, '')}".encode())
    digest.update(dt.date.today().isoformat().encode())  # the demo dates its data from today
    return root / "var" / "probe-cache" / digest.hexdigest()[:24]


class Target(ProductionServer):
    """gunicorn over a freshly seeded scratch database; ``with Target() as t: t.login("xa_a")``."""

    def __init__(self, *, workers: int = 2, extra_env: dict[str, str] | None = None, extra_args=()):
        super().__init__("sqlite://", workers=workers, extra_args=extra_args)
        self.database_url = scratch_database_url(self.work_dir)
        self.env["SAUSAT_DATABASE_URL"] = self.database_url
        # seed_demo gives the shared demo password only in demo mode; production mode otherwise.
        self.env["SAUSAT_DEMO"] = "1"
        self.env["SAUSAT_DEMO_PASSWORD"] = DEMO_PASSWORD
        self.env["SAUSAT_MEDIA_ROOT"] = str(self.work_dir / "media")
        self.env.update(extra_env or {})
        (self.work_dir / "var").mkdir(parents=True, exist_ok=True)
        self.is_postgres = self.database_url.startswith("postgres")
        self.timings: dict[str, float] = {}

    def prepare(self) -> None:
        if self.is_postgres:
            harness_db.create_database(self.database_url)
        cached = None if self.is_postgres else seed_cache_dir(self.env)
        if cached is not None and (cached / "probe.sqlite3").exists():
            started = time.monotonic()
            shutil.copyfile(cached / "probe.sqlite3", self.work_dir / "var" / "probe.sqlite3")
            if (cached / "media").exists():
                shutil.copytree(cached / "media", self.work_dir / "media", dirs_exist_ok=True)
            self.timings["seeded copy"] = time.monotonic() - started
            return
        for step in (["migrate", "--noinput"], ["load_units"], ["seed_demo"]):
            started = time.monotonic()
            harness_db.manage(step, self.env)
            self.timings[step[0]] = time.monotonic() - started
        if cached is not None:
            # Fill the cache atomically: a half-copied database must never be picked up.
            partial = cached.with_name(cached.name + f".{os.getpid()}.tmp")
            partial.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.work_dir / "var" / "probe.sqlite3", partial / "probe.sqlite3")
            if (self.work_dir / "media").exists():
                shutil.copytree(self.work_dir / "media", partial / "media", dirs_exist_ok=True)
            try:
                partial.rename(cached)
            except OSError:
                shutil.rmtree(partial, ignore_errors=True)
            # One seeded copy (~tens of MB) per code state: keep the newest three.
            older = sorted(cached.parent.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)[3:]
            for stale in older:
                shutil.rmtree(stale, ignore_errors=True)

    def start(self) -> Target:
        self.prepare()
        started = time.monotonic()
        self._launch()
        self.timings["gunicorn"] = time.monotonic() - started
        return self

    def _launch(self) -> None:
        import subprocess

        from benchmarks.harness.server import GUNICORN, HOST, collect_static

        collect_static(self.env)
        cmd = [
            str(GUNICORN),
            "sausat.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
        ]
        cmd += ["--chdir", str(harness_db.ROOT), "--timeout", "60", "--log-level", "warning", *self.extra_args]
        self.proc = subprocess.Popen(
            cmd,
            cwd=harness_db.ROOT,
            env=self.env,
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                if request(self.base_url, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz in 90 s:\n{self.log_tail()}")

    def stop(self) -> None:
        super().stop()
        if self.is_postgres:
            harness_db.drop_database(self.database_url)

    def restart(self) -> None:
        """Stop gunicorn only (keeping the scratch data) and start it again."""
        from benchmarks.harness.server import stop_process

        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None
        self._launch()

    def login(self, username: str, password: str | None = None):
        session = login(self.base_url, username, password or DEMO_PASSWORD)
        # Roles that must use a second factor: answer the TOTP step as the phone would.
        status, headers, _body, _r = request(self.base_url, "GET", "/", headers=session.headers())
        if status == 302 and "xac-thuc-hai-lop" in headers.get("Location", ""):
            # Enrol a device as the user would, then sign in afresh so the session asks for the code.
            ensure_device(username)
            session = login(self.base_url, username, password or DEMO_PASSWORD)
            pass_totp(self.base_url, session, headers["Location"])
        return session

    def use_django(self) -> None:
        """Configure this process against the target's database (same settings as the server)."""
        for key, value in self.env.items():
            if key.startswith("SAUSAT_") or key == "DJANGO_SETTINGS_MODULE":
                os.environ[key] = value
        root = str(harness_db.ROOT)
        if root not in sys.path:
            sys.path.insert(0, root)
        import django

        django.setup()


def ensure_device(username: str):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="probe", confirmed=True)


def pass_totp(base_url: str, session, location: str) -> None:
    """Give the account a confirmed TOTP device (as enrolment would) and enter the current code."""
    import re
    import urllib.parse

    from benchmarks.harness.server import _store_cookies
    from sausat.accounts.testing import totp_code

    device = ensure_device(session.username)
    path = "/tai-khoan/xac-thuc-hai-lop/nhap-ma/"
    status, _h, body, response = request(base_url, "GET", path, headers=session.headers())
    _store_cookies(response, session.cookies)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    # A code is good once per 30 s window (replay protection): wait for a fresh window if needed.
    for _attempt in range(3):
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": match.group(1).decode() if match else "", "token": totp_code(device.key)}
        )
        status, _headers, _b, response = request(
            base_url,
            "POST",
            path,
            headers={**session.headers(), "Content-Type": "application/x-www-form-urlencoded", "Referer": base_url},
            body=form,
        )
        _store_cookies(response, session.cookies)
        if status == 302:
            return
        time.sleep(31 - time.time() % 30)
    raise RuntimeError(f"second factor for {session.username} not accepted (HTTP {status})")
