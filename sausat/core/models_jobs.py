"""Tables of the database-backed job queue and of the exactly-once effect marks.

See :mod:`sausat.core.jobs` for the API; nothing outside it should write these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["EffectMark", "Job", "WorkerHeartbeat"]


class Job(models.Model):
    """One unit of background work: a ``django.tasks`` task (its module path) plus JSON arguments."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Thất bại")

    kind = models.CharField(max_length=100, help_text="Module path of the django.tasks task to run (Task.module_path).")
    args = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveIntegerField(default=3)
    run_after = models.DateTimeField(default=timezone.now)
    locked_by = models.CharField(max_length=100, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dedup_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # A file produced by the job (relative to MEDIA_ROOT), served by core:job_download.
    result_file = models.CharField(max_length=300, blank=True)
    result_filename = models.CharField(max_length=200, blank=True)
    result_content_type = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "run_after", "id"], name="core_job_ready_idx"),
            models.Index(fields=["status", "locked_until"], name="core_job_lease_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def progress_bucket(self) -> int:
        """Progress rounded down to a multiple of 5, for CSS classes (no inline styles under CSP)."""
        return max(0, min(100, int(self.progress))) // 5 * 5


class EffectMark(models.Model):
    """One row per side effect that must happen once (see :func:`sausat.core.jobs.once`)."""

    key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key


class WorkerHeartbeat(models.Model):
    """When each worker last went round its loop: /readyz reports a worker that stopped polling."""

    worker_id = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"
