"""The background-job queue behind ``django.tasks`` (SQLite and PostgreSQL, no Redis), and exactly-once effects.

Background work is defined and queued through Django's Tasks framework; the backend is ours
(:class:`sausat.core.tasks_backend.DatabaseBackend`, one ``Job`` row per task) and this module runs
the rows::

    from django.tasks import task
    from sausat.core.jobs import enqueue, job_for, labelled, once, report_progress, save_job_file

    @task(takes_context=True)
    @labelled("Xuất danh sách")          # what users see on the status page
    def export_xlsx(context, *, session_id: int) -> dict:
        report_progress(context, 50, "Đang ghi tệp")
        save_job_file(job_for(context), content, "y-kien.xlsx", XLSX_CONTENT_TYPE)
        return {"rows": 120}

    result = export_xlsx.enqueue(session_id=7)          # the plain django.tasks way, or
    job = enqueue(export_xlsx, args={"session_id": 7}, actor=request.user, unit=unit, dedup_key=...)

:func:`enqueue` also records who asked and for which unit (the status page shows a job to its
creator only), a dedup key and the number of attempts, and returns the ``Job`` row.

Delivery is at least once: a worker that dies leaves its job ``running`` with a lease
(``locked_until``); once the lease expires another worker claims and re-runs it. The lease is
short (:data:`DEFAULT_LEASE`, 30 s) and a running job keeps it by heartbeats: every progress report
renews it, and a heartbeat thread renews it every third of the lease while the task runs, so a
job of any length keeps its worker while a killed worker's job is taken over within seconds. Tasks
that have side effects outside the database row they return must therefore guard them with
:func:`once` (or :func:`send_notification_once`) inside a transaction.

The worker finds a task by the module path stored in ``Job.kind`` (``Task.module_path``). The older
``@register_job("app.verb")`` handlers (``def handler(job, **args)``) still run for now; new
work should be a ``@task``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
import os
import secrets
import socket
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import F
from django.tasks import Task, TaskContext
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from django.utils.json import normalize_json

from sausat.core import tasks_backend
from sausat.core.models import Notification
from sausat.core.models_jobs import EffectMark, Job

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_LEASE",
    "Job",
    "JobHandler",
    "UnknownJobKind",
    "autodiscover_jobs",
    "claim_next",
    "complete_job",
    "current_job",
    "enqueue",
    "fail_job",
    "job_for",
    "job_label",
    "labelled",
    "once",
    "purge_jobs",
    "read_job_file",
    "register_job",
    "registered_kinds",
    "report_progress",
    "run_job",
    "run_worker",
    "save_job_file",
    "send_notification_once",
    "visible_jobs",
]

DEFAULT_LEASE = dt.timedelta(seconds=30)
JobHandler = Callable[..., Any]
_REGISTRY: dict[str, JobHandler] = tasks_backend.LEGACY
_LABELS: dict[str, str] = {}
_CURRENT: contextvars.ContextVar[Job | None] = contextvars.ContextVar("sausat_current_job", default=None)


class UnknownJobKind(LookupError):
    pass


# --- defining tasks ---------------------------------------------------------------------------


def labelled(label: str) -> Callable[[Any], Any]:
    """``@labelled("Nhập phiếu lấy ý kiến")`` above or below ``@task``: the name users see."""

    def decorator(obj: Any) -> Any:
        func = obj.func if isinstance(obj, Task) else obj
        func.job_label = label
        return obj

    return decorator


def register_job(name: str, *, label: str = "") -> Callable[[JobHandler], JobHandler]:
    """The older API: ``@register_job("app.verb")`` on ``def handler(job, **args)``; prefer ``@task``."""

    def decorator(fn: JobHandler) -> JobHandler:
        existing = _REGISTRY.get(name)
        if existing is not None and existing is not fn and existing.__qualname__ != fn.__qualname__:
            raise ValueError(f"job kind {name!r} is already registered to {existing!r}")
        _REGISTRY[name] = fn
        if label:
            _LABELS[name] = label
        return fn

    return decorator


def registered_kinds() -> list[str]:
    """Kinds of the older ``register_job`` handlers (tasks need no registry: see ``Job.kind``)."""
    return sorted(_REGISTRY)


def job_label(kind: str) -> str:
    """The user-facing name of a job kind (``@labelled``), else the kind itself."""
    if kind in _LABELS:
        return _LABELS[kind]
    try:
        return getattr(tasks_backend.task_for(kind).func, "job_label", "") or kind
    except Exception:  # a task gone from the code: its row still shows, under its path
        return kind


def autodiscover_jobs() -> None:
    """Import every installed app's ``jobs`` module (``sausat.<app>.jobs``): older handlers register there."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for app in apps.get_app_configs():
        name = f"{app.name}.jobs"
        try:
            found = find_spec(name) is not None
        except ModuleNotFoundError:
            found = False
        if found:
            import_module(name)


