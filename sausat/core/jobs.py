"""The background-job queue behind ``django.tasks`` (SQLite and PostgreSQL, no Redis), and exactly-once effects.

Background work is defined and queued through Django's Tasks framework; the backend is ours
(:class:`sausat.core.tasks_backend.DatabaseBackend`, one ``Job`` row per task), this module is what
a task and its caller use, and :mod:`sausat.core.job_worker` runs the rows::

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
short (``job_worker.DEFAULT_LEASE``, 30 s) and a running job keeps it by heartbeats: every progress report
renews it, and a heartbeat thread renews it every third of the lease while the task runs, so a
job of any length keeps its worker while a killed worker's job is taken over within seconds. Tasks
that have side effects outside the database row they return must therefore guard them with
:func:`once` (or :func:`send_notification_once`) inside a transaction.

The worker finds a task by the module path stored in ``Job.kind`` (``Task.module_path``): no
registry, nothing to import before the worker starts.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.tasks import Task, TaskContext
from django.utils import timezone

from sausat.core import tasks_backend
from sausat.core.job_worker import DEFAULT_LEASE, current_job
from sausat.core.models import Notification
from sausat.core.models_jobs import EffectMark, Job

log = logging.getLogger(__name__)

__all__ = [
    "Job",
    "UnknownJobKind",
    "enqueue",
    "job_for",
    "job_label",
    "labelled",
    "once",
    "purge_jobs",
    "read_job_file",
    "report_progress",
    "save_job_file",
    "send_notification_once",
    "visible_jobs",
]


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


def job_label(kind: str) -> str:
    """The user-facing name of a job kind (``@labelled``), else the kind itself."""
    try:
        return getattr(tasks_backend.task_for(kind).func, "job_label", "") or kind
    except Exception:  # a task gone from the code: its row still shows, under its path
        return kind


# --- enqueue ----------------------------------------------------------------------------------


def _resolve(kind: Task | str) -> Task:
    if isinstance(kind, Task):
        return kind
    try:
        return tasks_backend.task_for(kind)
    except ImportError:
        raise UnknownJobKind(f"no task at {kind!r}") from None


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
    (the existing one when ``dedup_key`` was used before). ``kind`` may also be the task's module path.

    The row is inserted in the caller's transaction (if any) together with its audit row, so a
    job exists exactly when the business write that asked for it commits: no on_commit needed,
    and a rolled-back request leaves no job behind. ``args`` must be JSON-serialisable.
    """
    target = _resolve(kind)
    options: dict[str, Any] = {"actor": actor, "dedup_key": dedup_key, "unit": unit, "max_attempts": max_attempts}
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


# --- inside a running task ---------------------------------------------------------------------


def job_for(context: TaskContext | Job) -> Job:
    """The ``Job`` row of a running task, from the ``TaskContext`` it was given (``takes_context=True``)."""
    if isinstance(context, Job):
        return context
    job = current_job()
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
