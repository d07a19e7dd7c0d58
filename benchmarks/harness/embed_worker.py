"""The product's job worker beside the measured server, and the opinion vectors it computes (L1 --embed).

``JobWorkerProcess`` starts ``manage.py run_worker`` (what the ``sausat-worker`` unit runs) with the
server's environment, optionally at a lower CPU priority (``run_worker --nice``) or with fewer embedding threads
(``SAUSAT_EMBED_THREADS``). ``wait_all_vectors`` polls the database until every opinion of a meeting
has its cached sentence vector (``textkit_textvector`` by ``text_hash``); ``embed_job_summary``
reads the embed jobs of the meeting (how many ran, how many texts each embedded, how long each ran).
The two readers run Django in the load generator's process (set up by the L1 script).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.harness.db import ROOT
from benchmarks.harness.server import stop_process


class JobWorkerProcess:
    """``manage.py run_worker`` in its own process group, logging to ``log_path``."""

    def __init__(self, env: dict[str, str], log_path: Path, *, nice: int = 0, embed_threads: int = 0):
        self.env = dict(env)
        if embed_threads:
            self.env["SAUSAT_EMBED_THREADS"] = str(embed_threads)
        self.log_path = log_path
        self.nice = nice
        self.proc: subprocess.Popen | None = None

    def start(self) -> JobWorkerProcess:
        # --nice also lowers the session's autogroup: a plain `nice` would not count against the
        # web server, which is a session of its own (Linux autogroup scheduling).
        cmd = [sys.executable, "manage.py", "run_worker", "--sleep", "1", "--nice", str(self.nice)]
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def cpu_seconds(self) -> float:
        """User + system CPU time of the worker so far (Linux /proc; 0 when unknown)."""
        if self.proc is None:
            return 0.0
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log_tail(self, n: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, grace=30)  # SIGTERM: the job in hand finishes first
            self.proc = None


class LoadSampler:
    """The 1-minute load average every ``every`` seconds while in the ``with`` block (shared box)."""

    def __init__(self, every: float = 5.0):
        self.every = every
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(self.every + 1)

    def summary(self) -> dict:
        s = self.samples or [os.getloadavg()[0]]
        return {"mean": round(sum(s) / len(s), 2), "min": round(min(s), 2), "max": round(max(s), 2)}


def _vector_keys(meeting_id: int) -> list[str]:
    from sausat.opinions.models import Opinion
    from sausat.textkit.vectors import text_hash

    texts = Opinion.objects.filter(meeting_id=meeting_id, merged_into__isnull=True).values_list("text", flat=True)
    return sorted({text_hash(t) for t in texts})


def vectors_ready(keys: list[str]) -> int:
    from sausat.textkit.models import TextVector

    return sum(TextVector.objects.filter(key__in=keys[i : i + 500]).count() for i in range(0, len(keys), 500))


def wait_all_vectors(meeting_id: int, *, timeout: float = 600, every: float = 0.5) -> dict:
    """Poll until every distinct opinion text of the meeting has a vector; the wait and the counts."""
    from django.db import connection

    keys = _vector_keys(meeting_id)
    start = time.monotonic()
    ready_at_start = ready = vectors_ready(keys)
    while ready < len(keys) and time.monotonic() - start < timeout:
        time.sleep(every)
        ready = vectors_ready(keys)
    waited = time.monotonic() - start
    connection.close()
    return {
        "texts": len(keys),
        "ready_when_load_ended": ready_at_start,
        "ready": ready,
        "all_ready": ready == len(keys),
        "wait_after_load_s": round(waited, 1),
    }


def embed_job_summary(meeting_id: int, *, since=None) -> dict:
    """The embed jobs of the meeting (created from ``since`` on): status counts, texts embedded and run time per job."""
    from collections import Counter

    from sausat.core.models_jobs import Job
    from sausat.opinions.vector_jobs import embed_opinions_job

    wanted = Job.objects.filter(kind=embed_opinions_job.module_path, args__meeting_id=meeting_id)
    if since is not None:
        wanted = wanted.filter(created_at__gte=since)
    jobs = list(
        wanted.order_by("run_after", "id").values(
            "status", "result", "attempts", "created_at", "run_after", "started_at", "finished_at"
        )
    )
    run_s = [round((j["finished_at"] - j["started_at"]).total_seconds(), 1) for j in jobs if j["finished_at"]]
    # How long after its due time each job was started (worker poll + the job before it).
    late_s = [round((j["started_at"] - j["run_after"]).total_seconds(), 1) for j in jobs if j["started_at"]]
    return {
        "jobs": len(jobs),
        "status": dict(Counter(j["status"] for j in jobs)),
        "attempts": sum(j["attempts"] for j in jobs),
        "embedded_per_job": [(j["result"] or {}).get("embedded") for j in jobs],
        "opinions_seen_per_job": [(j["result"] or {}).get("opinions") for j in jobs],
        "run_s_per_job": run_s,
        "start_after_due_s": late_s,
    }
