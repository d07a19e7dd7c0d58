"""Anonymous opinions that stay anonymous against a database superuser who also holds the logs.

The attack: ``auth_user.last_login`` and ``django_session.expire_date`` (login + session age) give
every login to the microsecond. An anonymous opinion written in the submitter's own request carries
the same instant many times over: its ``created_at``/``updated_at``, its audit row's ``at``, its
sequential primary key and audit id, and on PostgreSQL the ``xmin`` (transaction id) and ``ctid``
(physical position) of the rows it inserted. "The latest login before the opinion" named the sender
of 50 opinions out of 50.

What breaks the link, and why each piece is needed:

- **Held, then flushed in batches in a random order.** A submission is first kept as a
  :class:`~sausat.opinions.models.PendingAnonymousOpinion` (random UUID key, no time, only the local
  day). When a meeting has :func:`batch_size` of them waiting, the request that completes the batch
  turns them all into opinions in ONE transaction, shuffled with the system's CSPRNG; leftovers go
  when the day is over or the meeting stops taking opinions (``manage.py opinions_flush_anonymous``,
  run from cron). Inside a batch the pks and audit ids are a random permutation and ``xmin`` is the
  same for all, so an observer can only guess among the batch. Random primary keys alone would not
  do: a row inserted by the submitter's own transaction is still ordered between the logins' session
  rows by ``xmin`` and ``ctid``.
- **Coarse time.** ``created_at``, ``updated_at``, the audit row's ``at`` and the snapshot inside it
  are all 00:00 of the submission's day in Vietnam.
- **Nothing from the request.** No actor and no request id in the audit row; the idempotency key is
  stored as an HMAC (a caller's keys may be sequential); the submission never touches the session;
  log lines about the public form carry no request id, address, agent or user (``core.logformat``).

Pending rows are not audited on purpose: an audit row at hold time would carry the very instant and
sequence this module removes; the opinion's creation is audited when the batch is flushed.
What remains (pending rows seen live, WAL archives, small leftover batches) is in docs/anonymity.md.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ, local_date
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit, snapshot
from sausat.opinions.models import Opinion, PendingAnonymousOpinion
from sausat.opinions.vector_jobs import vectors_wanted
from sausat.textkit.normalize import search_key

DEFAULT_BATCH = 10
# Who writes a flushed batch (the audit row names nobody anyway: anonymous=True).
FLUSH_ACTOR = SystemActor(reason="anonymous opinion batch")

__all__ = ["batch_size", "flush_anonymous", "hold_anonymous", "start_of_day", "stored_key"]


def batch_size() -> int:
    """Submissions per meeting that are flushed together (``SAUSAT_ANONYMOUS_BATCH``, at least 2)."""
    return max(2, int(getattr(settings, "SAUSAT_ANONYMOUS_BATCH", DEFAULT_BATCH)))


def stored_key(key: str) -> str:
    """The idempotency key as stored for an anonymous submission: keyed hash, no order."""
    return "anon:" + salted_hmac("sausat.opinions.anonymous", key, algorithm="sha256").hexdigest()


def start_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=VN_TZ)


def hold_anonymous(
    *,
    meeting,
    unit,
    channel: str,
    text: str,
    key: str,
    group=None,
    responder_organ=None,
    deadline: dt.date | None = None,
    ref_hash: str = "",
) -> None:
    """Keep one anonymous submission for its batch; flush the meeting's batch when it is full.

    ``text`` is already normalised and ``key`` already passed through :func:`stored_key`.
    A repeated key is a no-op.
    """
    try:
        with transaction.atomic():
            pending = PendingAnonymousOpinion(
                meeting=meeting,
                unit=unit,
                channel=channel,
                text=text,
                group=group,
                idempotency_key=key,
                responder_organ=responder_organ,
                deadline=deadline,
                day=local_date(timezone.now()),
                ref_hash=ref_hash,
            )
            pending.full_clean(validate_unique=False)
            pending.save(force_insert=True)
    except IntegrityError:
        # The same submission raced itself (double click, retry): the first one is held.
        return
    meeting_id = getattr(meeting, "pk", None)
    if PendingAnonymousOpinion.objects.filter(meeting_id=meeting_id).count() >= batch_size():
        flush_anonymous(meeting_ids=[meeting_id])


def _due(rows: list[PendingAnonymousOpinion], *, meeting_open: bool, today: dt.date) -> bool:
    return len(rows) >= batch_size() or not meeting_open or any(r.day < today for r in rows)


def flush_anonymous(*, meeting_ids: list | None = None, everything: bool = False) -> int:
    """Turn the due pending submissions into opinions; one transaction, random order.

    A meeting's pending rows are due when there are a batch of them, when any is from an earlier
    day, or when the meeting no longer takes opinions; ``everything`` flushes all regardless.
    Returns the number of opinions created.
    """
    from sausat.meetings.models import Meeting, MeetingStatus

    today = local_date(timezone.now())
    with transaction.atomic():
        qs = PendingAnonymousOpinion.objects.select_for_update().order_by("id")
        if meeting_ids is not None:
            qs = qs.filter(meeting_id__in=meeting_ids)
        by_meeting: dict = defaultdict(list)
        for row in qs:
            by_meeting[row.meeting_id].append(row)
        open_ids = set(
            Meeting.objects.filter(pk__in=[m for m in by_meeting if m], status=MeetingStatus.OPEN).values_list(
                "pk", flat=True
            )
        )
        due = [
            row
            for meeting_id, rows in by_meeting.items()
            if everything or _due(rows, meeting_open=meeting_id is None or meeting_id in open_ids, today=today)
            for row in rows
        ]
        if not due:
            return 0
        # The order of insertion is what pks, audit ids and physical row order will show.
        secrets.SystemRandom().shuffle(due)
        taken = set(
            Opinion.all_objects.filter(idempotency_key__in=[r.idempotency_key for r in due]).values_list(
                "idempotency_key", flat=True
            )
        )
        created = 0
        for row in due:
            if row.idempotency_key in taken:
                continue
            at = start_of_day(row.day)
            opinion = Opinion(
                meeting_id=row.meeting_id,
                unit_id=row.unit_id,
                channel=row.channel,
                text=row.text,
                search_key=search_key(row.text),
                anonymous=True,
                group_id=row.group_id,
                idempotency_key=row.idempotency_key,
                responder_organ_id=row.responder_organ_id,
                deadline=row.deadline,
                ref_hash=row.ref_hash,
                created_at=at,
                updated_at=at,
            )
            opinion.full_clean(validate_unique=False)
            opinion.save(force_insert=True)
            record_audit(
                actor=FLUSH_ACTOR,
                action=AuditEvent.Action.CREATE,
                obj=opinion,
                after=snapshot(opinion),
                verb="opinion.register",
                anonymous=True,
                at=at,
            )
            created += 1
        PendingAnonymousOpinion.objects.filter(pk__in=[r.pk for r in due]).delete()
        for meeting_id in sorted({r.meeting_id for r in due if r.meeting_id is not None}):
            vectors_wanted(meeting_id)
    return created
