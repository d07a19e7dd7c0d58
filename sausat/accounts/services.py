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
from sausat.core.actors import Actor, SystemActor
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit

THROTTLE_ACTOR = SystemActor(reason="login-throttle")


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
    keys: dict[str, str] = {
        LoginThrottle.Kind.ACCOUNT: account_key(username),
        LoginThrottle.Kind.ADDRESS: address[:150],
    }
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


def enrol_totp(*, actor: Actor, user: Any, key: str) -> TOTPDevice:
    """Store a confirmed TOTP device with ``key`` (hex), replacing any earlier one of this user."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="TOTP", key=key, confirmed=True)
        # The secret never goes into the audit trail.
        record_audit(actor=actor, action=AuditEvent.Action.CREATE, obj=device, verb="account.mfa_enrol", after={})
    return device


def remove_totp(*, actor: Actor, user: Any) -> int:
    with transaction.atomic():
        devices = list(TOTPDevice.objects.filter(user=user))
        for device in devices:
            record_audit(actor=actor, action=AuditEvent.Action.DELETE, obj=device, verb="account.mfa_remove")
            device.delete()
    return len(devices)


def change_password(*, actor: Actor, user: Any, new_password: str) -> Any:
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record_audit(actor=actor, action=AuditEvent.Action.UPDATE, obj=user, verb="account.password_change")
    return user


def set_daily_digest(*, actor: Actor, user: Any, enabled: bool) -> Any:
    """Turn the person's daily e-mail digest on or off (one audit row)."""
    from sausat.accounts.models import DigestPreference

    with transaction.atomic():
        pref, _created = DigestPreference.objects.select_for_update().get_or_create(user=user)
        before = pref.daily_digest
        pref.daily_digest = bool(enabled)
        pref.updated_at = timezone.now()
        pref.save(update_fields=["daily_digest", "updated_at"])
        record_audit(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=pref,
            verb="account.daily_digest",
            before={"daily_digest": before},
            after={"daily_digest": pref.daily_digest},
        )
    return pref


def record_lookup_failure(*, scope: str, address: str) -> bool:
    """Count one look-up that found nothing for ``address``; True when it locked the address out.

    Only the counter is kept (the address and a count, never what was typed); a lock-out writes an
    audit row, as for sign-in. A look-up that finds its opinion writes nothing at all.
    """
    from sausat.accounts.throttle import LOOKUP_LIMIT, LOOKUP_WINDOW_SECONDS, lookup_key

    now = timezone.now()
    window = dt.timedelta(seconds=LOOKUP_WINDOW_SECONDS)
    with transaction.atomic():
        row, created = LoginThrottle.objects.select_for_update().get_or_create(
            kind=LoginThrottle.Kind.LOOKUP, key=lookup_key(scope, address)
        )
        if row.window_start <= now - window:
            row.failures, row.window_start, row.locked_until = 0, now, None
        row.failures += 1
        row.updated_at = now
        locked = row.failures >= LOOKUP_LIMIT and not (row.locked_until and row.locked_until > now)
        if locked:
            row.locked_until = now + window
        row.save()
        if locked:
            record_audit(
                actor=THROTTLE_ACTOR,
                action=AuditEvent.Action.OTHER,
                verb="lookup.lockout",
                object_type="accounts.loginthrottle",
                object_id=str(row.pk),
                object_repr=row.key,
                after={
                    "key": row.key,
                    "failures": row.failures,
                    "until": row.locked_until.isoformat() if row.locked_until else None,
                },
            )
        if created:
            LoginThrottle.objects.filter(kind=LoginThrottle.Kind.LOOKUP, updated_at__lt=now - 2 * window).delete()
    return locked
