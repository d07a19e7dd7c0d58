"""Directing documents (conclusions, directives, programmes, plans), the tasks they give, and
how those tasks are carried out: progress reports, completion proposals, extension requests and
the history of every deadline.

Status is never stored: see :func:`sausat.directives.status.task_status`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sausat.core.models import BusinessModel
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person


class DocumentKind(models.TextChoices):
    CONCLUSION = "conclusion", _("Kết luận")
    CONCLUSION_NOTICE = "conclusion_notice", _("Thông báo kết luận")
    DIRECTIVE = "directive", _("Chỉ thị")
    ACTION_PROGRAMME = "action_programme", _("Chương trình hành động thực hiện nghị quyết")
    ANNUAL_PROGRAMME = "annual_programme", _("Chương trình công tác năm")
    QUARTERLY_PLAN = "quarterly_plan", _("Kế hoạch công tác quý")
    # One entry per opinion directed for resolution outside a conference, dated by the answer.
    OPINION_DIRECTION = "opinion_direction", _("Ý kiến chỉ đạo giải quyết kiến nghị")


class DirectingDocument(BusinessModel):
    """A document that directs work and yields tasks."""

    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    issuing_organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="issued_directing_documents")
    number = models.CharField(max_length=30, blank=True, help_text="Số, e.g. '125'.")
    symbol = models.CharField(max_length=60, blank=True, help_text="Ký hiệu, e.g. 'TB/TU'.")
    date = models.DateField()
    signer = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signer_title = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    attachment = models.CharField(max_length=300, blank=True, help_text="Storage path of the attached file.")
    meeting_ref = models.CharField(
        max_length=300, blank=True, help_text="The meeting this concludes, as text (older records; see meeting)."
    )
    # The meeting this document concludes (a conclusion notice of a conference or working session).
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="directing_documents"
    )
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="directing_documents")
    search_key = models.CharField(max_length=600, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    @property
    def reference(self) -> str:
        """ "Số 125-TB/TU" style reference."""
        if self.number and self.symbol:
            return f"{self.number}-{self.symbol}"
        return self.number or self.symbol


class DeadlineKind(models.TextChoices):
    FIXED = "fixed", _("Ngày cụ thể")
    CALENDAR_DAYS = "calendar_days", _("Số ngày kể từ ngày ban hành")
    WORKING_DAYS = "working_days", _("Số ngày làm việc kể từ ngày ban hành")
    MONTHLY = "monthly", _("Định kỳ hằng tháng")
    QUARTERLY = "quarterly", _("Định kỳ hằng quý")
    NONE = "none", _("Không có thời hạn")


class Priority(models.IntegerChoices):
    HIGH = 1, _("Khẩn")
    NORMAL = 2, _("Bình thường")
    LOW = 3, _("Thấp")


class Task(BusinessModel):
    """One task given by a directing document to a lead body.

    ``due_date`` is the deadline in force (computed from the deadline kind and moved only by an
    approved extension); ``original_due_date`` keeps the first one. Recurring tasks have no single
    due date: each period's deadline is computed (see :mod:`sausat.directives.status`).
    """

    document = models.ForeignKey(DirectingDocument, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(max_length=500)
    content = models.TextField(blank=True)
    lead_organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="led_tasks")
    # The named person answerable for the task: cadre evaluation (sausat.cadres) scores people from it.
    accountable_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="accountable_tasks"
    )
    cooperating_organs = models.ManyToManyField(Organ, blank=True, related_name="cooperating_tasks")
    expected_product = models.CharField(max_length=300, blank=True)
    deadline_kind = models.CharField(max_length=20, choices=DeadlineKind.choices, default=DeadlineKind.FIXED)
    deadline_days = models.PositiveIntegerField(null=True, blank=True)
    deadline_date = models.DateField(null=True, blank=True, help_text="For a fixed deadline.")
    recurring_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Monthly: report before this day of each month (1-28)."
    )
    recurring_until = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True, editable=False, db_index=True)
    original_due_date = models.DateField(null=True, blank=True, editable=False)
    deadline_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    percent = models.PositiveSmallIntegerField(default=0, editable=False)
    first_report_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_report_at = models.DateTimeField(null=True, blank=True, editable=False)
    completion_proposed_at = models.DateTimeField(null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    completed_on = models.DateField(
        null=True, blank=True, editable=False, help_text="Vietnam date of completed_at (for filtering)."
    )
    product = models.CharField(max_length=500, blank=True, editable=False)
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="directive_tasks")
    source_opinion = models.ForeignKey(
        "opinions.Opinion", null=True, blank=True, on_delete=models.PROTECT, related_name="directed_tasks"
    )
    search_key = models.CharField(max_length=600, db_index=True, editable=False, default="")

    # Not stored: set on the tasks a selector returns (sausat.directives.selectors.with_status and
    # no_task_missed), for the pages and exports that show them.
    status: str
    missing_period: dt.date

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_recurring(self) -> bool:
        return self.deadline_kind in (DeadlineKind.MONTHLY, DeadlineKind.QUARTERLY)


class ProgressReport(BusinessModel):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress_reports")
    text = models.TextField()
    percent = models.PositiveSmallIntegerField(default=0)
    attachment = models.CharField(max_length=300, blank=True, help_text="Storage path of the attached file.")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["task", "at"])]

    def __str__(self) -> str:
        return f"{self.percent}% {self.text[:60]}"


class RequestKind(models.TextChoices):
    COMPLETION = "completion", _("Đề nghị công nhận hoàn thành")
    EXTENSION = "extension", _("Đề nghị gia hạn")


class Decision(models.TextChoices):
    PENDING = "pending", _("Chờ xử lý")
    APPROVED = "approved", _("Đã chấp thuận")
    RETURNED = "returned", _("Trả lại")


class TaskRequest(BusinessModel):
    """A completion proposal (with its product) or an extension request; the office decides."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    reason = models.TextField(blank=True)
    product = models.CharField(max_length=500, blank=True)
    attachment = models.CharField(max_length=300, blank=True, help_text="Storage path of the attached file.")
    requested_date = models.DateField(null=True, blank=True, help_text="New deadline asked for (extensions).")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set by the office when approving a completion whose product went beyond what was asked
    # (366-QĐ/TW: "excellent" needs >= 30 % of tasks beyond requirement).
    beyond_requirement = models.BooleanField(default=False)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_decision_display()}"


class DeadlineChange(models.Model):
    """History of a task's deadline: append-only, never edited."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deadline_changes")
    old_date = models.DateField(null=True, blank=True)
    new_date = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    request = models.ForeignKey(TaskRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.old_date} → {self.new_date}"
