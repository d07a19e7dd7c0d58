"""Cross-cutting tables: the audit trail, the working-day calendar, API tokens, notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActiveManager[M: models.Model](models.Manager[M]):
    """Hides soft-deleted rows; use ``all_objects`` to see them."""

    def get_queryset(self) -> models.QuerySet[M]:
        return super().get_queryset().filter(deleted_at__isnull=True)


class BusinessModel(models.Model):
    """Base for every business object: timestamps, optimistic-lock version, soft delete.

    Writes never happen through ``save()`` in views: they go through the owning app's
    services, which call :mod:`sausat.core.services` to audit them.
    """

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActiveManager()
    all_objects = models.Manager()  # noqa: DJ012  (a manager, not a field)

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class AuditEvent(models.Model):
    """One row per write, written in the same transaction as the write itself.

    Objects are referenced by label + primary key (no generic foreign key) so that the row
    outlives the object and never joins into business queries.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo mới")
        UPDATE = "update", _("Cập nhật")
        DELETE = "delete", _("Xóa (có thể khôi phục)")
        RESTORE = "restore", _("Khôi phục")
        IMPORT = "import", _("Nhập dữ liệu")
        LOGIN = "login", _("Đăng nhập")
        OTHER = "other", _("Khác")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    verb = models.CharField(max_length=100, blank=True, help_text="Domain verb, e.g. 'opinion.answer'.")
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AuditRelation(models.Model):
    """An object an audit row touches besides its own (as NetBox's related objects): the opinion of
    an answer or a follow-up note, the opinions moved into a group, the opinion a task was made from.

    Written in the same transaction as its audit row (``related=`` of :mod:`sausat.core.services`), so
    an object's history (:func:`sausat.core.selectors.history_for`) also lists the writes made through
    other objects. Like the audit row, it names the object by label + primary key, no foreign key.
    """

    audit = models.ForeignKey(AuditEvent, on_delete=models.CASCADE, related_name="relations")
    model_label = models.CharField(max_length=100)
    object_pk = models.CharField(max_length=64)
    role = models.CharField(max_length=40, blank=True, help_text="How the object is touched, e.g. 'opinion'.")

    class Meta:
        indexes = [models.Index(fields=["model_label", "object_pk"], name="core_auditrel_object")]
        constraints = [
            models.UniqueConstraint(fields=["audit", "model_label", "object_pk"], name="core_auditrel_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.model_label}#{self.object_pk} ({self.role})"


class CalendarDay(models.Model):
    """An exception to the normal week, as announced for a given year.

    The statutory public holidays come from the ``holidays`` package (lunar ones included);
    these rows add what each year's official announcement adds: extra days off (``day_off``)
    and Saturdays turned into working days to make up for them (``working_day``).

    Rows without ``province`` are national (edited by administrators only); a row with a
    ``province`` is an extra local day off of that province alone (edited by its own secretaries),
    counted, on top of the national calendar, for deadlines of units in that province.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    date = models.DateField()
    province = models.ForeignKey(
        "geo.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=300, blank=True, help_text="The announcement that set it.")

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(province__isnull=True), name="core_calendarday_national_date"
            ),
            models.UniqueConstraint(fields=["date", "province"], name="core_calendarday_province_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash of the key is stored."""

    # Not "api_tokens": Wagtail's own APIToken (the portal's CMS) takes that reverse name.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sausat_api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class Notification(models.Model):
    """An in-app message to one user."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    dedup_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


from sausat.core.models_jobs import EffectMark, Job, WorkerHeartbeat  # noqa: E402,F401
from sausat.core.models_settings import DatedSetting  # noqa: E402,F401
from sausat.core.models_versions import DataVersion  # noqa: E402,F401
