"""Grassroots liaison: assignment decisions, cadres assigned to units, field activities, reports.

The chain since 1/7/2025 is province → commune → hamlet: a provincial cadre follows one or more
communes, a commune cadre follows hamlets. Records made before the reorganisation stay attached
to the legacy units (code "L-…") and show up under their successors through ``scope_path``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sausat.core.models import BusinessModel
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person

TEXT_LIMIT = 10_000


class Schedule(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")


class AssignmentDecision(BusinessModel):
    """A decision (with its plan and regulation) assigning cadres to follow units."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(max_length=100, help_text="Số hiệu, ví dụ 182-QĐ/TU.")
    issued_on = models.DateField()
    issuing_organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    issuing_body = models.CharField(max_length=300, blank=True, help_text="Tên cơ quan ban hành (hiển thị).")
    title = models.CharField(max_length=500, blank=True)
    related_documents = models.CharField(max_length=500, blank=True, help_text="Kế hoạch, quy định kèm theo.")
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True)
    visits_required = models.PositiveSmallIntegerField(default=1)
    visit_period = models.CharField(max_length=20, choices=Schedule.choices, default=Schedule.MONTHLY)
    report_schedule = models.CharField(max_length=20, choices=Schedule.choices, default=Schedule.MONTHLY)
    report_due_days = models.PositiveSmallIntegerField(
        default=5, help_text="Số ngày làm việc sau khi kết thúc kỳ để nộp báo cáo."
    )
    duties = models.TextField(blank=True)

    class Meta:
        ordering = ["-issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"], condition=Q(deleted_at__isnull=True), name="liaison_unique_live_decision"
            )
        ]

    def __str__(self) -> str:
        return f"Quyết định {self.number}"


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Phụ trách chính")
    MEMBER = "member", _("Thành viên")


class Assignment(BusinessModel):
    """One cadre assigned to follow one unit (commune, or hamlet for a commune cadre)."""

    decision = models.ForeignKey(AssignmentDecision, on_delete=models.PROTECT, related_name="assignments")
    cadre = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="liaison_assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="liaison_assignments"
    )
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="liaison_assignments")
    role = models.CharField(max_length=20, choices=AssignmentRole.choices, default=AssignmentRole.LEAD)
    cadre_title = models.CharField(max_length=300, blank=True, help_text="Chức vụ, đơn vị công tác của cán bộ.")
    duties = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    role_grant = models.ForeignKey(
        "people.RoleGrant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["unit_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "cadre", "unit"],
                condition=Q(deleted_at__isnull=True),
                name="liaison_unique_live_assignment",
            )
        ]
        indexes = [models.Index(fields=["user", "end_date"]), models.Index(fields=["unit", "end_date"])]

    def __str__(self) -> str:
        return f"{self.cadre} → {self.unit}"


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Xuống cơ sở")
    MEETING = "meeting", _("Dự họp cấp ủy cơ sở")
    CONTACT = "contact", _("Liên hệ điện thoại, trực tuyến")
    JOINT = "joint", _("Làm việc cùng cán bộ phụ trách cấp dưới")
    # The "cầu nối" duty (seed 003): bringing the committee's decisions to the commune. It cites the
    # decision conveyed: a directives task (through sausat.core.references) or a document number.
    BRIDGE = "bridge", _("Truyền đạt chủ trương, quyết định đến cơ sở (cầu nối)")


class Activity(BusinessModel):
    """One piece of field work, logged from a phone."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="liaison_activities")
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    cadre = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="liaison_activities")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ActivityKind.choices, default=ActivityKind.VISIT)
    date = models.DateField()
    place = models.CharField(max_length=300, blank=True)
    met = models.CharField(max_length=500, blank=True, help_text="Đã gặp ai.")
    notes = models.TextField(blank=True)
    formal_feedback = models.BooleanField(default=False, help_text="Có góp ý chính thức với cấp ủy.")
    # A "cầu nối" activity's decision. No foreign key: liaison and directives do not know each other
    # (.importlinter); the id is resolved through the "directives.task" reference source.
    linked_task_id = models.PositiveIntegerField(null=True, blank=True, help_text="Id of a directives task.")
    linked_ref = models.CharField(
        max_length=300, blank=True, help_text="The decision conveyed, as cited when logged (number: title)."
    )
    idempotency_key = models.CharField(max_length=64)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["idempotency_key"], name="liaison_unique_activity_key")]
        indexes = [models.Index(fields=["unit", "date"]), models.Index(fields=["cadre", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class ActivityPhoto(BusinessModel):
    """A photo from a visit. Stored under a server-generated name; served only through a policy check."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="liaison/", max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Ảnh #{self.pk}"


class FeedbackItem(BusinessModel):
    """A formal piece of feedback given to the unit: to whom, what, what response is expected."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="feedback_items")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    addressee = models.CharField(max_length=300)
    content = models.TextField()
    expected_response = models.CharField(max_length=500, blank=True)
    specificity = models.PositiveSmallIntegerField(default=0, help_text="0-100; thấp là chung chung.")
    specificity_method = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Góp ý #{self.pk}"


class SituationReport(BusinessModel):
    """A periodic report on the followed unit."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="liaison_reports")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    cadre = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="liaison_reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    due_date = models.DateField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    party_organisation = models.TextField(blank=True)
    public_sentiment = models.TextField(blank=True)
    socio_economic = models.TextField(blank=True)
    security_order = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=64)

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key"], name="liaison_unique_report_key"),
            models.UniqueConstraint(
                fields=["unit", "cadre", "period_start"],
                condition=Q(deleted_at__isnull=True),
                name="liaison_one_report_per_period",
            ),
        ]
        indexes = [models.Index(fields=["unit", "period_start"]), models.Index(fields=["cadre", "period_start"])]

    def __str__(self) -> str:
        return f"Báo cáo {self.period_start:%m/%Y} · {self.unit}"

    @property
    def is_late(self) -> bool:
        from sausat.core.calendar import local_date

        return self.submitted_at is not None and local_date(self.submitted_at) > self.due_date


class PressingIssue(BusinessModel):
    """A pressing issue named in a situation report; it may be escalated to the province."""

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="issues")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Escalation(BusinessModel):
    """A pressing issue sent to a provincial organ: it becomes an opinion in the opinion register."""

    issue = models.OneToOneField(PressingIssue, on_delete=models.PROTECT, related_name="escalation")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="liaison_escalations")
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField()
    opinion = models.ForeignKey("opinions.Opinion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    # Not stored: set by sausat.liaison.selectors.open_escalations for the dashboard.
    is_open: bool
    is_overdue: bool

    class Meta:
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"Kiến nghị #{self.pk}"
