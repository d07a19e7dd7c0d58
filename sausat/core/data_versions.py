"""Versions of kinds of data, so an expensive figure is computed once per change, not per page load.

An app declares which audited object types make up a kind of data (``track("directives.",
key="directives")``, in its ``AppConfig.ready``). Every audited write of such an object
(:func:`sausat.core.services.record_audit`, which every service calls) bumps the kind's counter
after its transaction commits (``transaction.on_commit``, once per transaction): the counter is a
row of :class:`sausat.core.models_versions.DataVersion`, shared by every web process.

A reader caches its result under the current versions of what it reads (:func:`cached`): one small
query for the versions, then the process cache. A stale entry is never read again once the version
moved on, so nothing needs deleting; the window between the commit and the bump is a few
milliseconds.

Within one web request the counters are read once (:class:`VersionsPerRequest`): a page that shows
several cached parts reads them with one query, and a bump during that request drops the memo so
the request sees its own write.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F

logger = logging.getLogger(__name__)

_TRACKED: dict[str, str] = {}  # object-type prefix ("directives.", "people.rolegrant") -> version key
CACHE_SECONDS = 24 * 3600
# Every counter of the current request, read at first use; None outside a request (commands and jobs
# read each time). "" marks "loaded", so an empty table is not read again.
_request_memo: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "sausat_data_versions", default=None
)


class VersionsPerRequest:
    """Middleware: the data versions are read at most once per request (again after a bump)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def track(prefix: str, *, key: str) -> None:
    """Audited writes of object types starting with ``prefix`` bump the version ``key``."""
    _TRACKED[prefix] = key


def key_for(object_type: str) -> str | None:
    for prefix, key in _TRACKED.items():
        if object_type.startswith(prefix):
            return key
    return None


def bump(key: str) -> None:
    from sausat.core.models_versions import DataVersion

    memo = _request_memo.get()
    if memo is not None:
        memo.clear()
    # Every audited write pays for this statement after its commit: written out, it costs a quarter
    # of the ORM's update (0.35 against 0.6 ms on PostgreSQL, most of it compiling; issue 17, S6).
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET n = n + 1 WHERE {connection.ops.quote_name('key')} = %s", [key])  # noqa: S608
        if cursor.rowcount:
            return
    try:
        with transaction.atomic():
            DataVersion.objects.create(key=key, n=1)
    except IntegrityError:  # another process created it meanwhile
        DataVersion.objects.filter(key=key).update(n=F("n") + 1)


def _bump_after_commit(key: str) -> None:
    try:
        bump(key)
    except Exception:  # the write is committed; a missed bump only delays a cached figure
        logger.exception("data version %s not bumped", key)


def bump_on_commit(object_type: str) -> None:
    """Bump the version of ``object_type``'s kind once the current transaction commits (once per transaction)."""
    key = key_for(object_type)
    if key is None:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Django drops the callbacks of a rolled-back savepoint, so a pending one is still due.
        if any(getattr(func, "version_key", None) == key for _sids, func, _robust in connection.run_on_commit):
            return

        def callback() -> None:
            _bump_after_commit(key)

        callback.version_key = key  # type: ignore[attr-defined]
        transaction.on_commit(callback)
    else:
        _bump_after_commit(key)


def versions(keys: Iterable[str]) -> tuple[int, ...]:
    """The current counters of ``keys`` (0 for a kind never written), in one query."""
    from sausat.core.models_versions import DataVersion

    keys = list(keys)
    memo = _request_memo.get()
    if memo is None:
        found = dict(DataVersion.objects.filter(key__in=keys).values_list("key", "n"))
        return tuple(found.get(k, 0) for k in keys)
    if "" not in memo:  # the table holds one row per kind of data: read them all at once
        memo.update(DataVersion.objects.values_list("key", "n"))
        memo[""] = 0
    return tuple(memo.get(k, 0) for k in keys)


def cached[T](
    name: str, keys: Iterable[str], parts: Hashable, compute: Callable[[], T], *, seconds: int = CACHE_SECONDS
) -> T:
    """``compute()`` cached under ``name``, ``parts`` (who and what is asked) and the versions of ``keys``,
    for at most ``seconds``.

    Inside a transaction nothing is cached or read from the cache: the transaction may see its own
    writes, which others must not, and which have not bumped a version yet.
    """
    if transaction.get_connection().in_atomic_block:
        return compute()
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    cache_key = f"sausat:{name}:{digest}:" + ".".join(str(n) for n in versions(keys))
    value: Any = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, seconds)
    return value


def cached_markup[T](
    name: str, keys: Iterable[str], parts: Hashable, compute: Callable[[], T], *, seconds: int = CACHE_SECONDS
) -> T:
    """:func:`cached` for rendered text: translated labels and reversed addresses are in it, so the
    active language and the script prefix are part of the key."""
    from django.urls import get_script_prefix
    from django.utils import translation

    return cached(name, keys, (parts, translation.get_language(), get_script_prefix()), compute, seconds=seconds)
