"""Failed-login counters: one row per account name and one per client address."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class LoginThrottle(models.Model):
    class Kind(models.TextChoices):
        ACCOUNT = "account", "account"
        ADDRESS = "address", "address"
        LOOKUP = "lookup", "lookup"  # a public look-up form (e.g. an opinion's reference code), per address

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


class DigestPreference(models.Model):
    """A person's choice about the daily e-mail digest of their inbox: off until they turn it on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference")
    daily_digest = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id}: {'on' if self.daily_digest else 'off'}"