# --- enqueue ----------------------------------------------------------------------------------


def _resolve(kind: Task | str) -> Task | str:
    if isinstance(kind, Task):
        return kind
    if kind not in _REGISTRY:
        autodiscover_jobs()
    if kind in _REGISTRY:
        return kind
    try:
        return tasks_backend.task_for(kind)
    except ImportError:
        raise UnknownJobKind(f"no task or job registered as {kind!r}") from None


def enqueue(
    kind: Task | str,
    *,
    args: dict[str, Any] | None = None,
    actor: Any,
    dedup_key: str | None = None,
    run_after: dt.datetime | None = None,
    unit: Any = None,
    max_attempts: int = 3,
) -> Job:
    """Queue the task ``kind`` with keyword arguments ``args`` through its ``django.tasks`` backend,
    recording ``actor``, ``unit``, ``dedup_key`` and ``max_attempts`` on the row; returns the ``Job``
    (the existing one when ``dedup_key`` was used before). ``kind`` may also be a module path, or the
    name given to the older ``register_job``.

    The row is inserted in the caller's transaction (if any) together with its audit row, so a
    job exists exactly when the business write that asked for it commits: no on_commit needed,
    and a rolled-back request leaves no job behind. ``args`` must be JSON-serialisable.
    """
    target = _resolve(kind)
    options: dict[str, Any] = {"actor": actor, "dedup_key": dedup_key, "unit": unit, "max_attempts": max_attempts}
    if isinstance(target, str):  # an older register_job handler
        return tasks_backend.insert_job(
            kind=target, args=tasks_backend.pack_args((), args or {}), run_after=run_after, **options
        )
    if run_after is not None:
        target = target.using(run_after=run_after)
    token = tasks_backend.row_options.set(options)
    try:
        target.enqueue(**(args or {}))
    finally:
        tasks_backend.row_options.reset(token)
    if "job" not in options:
        raise RuntimeError(f"the {target.backend!r} task backend does not write sausat.core.jobs rows")
    return options["job"]


def visible_jobs(user):
    """Jobs ``user`` may see: their own; all for admins (superuser or the admin role)."""
    from sausat.core.policy import scope_for

    if user is None or not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    if scope_for(user).is_admin:
        return Job.objects.all()
    return Job.objects.filter(created_by=user)


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


def job_for(context: TaskContext | Job) -> Job:
    """The ``Job`` row of a running task, from the ``TaskContext`` it was given (``takes_context=True``)."""
    if isinstance(context, Job):
        return context
    job = _CURRENT.get()
    if job is not None and str(job.pk) == context.task_result.id:
        return job
    return Job.objects.get(pk=int(context.task_result.id))


def report_progress(
    job: Job | TaskContext, pct: int | float, message: str = "", *, lease: dt.timedelta = DEFAULT_LEASE
) -> None:
    """Record progress (0–100) and a short message; also renews the worker's lease (a heartbeat).

    ``job`` is the task's ``TaskContext`` (or its ``Job``). Call it outside the task's own
    ``transaction.atomic`` blocks, or pollers will only see it once that block commits.
    """
    job = job_for(job)
    pct = max(0, min(100, int(pct)))
    job.progress = pct
    job.progress_message = message[:300]
    fields: dict[str, Any] = {"progress": pct, "progress_message": job.progress_message}
    qs = Job.objects.filter(pk=job.pk)
    if job.status == Job.Status.RUNNING and job.locked_by:
        fields["locked_until"] = job.locked_until = timezone.now() + lease
        qs = qs.filter(locked_by=job.locked_by, status=Job.Status.RUNNING)
    qs.update(**fields)


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
    handler = _REGISTRY.get(job.kind)
    if handler is not None:  # an older register_job handler
        return handler(job, **(job.args or {}))
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


