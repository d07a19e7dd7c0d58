"""Sentence vectors computed as opinions arrive, so the grouping page finds them ready.

Embedding costs ~30-40 ms a text on 2 cores: far too slow for the submission request, and too slow
to do for a whole large meeting when the secretary opens the grouping page (above
``grouping.EMBED_BUDGET`` uncached texts the page falls back to TF-IDF for the remainder). So every
committed opinion of a meeting asks for one coalesced background job per meeting and time window:

- the submission registers an ``on_commit`` callback (no query); after commit the callback looks
  in this process's memory whether the (meeting, window) job was already asked for: if so it does
  nothing (no query), else it inserts one ``Job`` row with ``dedup_key`` ``opinion-vectors:<meeting>:<window>``
  (another process asking for the same window gets the existing row), due at the window's end;
- the job embeds every opinion of the meeting whose vector is not cached yet (a cached text costs a
  hash and one indexed read per 500 texts; duplicates and repeated texts are embedded once), so an
  opinion missed by one window, e.g. because its process died between commit and callback, is
  picked up by the next job of that meeting;
- the vectors are written batch by batch (``BATCH`` texts, one short transaction each, see
  :func:`sausat.textkit.vectors.embed`) and the ``Job`` row's progress moves after each batch: a
  crash or a restart loses at most one batch, and the grouping page already uses the vectors
  written so far.

A submission therefore costs one ``Job`` row (and its audit row) per meeting, window and process,
not one per opinion (``benchmarks/live_conference_l1.py`` figures must hold).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from sausat.core.jobs import enqueue, labelled, report_progress

log = logging.getLogger(__name__)

# Seconds a job waits to collect the opinions of its window: at most this delay, plus the worker's
# poll and the embedding time, before a new opinion's vector is ready.
WINDOW_SECONDS = 15
_ASKED_MAX = 4096
BATCH = 32  # texts embedded (~1 s on 2 cores) and written per transaction
_asked: dict[tuple[int, int], None] = {}
_lock = threading.Lock()


def _window(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // WINDOW_SECONDS)


def vectors_wanted(meeting_id: int | None) -> None:
    """Call inside the transaction that created opinions of ``meeting_id``: schedules their vectors."""
    if meeting_id is None:
        return
    transaction.on_commit(lambda: _ask(meeting_id))


def _ask(meeting_id: int) -> None:
    window = _window()
    key = (meeting_id, window)
    with _lock:
        if key in _asked:
            return
        _asked[key] = None
        while len(_asked) > _ASKED_MAX:
            _asked.pop(next(iter(_asked)))
    due = timezone.now() + dt.timedelta(seconds=(window + 1) * WINDOW_SECONDS - time.time())
    try:
        enqueue(
            embed_opinions_job,
            args={"meeting_id": meeting_id},
            actor=None,
            dedup_key=f"opinion-vectors:{meeting_id}:{window}",
            run_after=due,
            max_attempts=2,
        )
    except Exception:
        # A cache warm-up must never fail a submission that already committed; the next window's
        # job (or the grouping page itself) covers these opinions.
        with _lock:
            _asked.pop(key, None)
        log.exception("could not queue opinion vectors for meeting %s", meeting_id)


def forget_asked() -> None:
    """Tests: start from an empty in-process memory."""
    with _lock:
        _asked.clear()


@task(takes_context=True)
@labelled("Chuẩn bị phân tích ý kiến")
def embed_opinions_job(context: Any, *, meeting_id: int) -> dict[str, int]:
    """Embed the meeting's opinions that have no cached vector yet; returns the counts."""
    from sausat.opinions.models import Opinion
    from sausat.textkit.vector_store import DbVectorStore
    from sausat.textkit.vectors import cached_vectors, embed, embeddings_available

    texts = list(
        Opinion.objects.filter(meeting_id=meeting_id, merged_into__isnull=True)
        .order_by("id")
        .values_list("text", flat=True)
    )
    if not texts or not embeddings_available():
        return {"opinions": len(texts), "embedded": 0}
    store = DbVectorStore()
    missing = len(texts) - len(cached_vectors(texts, store))

    def step(done: int, total: int) -> None:
        # Called after each batch's rows are committed: the progress never runs ahead of the store.
        report_progress(context, int(100 * done / max(total, 1)), f"Đã đọc {done}/{total} ý kiến")

    # embed() computes each distinct uncached text once and writes the new rows batch by batch,
    # including vectors this worker knew only in memory.
    embed(texts, store=store, batch=BATCH, progress=step)
    return {"opinions": len(texts), "embedded": missing}
