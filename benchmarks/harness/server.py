"""Start and stop the production server (gunicorn, DEBUG off, WhiteNoise) on 127.0.0.1 for measuring.

Use::

    with ProductionServer(database_url) as server:
        session = server.login("lanhdao")          # real login form, CSRF and all
        loadgen.run(server.url("/can-bo/"), headers=session.headers())

The server runs with a generated secret key, ``SAUSAT_ALLOWED_HOSTS=127.0.0.1``, static files
collected into a temporary ``SAUSAT_STATIC_ROOT`` and served by WhiteNoise, and
``SAUSAT_SSL_REDIRECT=0`` (there is no TLS on loopback). Production settings mark cookies
``Secure``; http.client never looks at that flag because the harness sends the ``Cookie`` header
itself. ``root`` serves another source tree (an older commit unpacked elsewhere, for a before/after
comparison on the same database) with this checkout's virtualenv; ``https://`` base URLs (nginx
in front, deploy/nginx_front.py) work for the login and the load alike.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from benchmarks.harness.db import ROOT, manage
from benchmarks.loadgen import connect

GUNICORN = Path(sys.executable).with_name("gunicorn")
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def production_env(database_url: str, work_dir: Path, *, debug: bool = False, root: Path = ROOT) -> dict[str, str]:
    """Environment of a production-like process against ``database_url``; files under ``work_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAUSAT_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sausat.settings",
            "SAUSAT_DATABASE_URL": database_url,
            "SAUSAT_DEBUG": "1" if debug else "0",
            # The measured data uses the demo cast and its shared password, on purpose.
            "SAUSAT_DEMO": "1",
            "SAUSAT_SECRET_KEY": secrets.token_urlsafe(50),
            "SAUSAT_ALLOWED_HOSTS": HOST,
            "SAUSAT_SSL_REDIRECT": "0",
            "SAUSAT_HSTS_SECONDS": "0",
            "SAUSAT_VAR_DIR": str(work_dir / "var"),
            "SAUSAT_MEDIA_ROOT": str(work_dir / "media"),
            "SAUSAT_STATIC_ROOT": str(work_dir / "static"),
            "SAUSAT_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(root),
        }
    )
    for passthrough in ("SAUSAT_DEMO_PASSWORD", "SAUSAT_SHARED_DIR"):
        if passthrough in os.environ:
            env[passthrough] = os.environ[passthrough]
    return env


@dataclass
class Session:
    """Cookies of a logged-in browser, sent by hand (the server marks them Secure)."""

    username: str
    cookies: dict[str, str] = field(default_factory=dict)
    # scheme://host:port of the site, sent as Origin on a POST as a browser does (Django's CSRF
    # check requires Origin or Referer on https; over http it is checked when present).
    origin: str = ""

    @property
    def csrf_token(self) -> str:
        return self.cookies.get("csrftoken", "")

    def headers(self, *, post: bool = False) -> dict[str, str]:
        hdrs = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if post:
            hdrs["X-CSRFToken"] = self.csrf_token
            if self.origin:
                hdrs["Origin"] = self.origin
        return hdrs


def _store_cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            jar[name] = morsel.value


def request(
    base_url: str, method: str, path: str, *, headers: dict[str, str] | None = None, body: str | None = None
) -> tuple[int, dict[str, str], bytes, http.client.HTTPResponse]:
    conn = connect(urllib.parse.urlsplit(base_url))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, dict(response.headers), data, response
    finally:
        conn.close()


def login(base_url: str, username: str, password: str, *, login_path: str = "/dang-nhap/") -> Session:
    """Log in through the real form: GET it (CSRF cookie + hidden token), then POST the credentials."""
    parsed = urllib.parse.urlsplit(base_url)
    session = Session(username, origin=f"{parsed.scheme}://{parsed.netloc}")
    status, _h, body, response = request(base_url, "GET", login_path)
    if status != 200:
        raise RuntimeError(f"GET {login_path} answered {status}")
    _store_cookies(response, session.cookies)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not match:
        raise RuntimeError("no CSRF token in the login form")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match.group(1).decode(), "username": username, "password": password, "next": "/"}
    )
    status, _headers, _b, response = request(
        base_url,
        "POST",
        login_path,
        headers={**session.headers(), "Origin": session.origin, "Content-Type": "application/x-www-form-urlencoded"},
        body=form,
    )
    _store_cookies(response, session.cookies)
    if status != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login as {username!r} failed (HTTP {status}); did `manage.py seed_demo` run?")
    return session


def _healthy_body(body: bytes) -> bool:
    """/healthz answers ``{"status": "ok"}`` (older builds: a bare ``ok``)."""
    if body.strip() == b"ok":
        return True
    try:
        return json.loads(body).get("status") == "ok"
    except (ValueError, AttributeError):
        return False


def wait_healthy(base_url: str, proc: subprocess.Popen | None = None, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before /healthz answered")
        try:
            status, _h, body, _r = request(base_url, "GET", "/healthz")
            if status == 200 and _healthy_body(body):
                return
            last = f"HTTP {status}"
        except OSError as exc:
            last = str(exc)
        time.sleep(0.2)
    raise RuntimeError(f"/healthz not ready after {timeout:.0f} s ({last})")


def stop_process(proc: subprocess.Popen, *, grace: float = 10) -> None:
    """SIGTERM the process group we started, then SIGKILL it if it lingers."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def collect_static(env: dict[str, str], root: Path = ROOT) -> None:
    """``collectstatic`` into env's SAUSAT_STATIC_ROOT; see collectstatic.py for why not the stock command."""
    try:
        manage(["collectstatic", "--noinput", "--verbosity", "0"], env, root=root)
    except RuntimeError:
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.harness.collectstatic"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"collectstatic failed:\n{proc.stderr[-4000:]}") from None


class ProductionServer:
    """gunicorn (``workers`` sync workers) serving the project against ``database_url``."""

    def __init__(
        self, database_url: str, *, workers: int = 2, port: int | None = None, extra_args=(), root: Path = ROOT
    ):
        self.database_url = database_url
        self.root = Path(root)
        self.workers = workers
        self.port = port or free_port()
        self.extra_args = list(extra_args)
        self.work_dir = Path(tempfile.mkdtemp(prefix="sausat-bench-srv-"))
        self.env = production_env(database_url, self.work_dir, root=self.root)
        self.proc: subprocess.Popen | None = None
        self.log_path = self.work_dir / "gunicorn.log"

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> ProductionServer:
        collect_static(self.env, self.root)
        cmd = [
            str(GUNICORN),
            "sausat.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--chdir",
            str(self.root),
            "--timeout",
            "60",
            "--log-level",
            "warning",
            *self.extra_args,
        ]
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            cmd, cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_healthy(self.base_url, self.proc)
        except Exception:
            self.stop()
            raise RuntimeError(f"gunicorn did not come up; log:\n{self.log_tail()}") from None
        return self

    def log_tail(self, n: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def login(self, username: str, password: str | None = None) -> Session:
        if password is None:
            password = os.environ.get("SAUSAT_DEMO_PASSWORD", "sausat-demo-2026")
        return login(self.base_url, username, password)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None
        shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self) -> ProductionServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
