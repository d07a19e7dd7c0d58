"""The article view counter: per visitor per day, nothing personal kept, no database write per view.

On the request path a view costs one appended line in a spool file (``VAR_DIR/portal-views/``):
``day article_id visitor_hash``. The hash is SHA-256 over a random salt of the day + client address +
user agent, cut to 16 bytes; the salt lives in a file that the flush deletes once its day is over,
after which no hash can be recomputed from an address (the privacy-first analytics approach).
Bots (by user agent) are not counted.

:func:`flush` (``manage.py portal_flush_views``, or the ``sausat.portal.jobs.flush_views`` task; run it every
minute from the scheduler) takes the spool files over by renaming them, de-duplicates against the
visitors already counted that day (:class:`~sausat.portal.models.ViewSeen`) and adds the new views with
one UPDATE per article in one transaction.

Loss bounds: a crashed web process loses nothing (each line is written with O_APPEND before the
response); a crashed flush leaves its renamed file, which the next flush reads again (its transaction
rolled back, so nothing is counted twice); a host crash can lose the lines still in the OS page cache
(seconds). A view is shown on the page at most one flush interval late.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sausat.portal.models import ArticlePage, ViewSeen

BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|facebookexternalhit|zalo.*preview|curl|wget|python-|httpx|"
    r"headless|lighthouse|monitor|uptime|feed|scrapy|go-http|java/|okhttp",
    re.IGNORECASE,
)
_MAX_MEMORY = 100_000
_seen: set[tuple[str, int, str]] = set()
_seen_day: str = ""
_salts: dict[str, bytes] = {}


def spool_dir() -> Path:
    path = Path(settings.VAR_DIR) / "portal-views"
    path.mkdir(parents=True, exist_ok=True)
    return path


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_RE.search(user_agent))


def daily_salt(day: str) -> bytes:
    salt = _salts.get(day)
    if salt is not None:
        return salt
    path = spool_dir() / f"salt-{day}"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        salt = path.read_bytes()
    else:
        salt = secrets.token_bytes(32)
        with os.fdopen(fd, "wb") as fh:
            fh.write(salt)
    if len(salt) != 32:  # another process is still writing it: wait for it once
        time.sleep(0.01)
        salt = path.read_bytes()
    _salts.clear()
    _salts[day] = salt
    return salt


def visitor_hash(address: str, user_agent: str, day: str) -> str:
    digest = hashlib.sha256(daily_salt(day) + f"|{address}|{user_agent}".encode())
    return digest.hexdigest()[:32]


def record_view(request, article_id: int) -> bool:
    """Spool one view (no database access); False for bots and repeat views already spooled here."""
    from sausat.accounts.throttle import client_address

    global _seen_day
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:400]
    # SAUSAT_PORTAL_COUNT_VIEWS=0: no counting (the on/off figure of docs/performance.md).
    if not settings.SAUSAT_PORTAL_COUNT_VIEWS or is_bot(user_agent):
        return False
    day = timezone.localdate().isoformat()
    if day != _seen_day or len(_seen) > _MAX_MEMORY:
        _seen.clear()
        _seen_day = day
    key = (day, int(article_id), visitor_hash(client_address(request), user_agent, day))
    if key in _seen:
        return False
    _seen.add(key)
    line = f"{key[0]} {key[1]} {key[2]}\n".encode()
    fd = os.open(spool_dir() / f"views-{os.getpid()}.spool", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)
    return True


def _take_spools() -> list[Path]:
    """Rename live spools so writers start new ones; earlier renamed files (a crashed flush) stay."""
    folder = spool_dir()
    stamp = f"{time.time_ns()}"
    for live in folder.glob("views-*.spool"):
        live.rename(folder / f"{live.stem}.{stamp}.taken")
    return sorted(folder.glob("*.taken"))


def flush() -> dict[str, int]:
    """Count the spooled views; see the module docstring for the guarantees."""
    files = _take_spools()
    hits: set[tuple[str, int, str]] = set()
    for path in files:
        for raw in path.read_text(encoding="ascii", errors="replace").splitlines():
            parts = raw.split()
            if len(parts) == 3 and parts[1].isdigit():
                hits.add((parts[0], int(parts[1]), parts[2]))
    added: Counter[int] = Counter()
    with transaction.atomic():
        days = {h[0] for h in hits}
        known = set(
            ViewSeen.objects.filter(day__in=days, article_id__in={h[1] for h in hits}).values_list(
                "day", "article_id", "visitor_hash"
            )
        )
        known = {(d.isoformat(), a, v) for d, a, v in known}
        new = sorted(hits - known)
        live_ids = set(ArticlePage.objects.filter(pk__in={h[1] for h in new}).values_list("pk", flat=True))
        new = [h for h in new if h[1] in live_ids]
        ViewSeen.objects.bulk_create(
            [ViewSeen(day=dt.date.fromisoformat(d), article_id=a, visitor_hash=v) for d, a, v in new],
            batch_size=1000,
            ignore_conflicts=True,
        )
        added.update(h[1] for h in new)
        for article_id, n in added.items():
            ArticlePage.objects.filter(pk=article_id).update(view_count=F("view_count") + n)
        today = timezone.localdate()
        purged, _ = ViewSeen.objects.filter(day__lt=today - dt.timedelta(days=1)).delete()
        transaction.on_commit(lambda: [p.unlink(missing_ok=True) for p in files])
    for old in spool_dir().glob("salt-*"):
        if old.name < f"salt-{(today - dt.timedelta(days=1)).isoformat()}":
            old.unlink(missing_ok=True)
    return {"lines": len(hits), "views": sum(added.values()), "articles": len(added), "purged": purged}
