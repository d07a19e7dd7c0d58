"""Planning for higher posts (377-QĐ/TW): the yearly review of a plan and the log of every
addition and removal with its reason. The entries themselves are
:class:`sausat.cadres.models.PlanningEntry`; thresholds live in :mod:`sausat.cadres.rules`.

Imported by :mod:`sausat.cadres.models` (one line) so Django registers the models with the app;
relations use string references so this module imports nothing from ``models``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sausat.core.models import BusinessModel
from sausat.geo.models import AdministrativeUnit


class PlanningReview(BusinessModel):
    """One yearly review of a unit's plan for a term: planning is "dynamic and open", reviewed
    every year, with people removed and added (377-QĐ/TW; rules.md B.6)."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    term = models.CharField(max_length=20, help_text="e.g. '2025-2030'")
    year = models.PositiveSmallIntegerField()
    reviewed_on = models.DateField()
    rule_code = models.CharField(max_length=40)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "term", "year"], condition=Q(deleted_at__isnull=True), name="cadres_planreview_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} · {self.year}"


class ChangeKind(models.TextChoices):
    ADD = "add", _("Bổ sung vào quy hoạch")
    REMOVE = "remove", _("Đưa ra khỏi quy hoạch")


class PlanningChange(models.Model):
    """Append-only: one addition to or removal from a plan, with its reason and the automatic
    flags standing at that moment (so a later reader sees why, not only that)."""

    entry = models.ForeignKey("cadres.PlanningEntry", on_delete=models.PROTECT, related_name="changes")
    review = models.ForeignKey(PlanningReview, null=True, blank=True, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    on = models.DateField()
    reason = models.TextField(blank=True)
    flags = models.JSONField(default=list, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_label = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.entry_id}"
