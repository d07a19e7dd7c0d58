"""API bearer tokens: shown once at creation, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from sausat.core.actors import Actor
from sausat.core.models import ApiToken
from sausat.core.services import record_audit


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(*, actor: Actor, user, name: str) -> tuple[ApiToken, str]:
    key = "ss_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name[:100], key_hash=_hash(key), prefix=key[:8])
        record_audit(actor=actor, action="create", obj=token, verb="api_token.issue", after={"name": token.name})
    return token, key


def user_for_key(key: str):
    token = (
        ApiToken.objects.filter(key_hash=_hash(key), revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def revoke_token(token: ApiToken, *, actor: Actor) -> ApiToken:
    """Revoke a token; requests bearing it are refused from now on. Audited."""
    with transaction.atomic():
        current = ApiToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked_at is None:
            current.revoked_at = timezone.now()
            current.save(update_fields=["revoked_at"])
            record_audit(
                actor=actor,
                action="update",
                obj=current,
                verb="api_token.revoke",
                after={"revoked_at": current.revoked_at.isoformat()},
            )
    return current


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at")
