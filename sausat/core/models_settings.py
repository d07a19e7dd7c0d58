"""Dated settings: a threshold the product applies, as data with its legal basis.

The defaults live in code (:mod:`sausat.core.dated_rules`, with their basis or the words "Mặc định
của sản phẩm"); a row here replaces the default from ``valid_from`` on, nationally (``unit`` empty)
or for one province (``unit`` set). See :func:`sausat.core.dated_rules.setting_for`.
"""

from __future__ import annotations

from django.db import models

from sausat.core.models import BusinessModel

__all__ = ["DatedSetting"]


class DatedSetting(BusinessModel):
    key = models.CharField(max_length=100, db_index=True)
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="The last day it applies; empty while in force.")
    value = models.JSONField()
    basis = models.CharField(max_length=500, help_text="The legal source, or 'Mặc định của sản phẩm'.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["key", "valid_from", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "valid_from"],
                condition=models.Q(unit__isnull=True, deleted_at__isnull=True),
                name="core_datedsetting_national",
            ),
            models.UniqueConstraint(
                fields=["key", "unit", "valid_from"],
                condition=models.Q(deleted_at__isnull=True),
                name="core_datedsetting_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} từ {self.valid_from:%d/%m/%Y}"
