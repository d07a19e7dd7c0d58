"""Two app processes and two job workers against one PostgreSQL database (issue 7, docs/scaling.md).

Starts, on a scratch database created and dropped here (``sausat_mp_<pid>``): two gunicorn
processes (one worker each) and two ``run_worker`` processes (the stock command, with a probe job
kind registered by benchmarks/harness/mp_worker.py, since autodiscovery only imports app modules).
Queues 200 probe jobs, then proves: every job is done, each ran exactly once (one audit row per
job, written without a unique constraint, and no ``once()`` mark found already set), both workers
took jobs, and both app processes serve requests, including with a session created by the other
one (stateless app servers). Everything is bounded in time and every process started here is
stopped in ``finally``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

pytestmark = pytest.mark.postgres_only

DB_URL = os.environ.get("SAUSAT_DATABASE_URL", "")
ROOT = Path(__file__).resolve().parents[3]
JOBS = 200
BUDGET_S = 120  # migrating the scratch database alone takes ~50 s (about 230 migrations); the jobs drain in ~3 s

if not DB_URL.startswith(("postgres://", "postgresql://")):
    pytest.skip(
        "needs PostgreSQL: set SAUSAT_DATABASE_URL=postgres://… (several processes share one database; "
        "SQLite is single-host by design)",
        allow_module_level=True,
    )

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import db as benchdb  # noqa: E402
from benchmarks.harness.server import (  # noqa: E402
    GUNICORN,
    free_port,
    login,
    production_env,
    request,
    stop_process,
    wait_healthy,
)


def _scratch_url() -> str:
    parsed = urlparse(DB_URL)
    return urlunparse(parsed._replace(path=f"/sausat_mp_{os.getpid()}"))


def _wait_files(paths: list[Path], procs: list[subprocess.Popen], deadline: float) -> None:
    while not all(p.exists() for p in paths):
        for proc in procs:
            assert proc.poll() is None, f"a worker exited early with code {proc.returncode}"
        assert time.monotonic() < deadline, "workers did not start in time"
        time.sleep(0.1)


def test_two_apps_two_workers_no_job_runs_twice():
    import psycopg

    deadline = time.monotonic() + BUDGET_S
    url = _scratch_url()
    work = Path(tempfile.mkdtemp(prefix="sausat-mp-"))
    # DEBUG on only to skip collectstatic (templates need the manifest otherwise); it changes
    # neither the job queue nor sessions.
    env = production_env(url, work, debug=True)
    procs: list[subprocess.Popen] = []
    logs = []
    phases = {"start": time.monotonic()}

    def spawn(cmd: list[str], name: str) -> subprocess.Popen:
        log = (work / f"{name}.log").open("wb")
        logs.append(log)
        # Our own command lines (interpreter, gunicorn), no shell.
        proc = subprocess.Popen(  # noqa: S603
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        procs.append(proc)
        return proc

    benchdb.create_database(url)
    try:
        # The app servers boot while the database migrates (/healthz needs no table).
        ports = [free_port(), free_port()]
        apps = [
            spawn(
                [str(GUNICORN), "sausat.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                f"app{i}",
            )
            for i, port in enumerate(ports)
        ]
        benchdb.manage(["migrate", "--noinput", "--verbosity", "0"], env, timeout=BUDGET_S)
        phases["migrate"] = time.monotonic()
        ready = [work / "w1.ready", work / "w2.ready"]
        worker_cmd = [sys.executable, "-m", "benchmarks.harness.mp_worker"]
        workers = [
            spawn(
                [*worker_cmd, "worker", "--worker-id", f"w{i + 1}", "--ready-file", str(ready[i])],
                f"worker{i + 1}",
            )
            for i in range(2)
        ]
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, proc in zip(bases, apps, strict=True):
            wait_healthy(base, proc, timeout=max(1, deadline - time.monotonic()))
        _wait_files(ready, workers, deadline)
        phases["processes up"] = time.monotonic()

        password = "mp-test-password-2026"
        enq = subprocess.run(  # noqa: S603
            [*worker_cmd, "enqueue", "--jobs", str(JOBS), "--username", "mp_user", "--password", password],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=max(1, deadline - time.monotonic()),
            check=False,
        )
        assert enq.returncode == 0, enq.stderr[-3000:]
        job_ids = json.loads(enq.stdout.strip().splitlines()[-1])
        assert len(set(job_ids)) == JOBS
        phases["enqueued"] = time.monotonic()

        # Both app processes serve, and a session made by one is honoured by the other.
        session = login(bases[0], "mp_user", password)
        for base in bases:
            assert request(base, "GET", "/healthz")[0] == 200
            assert request(base, "GET", "/api/v1/units/?limit=5")[0] == 200
            status, _h, body, _r = request(base, "GET", f"/jobs/{job_ids[0]}/", headers=session.headers())
            assert status == 200, body[:300]

        with psycopg.connect(url, autocommit=True) as conn:
            while True:
                open_jobs = conn.execute(
                    "SELECT count(*) FROM core_job WHERE status IN ('queued', 'running')"
                ).fetchone()[0]
                if open_jobs == 0:
                    phases["drained"] = time.monotonic()
                    break
                for proc in procs:
                    assert proc.poll() is None, f"a process exited with code {proc.returncode}"
                assert time.monotonic() < deadline, f"{open_jobs} jobs still open at the time limit"
                time.sleep(0.2)
            by_status = dict(conn.execute("SELECT status, count(*) FROM core_job GROUP BY status").fetchall())
            attempts = conn.execute("SELECT max(attempts), min(attempts) FROM core_job").fetchone()
            runs = conn.execute(
                "SELECT object_id, count(*) FROM core_auditevent WHERE verb = 'mp.ran' GROUP BY object_id"
            ).fetchall()
            duplicates = conn.execute("SELECT count(*) FROM core_auditevent WHERE verb = 'mp.duplicate'").fetchone()[0]
            marks = conn.execute("SELECT count(*) FROM core_effectmark WHERE key LIKE 'bench.mp_probe:%%'").fetchone()[
                0
            ]
            per_worker = dict(conn.execute("SELECT locked_by, count(*) FROM core_job GROUP BY locked_by").fetchall())

        assert by_status == {"done": JOBS}
        assert attempts == (1, 1)
        assert len(runs) == JOBS and all(n == 1 for _id, n in runs)
        assert {int(object_id) for object_id, _n in runs} == set(job_ids)
        assert duplicates == 0
        assert marks == JOBS
        assert set(per_worker) == {"w1", "w2"}, per_worker
        assert sum(per_worker.values()) == JOBS
        # The app processes still answer once the queue has drained, and see the final state.
        for base in bases:
            status, _h, body, _r = request(base, "GET", f"/jobs/{job_ids[-1]}/", headers=session.headers())
            assert status == 200
        print(", ".join(f"{k} +{v - phases['start']:.1f} s" for k, v in phases.items()), per_worker)
    finally:
        for proc in procs:
            stop_process(proc, grace=5)
        for log in logs:
            log.close()
        benchdb.drop_database(url)
