"""Grouping suggestions for a meeting's opinions, as a pure read and as a background job.

The text algorithms live in :mod:`sausat.textkit` (which imports no app); this module feeds them the
meeting's opinions. Nothing here changes an opinion or a group: the secretary applies suggestions
through the opinions services. The only rows written are textkit's cache rows of sentence vectors,
by the background job.

Use from the grouping page::

    from sausat.opinions.suggestions import suggest_groups_for_meeting
    data = suggest_groups_for_meeting(meeting.pk)          # fast: cached vectors or TF-IDF
    render(..., "opinions/_suggestions.html", {"suggestions": data})

or, for large meetings, ``enqueue(suggest_groups_job, args={"meeting_id": meeting.pk}, actor=user,
unit=meeting.unit)`` (sausat.core.jobs): the task embeds the opinions with a progress bar, caches the vectors and
returns the same dict as ``job.result``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.tasks import task

from sausat.core.jobs import labelled, report_progress
from sausat.meetings.models import Meeting
from sausat.opinions.models import IssueGroup, Opinion
from sausat.textkit.vector_store import DbVectorStore

# numpy, scikit-learn and the embedding model are imported inside the textkit functions: importing
# this module (to register the job at start-up) must stay cheap for every web process.

DUPLICATE_THRESHOLD = 0.8
PREVIEW_CHARS = 240
MAX_PLACEMENTS = 500


def _preview(text: str) -> str:
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1].rstrip() + "…"


def suggest_groups_for_meeting(
    meeting_id: int,
    *,
    store: DbVectorStore | None = None,
    embed_budget: int | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> dict:
    """Suggestions for one meeting's opinions, as JSON-able data (a pure read by default).

    - ``groups``: suggested groups of the opinions not yet in a group (all of them when the
      meeting has no group yet), each with a label, confidence and members (most typical first);
    - ``placements``: when the meeting has groups with opinions (or the province's earlier
      groupings match its groups, :func:`sausat.opinions.decisions.province_history`), the top
      three existing groups for each opinion not yet in a group, with ``none_fits`` when none fits;
    - ``duplicates``: clusters of near-identical opinions to consider merging.
    """
    from sausat.opinions.decisions import province_history, province_rejections
    from sausat.textkit.classify import classify, history_examples
    from sausat.textkit.grouping import near_duplicates, suggest_groups

    store = store if store is not None else DbVectorStore(readonly=True)
    rows = list(
        Opinion.objects.filter(meeting_id=meeting_id, merged_into__isnull=True)
        .order_by("id")
        .values_list("id", "text", "group_id")
    )
    groups = {g.pk: g.title for g in IssueGroup.objects.filter(meeting_id=meeting_id)}
    texts = {pk: text for pk, text, _g in rows}
    placed = [(text, str(g)) for _pk, text, g in rows if g is not None and g in groups]
    loose = [(pk, text) for pk, text, g in rows if g is None or g not in groups]
    kwargs = {} if embed_budget is None else {"embed_budget": embed_budget}
    result: dict = {
        "meeting_id": meeting_id,
        "n_opinions": len(rows),
        "n_ungrouped": len(loose),
        "groups": [],
        "placements": [],
        "duplicates": [],
    }
    if progress:
        progress(70, "Đang gom nhóm ý kiến")
    if len(loose) >= 3:
        suggestions = suggest_groups([t for _pk, t in loose], ids=[pk for pk, _t in loose], store=store, **kwargs)
        result["groups"] = [
            {
                "label": s.label,
                "key_phrases": s.key_phrases,
                "confidence": round(s.confidence, 3),
                # Calibrated (docs/textkit.md): shown in words, never as a percentage.
                "level": s.level,
                "size": s.size,
                "members": [
                    {"id": pk, "text": _preview(texts[pk]), "typicality": round(t, 3)}
                    for pk, t in zip(s.members, s.typicality, strict=True)
                ],
            }
            for s in suggestions
        ]
    titles = {str(pk): title for pk, title in groups.items()}
    history: list[tuple[str, str]] = []
    negatives: list[tuple[str, str]] = []
    if groups and loose:
        # The province's own earlier groupings and decisions, mapped onto this meeting's groups;
        # and the suggestions it rejected, here and in earlier meetings.
        meeting = Meeting.objects.select_related("unit").get(pk=meeting_id)
        history = history_examples(province_history(meeting), list(titles), titles)
        own, past = province_rejections(meeting)
        negatives = own + history_examples(past, list(titles), titles)
    if (placed or history) and loose:
        if progress:
            progress(85, "Đang xếp ý kiến vào nhóm sẵn có")
        todo = loose[:MAX_PLACEMENTS]
        ranked = classify(
            [t for _pk, t in todo],
            placed + history,
            label_titles=titles,
            extra_labels=[str(pk) for pk in groups],
            negatives=negatives,
            store=store,
            **kwargs,
        )
        result["placements"] = [
            {
                "opinion_id": pk,
                "text": _preview(text),
                "none_fits": r.none_fits,
                "options": [
                    {
                        "group_id": int(label),
                        "title": groups[int(label)],
                        "score": score,
                        "score_pct": round(100 * score),
                    }
                    for label, score in r
                ],
            }
            for (pk, text), r in zip(todo, ranked, strict=True)
        ]
    if len(rows) >= 2:
        dups = near_duplicates([t for _pk, t, _g in rows], DUPLICATE_THRESHOLD, ids=[pk for pk, _t, _g in rows])
        result["duplicates"] = [
            {
                "members": [{"id": pk, "text": _preview(texts[pk])} for pk in d.members],
                "score": d.score,
                "score_pct": round(100 * d.score),
            }
            for d in dups
        ]
    return result


@task(takes_context=True)
@labelled("Gợi ý nhóm ý kiến")
def suggest_groups_job(context, *, meeting_id: int) -> dict:
    """Embed the meeting's opinions (cached for next time), then build the suggestions."""
    from sausat.textkit.vectors import embed, embeddings_available

    store = DbVectorStore()
    texts = list(Opinion.objects.filter(meeting_id=meeting_id, merged_into__isnull=True).values_list("text", flat=True))
    report_progress(context, 2, "Đang phân tích ý kiến")
    if texts and embeddings_available():

        def step(done: int, total: int) -> None:
            report_progress(context, 5 + int(60 * done / max(total, 1)), f"Đã đọc {done}/{total} ý kiến")

        embed(texts, store=store, progress=step)
    result = suggest_groups_for_meeting(
        meeting_id,
        store=store,
        embed_budget=len(texts) + 1,
        progress=lambda pct, msg: report_progress(context, pct, msg),
    )
    report_progress(context, 100, "Xong")
    return result
