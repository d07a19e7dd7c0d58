"""kill -9 of a worker in the middle of a task: another worker takes the job over after the lease,
and the task's effect (guarded by ``once``) is not repeated (issue 16: the guarantees of the queue
behind django.tasks). SQLite and PostgreSQL.

Real processes on the test database: worker w1 (the stock ``run_worker`` command with a 2 s lease,
started by benchmarks/harness/mp_worker.py) claims a probe task, commits its effect and its ``once``
mark, then works on; it is killed with SIGKILL. Worker w2 then takes the job over once the lease has
run out and finishes it; the re-run finds the mark and records a duplicate instead of a second effect.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

from sausat.core.actors import SystemActor
from sausat.core.jobs import enqueue
from sausat.core.models import AuditEvent, Job

ROOT = Path(__file__).resolve().parents[3]
BUDGET_S = 120
LEASE_S = 2

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import mp_jobs  # noqa: E402
from benchmarks.harness.server import production_env, stop_process  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)


def _test_database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait(check, proc: subprocess.Popen, deadline: float, what: str) -> None:
    while not check():
        assert proc.poll() is None, f"the worker exited early with code {proc.returncode}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_a_job_whose_worker_is_killed_is_taken_over_and_its_effect_not_repeated():
    deadline = time.monotonic() + BUDGET_S
    work = Path(tempfile.mkdtemp(prefix="sausat-kill-"))
    env = production_env(_test_database_url(), work, debug=True)
    procs: list[subprocess.Popen] = []
    logs = []

    def spawn_worker(name: str) -> subprocess.Popen:
        log = (work / f"{name}.log").open("wb")
        logs.append(log)
        cmd = [sys.executable, "-m", "benchmarks.harness.mp_worker", "worker", "--worker-id", name]
        cmd += ["--ready-file", str(work / f"{name}.ready"), "--lease", str(LEASE_S)]
        # Our own interpreter and module, no shell; a session of its own so the kill reaches it alone.
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
        procs.append(proc)
        return proc

    # One probe task that works on for a minute after committing its effect.
    job = enqueue(mp_jobs.probe, args={"pause_ms": 60_000}, actor=SystemActor(reason="kill test"))
    ran = AuditEvent.objects.filter(verb="mp.ran", object_id=str(job.pk))
    try:
        w1 = spawn_worker("w1")
        _wait(ran.exists, w1, deadline, "w1's effect")
        job.refresh_from_db()
        assert (job.status, job.locked_by, job.attempts) == (Job.Status.RUNNING, "w1", 1)

        os.killpg(w1.pid, signal.SIGKILL)  # kill -9: no heartbeat, no outcome, no clean-up
        w1.wait(timeout=10)
        killed_at = time.monotonic()
        job.refresh_from_db()
        assert (job.status, job.locked_by) == (Job.Status.RUNNING, "w1")

        w2 = spawn_worker("w2")
        _wait(lambda: Job.objects.get(pk=job.pk).status == Job.Status.DONE, w2, deadline, "the takeover")
        took = time.monotonic() - killed_at
        job.refresh_from_db()
        assert (job.locked_by, job.attempts) == ("w2", 2)
        assert ran.count() == 1  # the effect happened once...
        assert (
            AuditEvent.objects.filter(verb="mp.duplicate", object_id=str(job.pk)).count() == 1
        )  # ...the re-run saw the mark
        print(f"taken over and finished {took:.1f} s after kill -9 (lease {LEASE_S} s; includes w2's start)")
    finally:
        for proc in procs:
            if proc.poll() is None:
                stop_process(proc, grace=5)
        for log in logs:
            log.close()
