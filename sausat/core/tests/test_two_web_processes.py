"""The web tier is stateless: two app processes on two ports serve one user as one site.

A browser behind a load balancer lands on either process for each request. Here one HTTP session
signs in on process A, reads a page on B, uploads a file on A and downloads it from B, then signs out
on B and is signed out on A too: sessions live in the database, uploads in the one media store.
The second test does the same through nginx (TLS, the `make prod` site file) with both processes in
its upstream block, as two app servers behind one proxy run; it skips without nginx.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connections

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "hai-tien-trinh-2026"
CONTENT = b"%PDF-1.4\n% bien ban hoi nghi\n%%EOF\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = connections["default"].settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start(port: int, tmp_path: Path, *, https: bool = False) -> subprocess.Popen:
    env = {
        **os.environ,
        "SAUSAT_DATABASE_URL": _database_url(),
        "SAUSAT_MEDIA_ROOT": str(tmp_path / "media"),  # the one media store of both processes
        "SAUSAT_VAR_DIR": str(tmp_path / f"var-{port}"),
        "SAUSAT_DEBUG": "1",  # static files from the apps: no collectstatic for a test
        "SAUSAT_SECRET_KEY": "the-same-key-on-every-app-server-" + "x" * 20,
        "SAUSAT_ALLOWED_HOSTS": "127.0.0.1",
        # Behind nginx: secure cookies and X-Forwarded-Proto trusted, as in production.
        "SAUSAT_HTTPS": "1" if https else "0",
        "SAUSAT_SSL_REDIRECT": "0",
        "SAUSAT_HSTS_SECONDS": "0",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "sausat.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        "1",
        "--timeout",
        "120",
        # Which process answered each request (the nginx test checks both took a share).
        "--access-logfile",
        str(tmp_path / f"access-{port}.log"),
    ]
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603


def _wait(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode()[-3000:])
        try:
            # The first request imports the URLconf (Wagtail and all): slow on a busy 2-core box.
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=90).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.5)
    raise AssertionError(f"app server on {port} did not start")


@contextlib.contextmanager
def _two_processes(tmp_path: Path, *, https: bool = False):
    ports = [_free_port(), _free_port()]
    processes = [_start(port, tmp_path, https=https) for port in ports]
    try:
        for port, process in zip(ports, processes, strict=True):
            _wait(port, process)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def two_servers(tmp_path):
    with _two_processes(tmp_path) as ports:
        yield [f"http://127.0.0.1:{port}" for port in ports]


def _nginx_front_module():
    """deploy/nginx_front.py: nginx from the `make prod` templates in a scratch directory."""
    spec = importlib.util.spec_from_file_location(
        "deploy_nginx_front", Path(settings.BASE_DIR) / "deploy" / "nginx_front.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_session_and_uploads_work_across_two_app_processes(cast, two_servers):
    from sausat.meetings.models import MeetingAttachment
    from sausat.opinions.tests.factories import make_meeting

    a, b = two_servers
    meeting = make_meeting(cast)
    # The app processes run the production settings: hash as they do (the tests hash cheaply).
    cast.secretary.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    cast.secretary.save(update_fields=["password"])

    browser = requests.Session()  # one cookie jar: a browser behind one address, two upstreams
    browser.get(f"{a}/dang-nhap/", timeout=30)
    signed_in = browser.post(
        f"{a}/dang-nhap/",
        data={
            "username": cast.secretary.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        timeout=30,
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.text[:500]

    home_on_b = browser.get(f"{b}/", timeout=30, allow_redirects=False)
    assert home_on_b.status_code == 200  # B knows the session A created

    uploaded = browser.post(
        f"{a}/hoi-nghi/{meeting.pk}/dinh-kem/",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        files={"file": ("bien-ban.pdf", CONTENT, "application/pdf")},
        timeout=30,
        allow_redirects=False,
    )
    assert uploaded.status_code == 302, uploaded.text[:3000]
    item = MeetingAttachment.objects.get(meeting=meeting)
    download = browser.get(f"{b}/hoi-nghi/{meeting.pk}/dinh-kem/{item.pk}/", timeout=30)
    assert download.status_code == 200
    assert download.content == CONTENT

    signed_out = browser.post(
        f"{b}/dang-xuat/", data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]}, timeout=30, allow_redirects=False
    )
    assert signed_out.status_code == 302
    browser.cookies.set("sessionid", home_on_b.request.headers["Cookie"].split("sessionid=")[1].split(";")[0])
    after = browser.get(f"{a}/hoi-nghi/{meeting.pk}/dinh-kem/{item.pk}/", timeout=30, allow_redirects=False)
    assert after.status_code == 302 and "/dang-nhap/" in after.headers["Location"]  # the old session is gone


def test_one_nginx_upstream_of_two_app_processes_serves_one_session(cast, tmp_path):
    front_module = _nginx_front_module()
    if front_module.nginx_binary() is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light): deploy/smoke.sh needs it too")
    from sausat.meetings.models import MeetingAttachment
    from sausat.opinions.tests.factories import make_meeting

    meeting = make_meeting(cast)
    # The app processes run the production settings: hash as they do (the tests hash cheaply).
    cast.secretary.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    cast.secretary.save(update_fields=["password"])
    with (
        _two_processes(tmp_path, https=True) as ports,
        front_module.NginxFront(
            [f"127.0.0.1:{port}" for port in ports], https_port=_free_port(), http_port=_free_port()
        ) as front,
    ):
        base = front.base_url
        browser = requests.Session()
        browser.trust_env = False  # else REQUESTS_CA_BUNDLE (CI's environment) overrides verify below
        browser.verify = str(front.prefix / "tls" / "cert.pem")  # the self-signed certificate, checked
        browser.headers["Origin"] = base  # as a browser sends on a POST (Django checks it on https)
        browser.get(f"{base}/dang-nhap/", timeout=30)
        token = browser.cookies["csrftoken"]
        signed_in = browser.post(
            f"{base}/dang-nhap/",
            data={"username": cast.secretary.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            timeout=30,
            allow_redirects=False,
        )
        assert signed_in.status_code == 302, signed_in.text[:500]
        for _ in range(4):  # round-robin: each process answers some of these, with the one session
            assert browser.get(f"{base}/", timeout=30, allow_redirects=False).status_code == 200
        uploaded = browser.post(
            f"{base}/hoi-nghi/{meeting.pk}/dinh-kem/",
            data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
            files={"file": ("bien-ban.pdf", CONTENT, "application/pdf")},
            timeout=30,
            allow_redirects=False,
        )
        assert uploaded.status_code == 302, uploaded.text[:3000]
        item = MeetingAttachment.objects.get(meeting=meeting)
        for _ in range(2):  # consecutive requests: one download from each process
            download = browser.get(f"{base}/hoi-nghi/{meeting.pk}/dinh-kem/{item.pk}/", timeout=30)
            assert download.status_code == 200
            assert download.content == CONTENT
        signed_out = browser.post(
            f"{base}/dang-xuat/",
            data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
            timeout=30,
            allow_redirects=False,
        )
        assert signed_out.status_code == 302
        after = browser.get(f"{base}/hoi-nghi/{meeting.pk}/dinh-kem/{item.pk}/", timeout=30, allow_redirects=False)
        assert after.status_code == 302 and "/dang-nhap/" in after.headers["Location"]
        # nginx marks an upstream that refused or dropped a request in its error log.
        assert "upstream" not in front.log(), front.log()[-2000:]
    served = {}
    for port in ports:
        lines = (tmp_path / f"access-{port}.log").read_text().splitlines()
        served[port] = [line for line in lines if "/healthz" not in line]
    assert all(served.values()), f"nginx sent every request to one process: { {p: len(v) for p, v in served.items()} }"
    assert all(any("/dinh-kem/" in line for line in lines) for lines in served.values())
