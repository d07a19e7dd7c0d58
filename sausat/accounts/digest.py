"""The daily e-mail digest: each person who turned it on gets their inbox once a day, exactly once.

Opt-in: :class:`~sausat.accounts.models.DigestPreference` (off unless the person turns it on on
their account page). ``manage.py accounts_daily_digest`` (a daily timer, deploy/scheduler.py)
queues one job per person and day (``dedup_key`` ``digest:<user>:<yyyy-mm-dd>``, so running it
twice queues nothing new); the job composes the person's inbox (:func:`sausat.core.inbox.inbox_for`,
the same lists as the home page and ``/api/v1/me/inbox``) and sends it through Django's mail
backend. The send is guarded by :func:`sausat.core.jobs.once` with the same person+day key and
happens on commit of the mark, so a job re-run after a crash never sends twice (at most once: a
crash between the commit and the send loses that day's mail rather than doubling it). An empty
inbox sends nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from sausat.core.actors import SystemActor
from sausat.core.calendar import local_date
from sausat.core.inbox import inbox_for
from sausat.core.jobs import enqueue, once
from sausat.core.numbers import vn_number

DIGEST_ACTOR = SystemActor(reason="daily-digest")


@dataclass(frozen=True)
class DigestRun:
    day: dt.date
    queued: int


def digest_key(user_id: int, day: dt.date) -> str:
    return f"digest:{user_id}:{day:%Y-%m-%d}"


def address_of(user) -> str:
    """The account's e-mail address, else the one on the person's record."""
    if user.email:
        return user.email
    person = getattr(user, "person", None)
    return getattr(person, "email", "") or ""


def recipients():
    """Active accounts whose owner turned the digest on."""
    return get_user_model().objects.filter(is_active=True, digest_preference__daily_digest=True).order_by("pk")


def wants_digest(user) -> bool:
    pref = getattr(user, "digest_preference", None) if user.pk else None
    return bool(pref and pref.daily_digest)


def _absolute(url: str) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}{url}" if url.startswith("/") else url


def compose(user, day: dt.date) -> tuple[str, str] | None:
    """(subject, body) in Vietnamese, or None when nothing is waiting for ``user``."""
    with translation.override("vi"):
        sections = [s for s in inbox_for(user, today=day) if s.count or s.figures]
        total = sum(s.count for s in sections)
        if not total:
            return None
        subject = f"Sâu sát: {vn_number(total)} việc đang chờ bạn ngày {day:%d/%m/%Y}"
        name = getattr(getattr(user, "person", None), "full_name", "") or user.get_username()
        lines = [f"Kính gửi {name},", "", f"Ngày {day:%d/%m/%Y}, có {vn_number(total)} việc đang chờ bạn xử lý:", ""]
        for section in sections:
            lines.append(f"{section.label} ({vn_number(section.count)})")
            for figure in section.figures:
                lines.append(f"  {figure.label}: {figure.text}")
            for item in section.items:
                due = f" — hạn {item.due:%d/%m/%Y}" if item.due else ""
                late = " (quá hạn)" if item.overdue else ""
                lines.append(f"  - {item.title}{due}{late}")
                lines.append(f"    {_absolute(item.url)}")
            if section.count > len(section.items):
                more = section.count - len(section.items)
                lines.append(
                    f"  … và {vn_number(more)} việc khác"
                    + (f": {_absolute(section.more_url)}" if section.more_url else "")
                )
            lines.append("")
        lines += [
            "Thư này được gửi mỗi ngày một lần vì bạn đã đăng ký nhận bản tin việc cần làm.",
            f"Thôi nhận thư: {_absolute('/tai-khoan/')}",
        ]
        return subject, "\n".join(lines)


def send_digest(user_id: int, day: dt.date) -> bool:
    """Send ``user_id``'s digest of ``day`` unless it was sent before; True when a mail was sent."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).select_related("digest_preference").first()
    if user is None or not wants_digest(user):
        return False
    address = address_of(user)
    if not address:
        return False
    message = compose(user, day)
    if message is None:
        return False
    subject, body = message
    with transaction.atomic():
        if not once(digest_key(user_id, day)):
            return False
        # Sent only if the mark commits: a re-run finds the mark and sends nothing.
        transaction.on_commit(lambda: send_mail(subject, body, None, [address]))
    return True


def enqueue_daily_digests(day: dt.date | None = None) -> DigestRun:
    """Queue today's digest job for every person who wants one (again the same day: nothing new)."""
    from sausat.accounts.jobs import daily_digest

    day = day or local_date(timezone.now())
    queued = 0
    for user in recipients().only("pk"):
        enqueue(
            daily_digest,
            args={"user_id": user.pk, "day": day.isoformat()},
            actor=DIGEST_ACTOR,
            dedup_key=digest_key(user.pk, day),
        )
        queued += 1
    return DigestRun(day=day, queued=queued)
