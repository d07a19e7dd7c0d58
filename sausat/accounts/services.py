"""Account writes: failed-login counters and lock-outs, TOTP devices, password changes (all audited)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sausat.accounts.models import LoginThrottle
from sausat.accounts.throttle import account_key
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit

THROTTLE_ACTOR = "login-throttle"


def _limits() -> tuple[tuple[str, int], ...]:
    return (
        (LoginThrottle.Kind.ACCOUNT, int(settings.SAUSAT_LOGIN_FAILURE_LIMIT)),
        (LoginThrottle.Kind.ADDRESS, int(settings.SAUSAT_LOGIN_ADDRESS_FAILURE_LIMIT)),
    )


def record_login_failure(*, username: str, address: str) -> bool:
    """Count one wrong password against the account name and the address; True when it locked one.

    A counter's window is the cool-off period: failures older than that are forgotten, and a
    lock-out lasts that long. Each lock-out writes an audit row.
    """
    now = timezone.now()
    cooloff = dt.timedelta(seconds=int(settings.SAUSAT_LOGIN_COOLOFF_SECONDS))
    keys = {LoginThrottle.Kind.ACCOUNT: account_key(username), LoginThrottle.Kind.ADDRESS: address[:150]}
    locked = False
    with transaction.atomic():
        created_any = False
        for kind, limit in _limits():
            row, created = LoginThrottle.objects.select_for_update().get_or_create(kind=kind, key=keys[kind])
            created_any |= created
            if row.window_start <= now - cooloff:
                row.failures, row.window_start, row.locked_until = 0, now, None
            row.failures += 1
            row.updated_at = now
            if row.failures >= limit and not (row.locked_until and row.locked_until > now):
                row.locked_until = now + cooloff
                locked = True
                record_audit(
                    actor=THROTTLE_ACTOR,
                    action=AuditEvent.Action.LOGIN,
                    verb="login.lockout",
                    object_type="accounts.loginthrottle",
                    object_id=str(row.pk),
                    object_repr=f"{kind}: {row.key}",
                    after={
                        "kind": kind,
                        "key": row.key,
                        "failures": row.failures,
                        "until": row.locked_until.isoformat(),
                    },
                )
            row.save()
        if created_any:
            # Keeps the table as small as the recent failures, whatever names a sprayer invents.
            LoginThrottle.objects.filter(updated_at__lt=now - 2 * cooloff).delete()
    return locked


def record_login_success(*, username: str) -> None:
    """A right password clears the account's count (not the address's: one valid account must not
    let an address keep guessing others)."""
    with transaction.atomic():
        LoginThrottle.objects.filter(kind=LoginThrottle.Kind.ACCOUNT, key=account_key(username)).delete()


def enrol_totp(*, actor: Any, user: Any, key: str) -> TOTPDevice:
    """Store a confirmed TOTP device with ``key`` (hex), replacing any earlier one of this user."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="TOTP", key=key, confirmed=True)
        # The secret never goes into the audit trail.
        record_audit(actor=actor, action=AuditEvent.Action.CREATE, obj=device, verb="account.mfa_enrol", after={})
    return device


def remove_totp(*, actor: Any, user: Any) -> int:
    with transaction.atomic():
        devices = list(TOTPDevice.objects.filter(user=user))
        for device in devices:
            record_audit(actor=actor, action=AuditEvent.Action.DELETE, obj=device, verb="account.mfa_remove")
            device.delete()
    return len(devices)


def change_password(*, actor: Any, user: Any, new_password: str) -> Any:
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record_audit(actor=actor, action=AuditEvent.Action.UPDATE, obj=user, verb="account.password_change")
    return user
