"""A ``django.tasks`` backend over our own job table (:class:`sausat.core.models_jobs.Job`).

``settings.TASKS = {"default": {"BACKEND": "sausat.core.tasks_backend.DatabaseBackend"}}``. Then
``@task`` functions are queued with ``some_task.enqueue(**kwargs)`` (or :func:`sausat.core.jobs.enqueue`,
which also records who asked, for which unit, with a dedup key) and run by ``manage.py run_worker``
with the queue's guarantees: a lease kept by heartbeats, takeover of a killed worker's job,
progress shown to the user, and effects made exactly-once with :func:`sausat.core.jobs.once`.

One ``Job`` row per enqueued task: ``kind`` is the task's module path (``Task.module_path``), ``args``
its keyword arguments (positional ones under ``"__args__"``); the row id is the ``TaskResult`` id.
The row is inserted in the caller's transaction together with its audit row, so a job exists exactly
when the business write that asked for it commits.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.tasks import Task, TaskResult, TaskResultStatus
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import TaskError
from django.tasks.exceptions import InvalidTask, TaskResultDoesNotExist
from django.tasks.signals import task_enqueued
from django.utils import timezone
from django.utils.json import normalize_json
from django.utils.module_loading import import_string

from sausat.core.actors import SystemActor, acting_user
from sausat.core.models import AuditEvent
from sausat.core.models_jobs import Job
from sausat.core.services import record_audit

__all__ = ["DatabaseBackend", "insert_job", "pack_args", "result_for", "task_for", "unpack_args"]

POSITIONAL = "__args__"
STATUS = {
    Job.Status.QUEUED: TaskResultStatus.READY,
    Job.Status.RUNNING: TaskResultStatus.RUNNING,
    Job.Status.DONE: TaskResultStatus.SUCCESSFUL,
    Job.Status.FAILED: TaskResultStatus.FAILED,
}
# Row fields a plain ``task.enqueue()`` cannot pass; set by ``sausat.core.jobs.enqueue`` around it,
# which also gets the Job row back here (no second query for the caller's status-page link).
row_options: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("sausat_job_row", default=None)
# Kinds of rows queued before the move to django.tasks, and the tasks that now do that work.
FORMER_KINDS = {
    "opinions.import_paper": "sausat.opinions.jobs.import_paper_job",
    "textkit.suggest_groups": "sausat.opinions.suggestions.suggest_groups_job",
    "directives.reminders": "sausat.directives.reminders.reminders_job",
    "portal.flush_views": "sausat.portal.jobs.flush_views",
}


def pack_args(args: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    packed = normalize_json(dict(kwargs))
    if args:
        packed[POSITIONAL] = normalize_json(list(args))
    return packed


def unpack_args(stored: dict[str, Any] | None) -> tuple[list[Any], dict[str, Any]]:
    kwargs = dict(stored or {})
    return list(kwargs.pop(POSITIONAL, [])), kwargs


def insert_job(
    *,
    kind: str,
    args: dict[str, Any],
    actor: Any = None,
    dedup_key: str | None = None,
    run_after: dt.datetime | None = None,
    unit: Any = None,
    max_attempts: int = 3,
) -> Job:
    """One ``Job`` row and its audit row, in the caller's transaction; with ``dedup_key`` the
    existing row when that key was used before. No ``actor``: the system, for the task's path."""
    if actor is None:
        actor = SystemActor(reason=kind)
    if dedup_key is not None:
        existing = Job.objects.filter(dedup_key=dedup_key).first()
        if existing is not None:
            return existing
    fields = {
        "kind": kind,
        "args": args,
        "dedup_key": dedup_key,
        "run_after": run_after or timezone.now(),
        "created_by": acting_user(actor),
        "unit": unit,
        "max_attempts": max_attempts,
    }
    try:
        with transaction.atomic():
            job = Job.objects.create(**fields)
            record_audit(
                actor=actor,
                action=AuditEvent.Action.CREATE,
                obj=job,
                verb="job.enqueue",
                after={"kind": kind, "args": job.args, "dedup_key": dedup_key},
            )
    except IntegrityError:
        if dedup_key is None:
            raise
        return Job.objects.get(dedup_key=dedup_key)
    return job


def task_for(kind: str) -> Task:
    """The ``Task`` a row's ``kind`` names (its module path). ImportError when there is none."""
    found = import_string(FORMER_KINDS.get(kind, kind))
    if not isinstance(found, Task):
        raise ImportError(f"{kind!r} is not a task (decorate it with django.tasks.task)")
    return found


def _error(text: str) -> TaskError:
    # fail_job() stores "module.Class: message\ntraceback".
    head = text.split(":", 1)[0].strip()
    path = head if head and " " not in head else "builtins.Exception"
    return TaskError(exception_class_path=path if "." in path else f"builtins.{path}", traceback=text)


def result_for(job: Job, task: Task | None = None) -> TaskResult:
    """The ``TaskResult`` a row stands for (no query)."""
    task = task or task_for(job.kind)
    args, kwargs = unpack_args(job.args)
    result = TaskResult(
        task=task,
        id=str(job.pk),
        status=STATUS[job.status],
        enqueued_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        last_attempted_at=job.started_at,
        args=args,
        kwargs=kwargs,
        backend=task.backend,
        errors=[_error(job.error)] if job.error else [],
        worker_ids=[job.locked_by] * job.attempts if job.locked_by else [],
    )
    object.__setattr__(result, "_return_value", job.result)
    return result


class DatabaseBackend(BaseTaskBackend):
    """Queues tasks as ``Job`` rows; ``manage.py run_worker`` (:func:`sausat.core.job_worker.run_worker`) runs them."""

    supports_defer = True
    supports_get_result = True

    def validate_task(self, task: Task) -> None:
        super().validate_task(task)
        if len(task.module_path) > Job._meta.get_field("kind").max_length:
            raise InvalidTask(f"Task path {task.module_path!r} is too long for the job table.")

    def enqueue(self, task: Task, args: Any, kwargs: dict[str, Any]) -> TaskResult:
        self.validate_task(task)
        options = row_options.get()
        extra = {k: v for k, v in (options or {}).items() if k != "job"}
        job = insert_job(kind=task.module_path, args=pack_args(args, kwargs), run_after=task.run_after, **extra)
        if options is not None:
            options["job"] = job
        result = result_for(job, task)
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id: str) -> TaskResult:
        try:
            job = Job.objects.get(pk=int(result_id))
            return result_for(job)
        except (ValueError, ImportError, Job.DoesNotExist) as exc:
            raise TaskResultDoesNotExist(result_id) from exc