# --- files produced by jobs -------------------------------------------------------------------


def _job_storage():
    # The default storage: local disk, or the shared object store when app servers are several
    # (SAUSAT_STORAGE=s3), so a file a worker wrote on one machine downloads from any other.
    from django.core.files.storage import default_storage

    return default_storage


def read_job_file(job: Job) -> bytes | None:
    """The file a job produced, or None (none, or a name that does not belong to the jobs folder)."""
    name = job.result_file
    if not name or not name.startswith("jobs/") or ".." in Path(name).parts:
        return None
    storage = _job_storage()
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        return handle.read()


def save_job_file(job: Job, content: bytes, filename: str, content_type: str) -> None:
    """Store the file a job produced; the status page then links to ``core:job_download``."""
    from django.core.files.base import ContentFile

    storage = _job_storage()
    # A random folder name: nothing guessable even if the store were ever served directly.
    name = job.result_file or f"jobs/{job.pk}-{secrets.token_hex(8)}/result.bin"
    if storage.exists(name):  # a re-run after a crash replaces what the first attempt wrote
        storage.delete(name)
    name = storage.save(name, ContentFile(content))
    job.result_file, job.result_filename, job.result_content_type = name, filename[:200], content_type[:120]
    Job.objects.filter(pk=job.pk).update(
        result_file=job.result_file, result_filename=job.result_filename, result_content_type=job.result_content_type
    )


def purge_jobs(older_than: dt.timedelta = dt.timedelta(days=30)) -> int:
    """Delete finished jobs (and their files) that finished more than ``older_than`` ago."""
    cutoff = timezone.now() - older_than
    old = Job.objects.filter(status__in=[Job.Status.DONE, Job.Status.FAILED], finished_at__lt=cutoff)
    storage = _job_storage()
    for job in old.exclude(result_file="").only("id", "result_file"):
        if job.result_file.startswith("jobs/"):
            storage.delete(job.result_file)
    return old.delete()[0]


# --- exactly-once side effects ----------------------------------------------------------------


def once(key: str) -> bool:
    """True the first time ``key`` is seen, False ever after (a unique ``EffectMark`` row).

    The mark commits with the surrounding transaction, so put the effect in the same one::

        with transaction.atomic():
            if once(f"reminder:{task.pk}:{today:%Y-%m-%d}"):
                create_the_reminder_rows(...)

    A re-run after a crash then finds the mark if, and only if, the effect committed. Effects
    outside the database (e-mail) should be scheduled with ``transaction.on_commit`` in that
    block: they then happen at most once.
    """
    if len(key) > 255:
        raise ValueError("once() key longer than 255 characters")
    try:
        with transaction.atomic():
            EffectMark.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def send_notification_once(
    user: Any,
    title: str,
    body: str,
    url: str,
    dedup_key: str,
    *,
    email: bool = False,
) -> Notification | None:
    """Create the in-app notification keyed ``dedup_key`` once; None when it already exists.

    With ``email=True`` and a user e-mail address, an e-mail is sent after the transaction
    commits (at most once: the notification row is the mark).
    """
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                recipient=user, title=title[:300], body=body, url=url[:500], dedup_key=dedup_key[:200]
            )
            address = getattr(user, "email", "")
            if email and address:

                def _send() -> None:
                    try:
                        send_mail(title, f"{body}\n\n{url}".strip(), None, [address])
                    except Exception:
                        log.exception("e-mail for notification %s failed", note.pk)

                transaction.on_commit(_send)
    except IntegrityError:
        return None
    return note
