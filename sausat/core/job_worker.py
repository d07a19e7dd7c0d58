"""The worker side of the job queue: claim a ready ``Job`` row, run its task, record the outcome.

``manage.py run_worker`` calls :func:`run_worker`. A claim holds the row for a lease
(:data:`DEFAULT_LEASE`) that heartbeats renew while the task runs; a killed worker's job is claimed
again once its lease expires (at-least-once delivery: see :mod:`sausat.core.jobs` for defining and
queueing tasks and for :func:`sausat.core.jobs.once`).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
import os
import socket
import threading
import time
import traceback
from typing import Any

from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.tasks import Task, TaskContext
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from django.utils.json import normalize_json

from sausat.core import tasks_backend
from sausat.core.models_jobs import Job

log = logging.getLogger(__name__)

DEFAULT_LEASE = dt.timedelta(seconds=30)
_CURRENT: contextvars.ContextVar[Job | None] = contextvars.ContextVar("sausat_current_job", default=None)


# --- claiming ---------------------------------------------------------------------------------


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def claim_next(worker_id: str, *, lease: dt.timedelta = DEFAULT_LEASE, kinds: list[str] | None = None) -> Job | None:
    """Atomically take the next ready job for ``worker_id``; ``None`` when nothing is ready.

    PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED`` then update. SQLite: the settings open every
    transaction with ``BEGIN IMMEDIATE`` (one writer at a time) and the update is conditional on
    the row being unchanged, so two workers never hold the same job. A running job whose lease
    expired is taken again (at-least-once); when it has no attempts left it is marked failed.
    """
    for _ in range(20):
        now = timezone.now()
        with transaction.atomic():
            row = None
            # First a crashed worker's job whose lease ran out, then the oldest ready queued job;
            # two queries so each walks its own index (an OR would scan the table).
            for ready in (
                Job.objects.filter(status=Job.Status.RUNNING, locked_until__lt=now).order_by("locked_until", "id"),
                Job.objects.filter(status=Job.Status.QUEUED, run_after__lte=now).order_by("run_after", "id"),
            ):
                qs = ready if kinds is None else ready.filter(kind__in=kinds)
                if connection.features.has_select_for_update_skip_locked:
                    qs = qs.select_for_update(skip_locked=True)
                row = qs.values("id", "status", "attempts", "max_attempts", "locked_until").first()
                if row is not None:
                    break
            if row is None:
                return None
            same = Job.objects.filter(pk=row["id"], status=row["status"], locked_until=row["locked_until"])
            if row["status"] == Job.Status.RUNNING and row["attempts"] >= row["max_attempts"]:
                same.update(
                    status=Job.Status.FAILED,
                    finished_at=now,
                    locked_by="",
                    locked_until=None,
                    error="Hết số lần thử: tiến trình xử lý đã dừng giữa chừng.",
                )
                continue
            claimed = same.update(
                status=Job.Status.RUNNING,
                locked_by=worker_id[:100],
                locked_until=now + lease,
                attempts=F("attempts") + 1,
                started_at=now,
            )
            if claimed:
                return Job.objects.get(pk=row["id"])
    return None


# --- running ----------------------------------------------------------------------------------


def current_job() -> Job | None:
    """The job this worker thread is running (None outside a task)."""
    return _CURRENT.get()


def complete_job(job: Job, result: Any = None) -> bool:
    """Mark ``job`` done; False when this worker no longer holds it (its lease was taken over)."""
    now = timezone.now()
    n = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, locked_by=job.locked_by).update(
        status=Job.Status.DONE,
        result=result,
        progress=100,
        finished_at=now,
        locked_until=None,
        error="",
    )
    if n:
        job.status, job.result, job.progress, job.finished_at = Job.Status.DONE, result, 100, now
    return bool(n)


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(3600, 10 * 2 ** max(0, attempts - 1)))


def fail_job(job: Job, error: str) -> bool:
    """Record a failure: queued again with back-off while attempts remain, else ``failed``."""
    now = timezone.now()
    qs = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, locked_by=job.locked_by)
    if job.attempts < job.max_attempts:
        n = qs.update(
            status=Job.Status.QUEUED,
            error=error,
            locked_by="",
            locked_until=None,
            run_after=now + _backoff(job.attempts),
        )
        job.status = Job.Status.QUEUED
    else:
        n = qs.update(status=Job.Status.FAILED, error=error, finished_at=now, locked_until=None)
        job.status = Job.Status.FAILED
    job.error = error
    return bool(n)


class _Heartbeat:
    """Renews a running job's lease every third of the lease from a thread of its own (with its own
    database connection), so the lease holds however long the handler works between progress
    reports, and stops holding within one lease of the worker dying."""

    def __init__(self, job: Job, lease: dt.timedelta):
        self.job_id, self.worker_id, self.lease = job.pk, job.locked_by, lease
        self.stopped = threading.Event()
        self.beats = 0
        self.thread = threading.Thread(target=self._run, name=f"job-heartbeat-{job.pk}", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join(timeout=10)

    def _run(self) -> None:
        interval = max(0.05, self.lease.total_seconds() / 3)
        try:
            while not self.stopped.wait(interval):
                try:
                    held = Job.objects.filter(
                        pk=self.job_id, status=Job.Status.RUNNING, locked_by=self.worker_id
                    ).update(locked_until=timezone.now() + self.lease)
                except Exception:  # a busy SQLite or a dropped connection: try again next beat
                    log.warning("heartbeat for job %s failed", self.job_id, exc_info=True)
                    connection.close()
                    continue
                if not held:  # finished, or taken over after all: nothing left to hold
                    return
                self.beats += 1
        finally:
            connection.close()


def _call(job: Job, task: Task) -> Any:
    args, kwargs = tasks_backend.unpack_args(job.args)
    if task.takes_context:
        return task.call(TaskContext(task_result=tasks_backend.result_for(job, task)), *args, **kwargs)
    return task.call(*args, **kwargs)


def run_job(job: Job, *, lease: dt.timedelta = DEFAULT_LEASE) -> bool:
    """Run a claimed job's task and record the outcome. True when it succeeded."""
    try:
        task = tasks_backend.task_for(job.kind)
    except Exception as exc:  # gone from the code (ImportError), or no longer a valid task
        fail_job(job, f"Không có tác vụ nào tên {job.kind!r}: {exc}")
        return False
    task_started.send(tasks_backend.DatabaseBackend, task_result=tasks_backend.result_for(job, task))
    # Inside a transaction (tests drive workers that way) another connection could not see the
    # claimed row, and on SQLite would only wait for the lock: no heartbeat there.
    heartbeat = _Heartbeat(job, lease) if not connection.in_atomic_block else contextlib.nullcontext()
    token = _CURRENT.set(job)
    try:
        with heartbeat:
            result = normalize_json(_call(job, task))
    except Exception as exc:  # logged at ERROR, with the traceback, by django.tasks on task_finished
        tb = traceback.format_exc(limit=8)
        name = type(exc).__qualname__
        if type(exc).__module__ != "builtins":
            name = f"{type(exc).__module__}.{name}"
        fail_job(job, f"{name}: {exc}\n{tb}"[:10000])
        task_finished.send(tasks_backend.DatabaseBackend, task_result=tasks_backend.result_for(job, task))
        return False
    finally:
        _CURRENT.reset(token)
    complete_job(job, result)
    task_finished.send(tasks_backend.DatabaseBackend, task_result=tasks_backend.result_for(job, task))
    return True


