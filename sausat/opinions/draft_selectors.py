"""Reads on draft policies: what a conference's opinions put into which draft, and a draft's opinions.

Scope is the caller's business (see :mod:`sausat.opinions.policy`): the notice and the results page
have already checked the meeting; the draft page checks the draft and filters opinions by the reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from sausat.meetings.models import Meeting
from sausat.opinions.models import Answer, DraftPolicy, Opinion, Outcome


@dataclass(frozen=True)
class TakenIn:
    """Opinions of one conference taken into one draft (``draft`` None: a draft named only in words)."""

    title: str
    count: int
    draft: DraftPolicy | None = None

    @property
    def owner(self) -> str:
        return self.draft.owner_organ.name if self.draft else ""


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def taken_into_drafts(meeting: Meeting, *, published_only: bool = False) -> list[TakenIn]:
    """Per draft, how many of the meeting's opinions were taken into it (their latest outcome)."""
    answers = Answer.objects.filter(
        opinion__meeting=meeting,
        opinion__deleted_at__isnull=True,
        opinion__outcome=Outcome.ACCEPTED_IN_POLICY,
        outcome=Outcome.ACCEPTED_IN_POLICY,
    )
    if published_only:
        answers = answers.filter(published=True)
    rows = answers.values("draft_policy_id", "policy_name").annotate(n=Count("opinion_id", distinct=True))
    drafts = DraftPolicy.all_objects.select_related("owner_organ").in_bulk(
        {r["draft_policy_id"] for r in rows if r["draft_policy_id"]}
    )
    counts: dict[tuple[int | None, str], int] = {}
    for r in rows:
        key = (r["draft_policy_id"], "" if r["draft_policy_id"] else r["policy_name"])
        counts[key] = counts.get(key, 0) + r["n"]
    out = [
        TakenIn(title=drafts[pk].title if pk else name, count=n, draft=drafts.get(pk) if pk else None)
        for (pk, name), n in counts.items()
    ]
    return sorted(out, key=lambda t: (t.draft is None, t.title))


def notice_lines(meeting: Meeting) -> list[str]:
    """The conclusion notice's bullets on what was taken into draft policies."""
    lines = []
    for t in taken_into_drafts(meeting):
        if t.draft is None:
            lines.append(f"- Tiếp thu {t.count} ý kiến vào {t.title}.")
            continue
        d = t.draft
        owner = f"; {t.owner} chủ trì xây dựng" if t.owner else ""
        stage = f"; lấy ý kiến đến ngày {_d(d.consultation_to)}" if d.consultation_to and not d.adopted_on else ""
        adopted = f"; đã ban hành ngày {_d(d.adopted_on)}" if d.adopted_on else ""
        lines.append(f"- Tiếp thu {t.count} ý kiến vào dự thảo {d.title}{owner}{stage}{adopted}.")
    return lines


def draft_answers(draft: DraftPolicy, opinions: QuerySet[Opinion]) -> QuerySet[Answer]:
    """The answers that took an opinion into ``draft``, limited to ``opinions`` (what the reader may see)."""
    return (
        Answer.objects.filter(draft_policy=draft, opinion__in=opinions, opinion__deleted_at__isnull=True)
        .select_related("opinion", "opinion__meeting", "opinion__group", "opinion__unit")
        .order_by("opinion__meeting__starts_at", "opinion__group__sort_order", "opinion_id", "id")
    )
