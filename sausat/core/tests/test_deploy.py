"""deploy/: the server files match their templates, the environment file documents every SAUSAT_*
variable the code reads, nginx's limits and public-form rule match the application, and the
scheduler runs each job at its slot exactly once. (`deploy/smoke.sh` runs the whole stack.)"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

from django.conf import settings

from sausat.core.logformat import PUBLIC_FORM_MARKER

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def _module(name: str):
    sys.path.insert(0, str(DEPLOY))
    try:
        spec = importlib.util.spec_from_file_location(f"deploy_{name}", DEPLOY / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(DEPLOY))


render = _module("render")
scheduler = _module("scheduler")


def test_server_files_are_rendered_from_the_current_templates():
    expected = render.render("server", {})
    on_disk = {p.name: p.read_text() for p in (DEPLOY / "server").iterdir()}
    assert set(on_disk) == set(expected), "run: python deploy/render.py --profile server"
    for name, text in expected.items():
        assert on_disk[name] == text, f"deploy/server/{name} is stale: python deploy/render.py --profile server"


def test_every_environment_variable_the_code_reads_is_documented():
    read = set()
    pattern = re.compile(r"""(?:environ\.get|environ\[|getenv|env_bool|env_list)\(?\s*["'](SAUSAT_[A-Z0-9_]+)""")
    for path in Path(settings.BASE_DIR, "sausat").rglob("*.py"):
        if "tests" not in path.parts:
            read |= set(pattern.findall(path.read_text()))
    assert "SAUSAT_DATABASE_URL" in read and "SAUSAT_METRICS_TOKEN" in read
    documented = (DEPLOY / "templates" / "sausat.env.in").read_text()
    missing = sorted(v for v in read if not re.search(rf"^#?{v}=|\b{v}\b", documented, re.M))
    assert not missing, f"add to deploy/templates/sausat.env.in: {missing}"


def test_nginx_body_limit_is_above_the_application_limits():
    site = (DEPLOY / "server" / "nginx-sausat.conf").read_text()
    limit_mb = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    largest = max(
        settings.SAUSAT_MAX_UPLOAD_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.SAUSAT_MAX_IMPORT_BYTES
    )
    # Room for the multipart envelope and the other fields: the application answers the precise error.
    assert limit_mb * 1024 * 1024 >= largest + 1024 * 1024


def test_nginx_public_form_rule_matches_the_application():
    site = (DEPLOY / "server" / "nginx-sausat.conf").read_text()
    assert f"~{PUBLIC_FORM_MARKER} 1;" in site
    assert f"location {PUBLIC_FORM_MARKER} {{" in site
    block = site.split(f"location {PUBLIC_FORM_MARKER} {{", 1)[1].split("}", 1)[0]
    assert 'proxy_set_header X-Request-ID "";' in block and 'proxy_set_header X-Forwarded-For "";' in block


def test_the_scheduler_runs_a_daily_job_once_per_slot_and_not_at_first_start():
    reminders = next(j for j in scheduler.JOBS if j.name == "reminders")
    tz = scheduler.TZ
    before = dt.datetime(2026, 5, 14, 7, 0, tzinfo=tz)
    after = dt.datetime(2026, 5, 14, 8, 1, tzinfo=tz)
    assert not scheduler.due(reminders, None, after)  # first start waits for the next slot
    assert not scheduler.due(reminders, before, before + dt.timedelta(minutes=30))
    assert scheduler.due(reminders, before, after)
    assert not scheduler.due(reminders, after, after + dt.timedelta(hours=5))
    # Down over a slot: caught up once the loop is back (Persistent=true for the timers).
    assert scheduler.due(reminders, after, after + dt.timedelta(days=1, hours=3))
    flush = next(j for j in scheduler.JOBS if j.every_minutes)
    assert scheduler.due(flush, None, after)
    assert not scheduler.due(flush, after, after + dt.timedelta(minutes=14))
    assert scheduler.due(flush, after, after + dt.timedelta(minutes=15))
    assert {j.command[0] for j in scheduler.JOBS} >= {"directives_reminders", "directives_check", "backup"}
