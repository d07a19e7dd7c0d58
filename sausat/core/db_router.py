"""Reads that dominate go to PostgreSQL read replicas; writes, and reads right after a write, do not.

Configured by ``SAUSAT_DATABASE_REPLICA_URLS`` (comma-separated); without it there is no replica alias
and every query goes to ``default``, as on one machine.

A read goes to a replica only when all of these hold:

- the request is a GET or HEAD under one of ``SAUSAT_REPLICA_READ_PATHS`` (the portal, public results,
  dashboards: pages that read a lot, write nothing and tolerate a second of replication lag),
  marked by :class:`ReplicaReadsMiddleware` for the duration of the request;
- the client did not write in the last ``SAUSAT_REPLICA_STICKY_SECONDS`` (read-your-own-writes: a
  POST sets a short-lived cookie that keeps the client's next reads on the primary);
- no transaction is open on the primary (a read inside a write's transaction must see that write);
- the model is not one of the sign-in tables (sessions, users, second factors, throttling), which are
  written by the request itself or just before it.
"""

from __future__ import annotations

import contextlib
import contextvars
import random
import time
from collections.abc import Iterator

from django.conf import settings
from django.db import connections

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads", default=False)
STICKY_COOKIE = "sausat_rw"
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "contenttypes", "otp_totp", "otp_static", "django_otp", "accounts"})


def replica_aliases() -> list[str]:
    return list(getattr(settings, "SAUSAT_REPLICAS", ()))


@contextlib.contextmanager
def replica_reads(enabled: bool = True) -> Iterator[None]:
    """Let the reads inside go to a replica (used by the middleware; usable by a job or a command)."""
    token = _replica_reads.set(enabled)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        if connections["default"].in_atomic_block:
            return None
        aliases = replica_aliases()
        return random.choice(aliases) if aliases else None  # noqa: S311 (load spreading, not security)

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # replicas receive the schema by replication


class ReplicaReadsMiddleware:
    """Marks safe requests under the replica paths; after a write, keeps the client on the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not replica_aliases():
            response = self.get_response(request)
            if request.method not in ("GET", "HEAD", "OPTIONS") and replica_aliases():
                sticky = int(getattr(settings, "SAUSAT_REPLICA_STICKY_SECONDS", 10))
                response.set_cookie(
                    STICKY_COOKIE,
                    str(int(time.time())),
                    max_age=sticky,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
        wrote_recently = STICKY_COOKIE in request.COOKIES
        use_replica = not wrote_recently and request.path.startswith(tuple(settings.SAUSAT_REPLICA_READ_PATHS))
        with replica_reads(use_replica):
            return self.get_response(request)
