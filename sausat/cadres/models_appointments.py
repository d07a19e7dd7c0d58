"""Appointment to a leadership post: the in-house (5 steps) or outside (3 steps) procedure, each
step a conference with a secret ballot, and the two working-day deadlines (rules.md B.6). The steps
and thresholds are dated data in :mod:`sausat.cadres.rules` (``Kind.APPOINTMENT``), never here.

Imported by :mod:`sausat.cadres.models` (one line); relations use string references.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sausat.core.models import BusinessModel
from sausat.geo.models import AdministrativeUnit


class Source(models.TextChoices):
    IN_HOUSE = "in_house", _("Nguồn nhân sự tại chỗ")
    OUTSIDE = "outside", _("Nguồn nhân sự từ nơi khác")


class AppointmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Chờ cấp có thẩm quyền cho chủ trương")
    IN_PROGRESS = "in_progress", _("Đang thực hiện quy trình")
    APPOINTED = "appointed", _("Đã chọn được nhân sự")


class Appointment(BusinessModel):
    """One appointment procedure for one post. ``policy_due`` and ``finish_due`` are counted by the
    deadline engine (working days, the province's days off) when the request and the policy are
    dated, and kept so a later change of calendar does not move a past deadline."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    post_title = models.CharField(max_length=300)
    post_level = models.CharField(max_length=50, help_text="as PlanningEntry.post_level, e.g. 'province'")
    source = models.CharField(max_length=10, choices=Source.choices)
    rule_code = models.CharField(max_length=40)
    requested_on = models.DateField(help_text="the written request for the competent level's policy")
    policy_due = models.DateField()
    policy_approved_on = models.DateField(null=True, blank=True)
    policy_reference = models.CharField(max_length=100, blank=True)
    finish_due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=AppointmentStatus.choices, default=AppointmentStatus.REQUESTED)
    appointed = models.ForeignKey(
        "cadres.AppointmentCandidate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finished_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return f"Bổ nhiệm {self.post_title}"


class AppointmentCandidate(BusinessModel):
    """A person proposed for the post; ``planning_entry`` is the plan that makes them eligible,
    else ``exception_reason`` is the competent level's written exception."""

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="candidates")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    planning_entry = models.ForeignKey(
        "cadres.PlanningEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exception_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["appointment_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "person"], condition=Q(deleted_at__isnull=True), name="cadres_appt_person_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.person)


class AppointmentStep(BusinessModel):
    """One conference of the procedure with its secret-ballot count. ``votes`` maps a candidate's
    id to the ballots for them (a policy step has the single key "agree"). A step that chose
    nobody may be held again; the latest attempt of a step number is the one that counts."""

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="steps")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    held_on = models.DateField()
    summoned = models.PositiveIntegerField()
    present = models.PositiveIntegerField()
    votes = models.JSONField(default=dict)
    passed = models.BooleanField(default=False)
    chosen = models.ForeignKey(AppointmentCandidate, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["appointment_id", "number", "id"]

    def __str__(self) -> str:
        return f"Bước {self.number}: {self.title}"
