"""Login throttling reads: who the client is, and whether an attempt may reach the password hasher.

Counting lives in :mod:`sausat.accounts.services`. The check runs before ``authenticate()``, so a
refused attempt costs one indexed read and no password hashing.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import math

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from sausat.accounts.models import LoginThrottle

log = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _trusted_networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def trusted_networks() -> tuple[Network, ...]:
    return _trusted_networks(tuple(settings.SAUSAT_TRUSTED_PROXIES))


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(ip, networks: tuple[Network, ...]) -> bool:
    return ip is not None and any(ip in net for net in networks)


def client_address(request) -> str:
    """REMOTE_ADDR, unless it is a trusted proxy: then the nearest untrusted hop of X-Forwarded-For.

    The header is read right to left because only the entries our own proxies appended can be
    believed; anything further left was written by the client.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = trusted_networks()
    if not networks or not _trusted(_ip(remote), networks):
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:
            return remote  # a garbled chain is not evidence of anything: count it against the proxy
        if not _trusted(ip, networks):
            return str(ip)
    return str(_ip(hops[0])) if hops else remote


def account_key(username: str) -> str:
    return username.strip().casefold()[:150]


def retry_after(username: str, address: str) -> int:
    """Seconds until this account name or this address may try a password again; 0 when allowed.

    Fails closed: when the counters cannot be read, the attempt is refused (reliability plan F7).
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            rows = list(
                LoginThrottle.objects.filter(
                    Q(kind=LoginThrottle.Kind.ACCOUNT, key=account_key(username))
                    | Q(kind=LoginThrottle.Kind.ADDRESS, key=address),
                    locked_until__gt=now,
                ).values_list("locked_until", flat=True)
            )
    except DatabaseError:
        log.exception("login throttle store unavailable; refusing the attempt")
        return int(settings.SAUSAT_LOGIN_COOLOFF_SECONDS)
    if not rows:
        return 0
    return max(1, math.ceil((max(rows) - now).total_seconds()))


# Public look-up forms (an opinion's reference code): failed look-ups per client address.
LOOKUP_LIMIT = 10
LOOKUP_WINDOW_SECONDS = 15 * 60


def lookup_key(scope: str, address: str) -> str:
    return f"{scope}:{address}"[:150]


def lookup_retry_after(scope: str, address: str) -> int:
    """Seconds until ``address`` may use the public look-up ``scope`` again; 0 when allowed (fails closed)."""
    now = timezone.now()
    try:
        until = (
            LoginThrottle.objects.filter(
                kind=LoginThrottle.Kind.LOOKUP, key=lookup_key(scope, address), locked_until__gt=now
            )
            .values_list("locked_until", flat=True)
            .first()
        )
    except DatabaseError:
        log.exception("look-up throttle store unavailable; refusing the look-up")
        return LOOKUP_WINDOW_SECONDS
    return max(1, math.ceil((until - now).total_seconds())) if until else 0