WORKER_BEAT_INTERVAL = 15.0  # seconds; /readyz calls a worker stale after SAUSAT_WORKER_STALE_SECONDS


def worker_beat(worker_id: str) -> None:
    """Record that ``worker_id`` is polling (one row per worker, see ``WorkerHeartbeat``)."""
    from sausat.core.models_jobs import WorkerHeartbeat

    now = timezone.now()
    try:
        WorkerHeartbeat.objects.update_or_create(worker_id=worker_id[:100], defaults={"seen_at": now})
        # Worker ids carry the pid: rows of workers gone for a day are only clutter.
        WorkerHeartbeat.objects.filter(seen_at__lt=now - dt.timedelta(days=1)).delete()
    except Exception:  # a busy SQLite must not stop the worker: the next beat tries again
        log.warning("worker heartbeat failed", exc_info=True)


def run_worker(
    once: bool = False,
    worker_id: str | None = None,
    *,
    sleep: float = 1.0,
    lease: dt.timedelta = DEFAULT_LEASE,
    kinds: list[str] | None = None,
    max_jobs: int | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Claim and run jobs. ``once=True`` drains what is ready now and returns; otherwise polls
    every ``sleep`` seconds until ``stop`` is set. Returns the number of jobs run."""
    worker_id = worker_id or default_worker_id()
    count = 0
    last_check = time.monotonic()
    last_beat = 0.0
    while stop is None or not stop.is_set():
        # Tests run workers inside a transaction, where a heartbeat row would only add queries.
        if not connection.in_atomic_block and time.monotonic() - last_beat > WORKER_BEAT_INTERVAL:
            worker_beat(worker_id)
            last_beat = time.monotonic()
        # Drop a broken or expired connection now and then (not per job: reopening SQLite costs a
        # WAL checkpoint); never inside a transaction (tests run workers inside one).
        if not connection.in_atomic_block and time.monotonic() - last_check > 30:
            close_old_connections()
            last_check = time.monotonic()
        job = claim_next(worker_id, lease=lease, kinds=kinds)
        if job is None:
            if not connection.in_atomic_block:
                close_old_connections()
            if once:
                break
            if stop is not None:
                stop.wait(sleep)
            else:
                time.sleep(sleep)
            continue
        if not run_job(job, lease=lease) and not connection.in_atomic_block:
            close_old_connections()
        count += 1
        if max_jobs is not None and count >= max_jobs:
            break
    return count
