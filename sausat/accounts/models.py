"""Failed-login counters: one row per account name and one per client address."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class LoginThrottle(models.Model):
    class Kind(models.TextChoices):
        ACCOUNT = "account", "account"
        ADDRESS = "address", "address"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The account name as typed (case-folded) or the client address; never the password.
    key = models.CharField(max_length=150)
    failures = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="accounts_throttle_kind_key")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} ({self.failures})"
