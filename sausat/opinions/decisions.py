"""What the office does with placement suggestions, and the province's own groupings as training data.

Issue 20 ("learn from what the office does"):

- :func:`decide_suggestion` (a service) applies or rejects one suggestion of the grouping page: it
  moves the opinion into the chosen group (through :func:`services.move_opinions`, with its own audit
  row) and keeps a :class:`SuggestionDecision` (who, when, what was proposed, what was chosen),
  audited in the same transaction.
- :func:`province_history` (a selector) returns the labelled examples the classifier learns from:
  opinions placed in groups of the province's earlier meetings, and the office's accepted or
  corrected decisions, as ``(text, group title)`` pairs, latest first and bounded.
- :func:`province_rejections` (a selector) returns what the office said an opinion is NOT: the
  group of each rejected suggestion, the classifier's negatives (docs/textkit.md, "Rejected
  suggestions as negatives").
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from sausat.core.actors import Actor, acting_user
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create
from sausat.meetings.models import Meeting
from sausat.meetings.policy import can_manage
from sausat.opinions.models import IssueGroup, Opinion, SuggestionDecision
from sausat.opinions.services import move_opinions

HISTORY_LIMIT = 2000  # latest examples only: enough for a sector centroid, cheap to vectorise

Result = SuggestionDecision.Result


def decide_suggestion(
    *,
    actor: Actor,
    meeting: Meeting,
    opinion: Opinion,
    suggested: IssueGroup | None,
    chosen: IssueGroup | None,
) -> SuggestionDecision:
    """Record the office's answer to "put this opinion into ``suggested``?".

    ``chosen`` is the group the secretary picked: the suggested one (accepted), another one
    (corrected), or None (rejected: the opinion stays where it is).
    """
    require_in_scope(actor, lambda: can_manage(actor, meeting))
    if opinion.meeting_id != meeting.pk:
        raise ValidationError({"opinion": "Ý kiến không thuộc hội nghị này."})
    for group in (suggested, chosen):
        if group is not None and group.meeting_id != meeting.pk:
            raise ValidationError({"group": "Nhóm vấn đề không thuộc hội nghị này."})
    if chosen is None:
        outcome = Result.REJECTED
    elif suggested is not None and chosen.pk == suggested.pk:
        outcome = Result.ACCEPTED
    else:
        outcome = Result.CORRECTED
    with transaction.atomic():
        if chosen is not None:
            move_opinions(actor=actor, meeting=meeting, opinion_ids=[opinion.pk], group=chosen)
        return do_create(
            SuggestionDecision,
            actor=actor,
            verb=f"suggestion.{outcome}",
            related=[("opinions.opinion", opinion.pk)],
            meeting=meeting,
            unit=meeting.unit,
            opinion=opinion,
            suggested_group=suggested,
            suggested_title=suggested.title if suggested is not None else "",
            chosen_group=chosen,
            chosen_title=chosen.title if chosen is not None else "",
            outcome=outcome,
            decided_by=acting_user(actor),
        )


def province_history(meeting: Meeting, *, limit: int = HISTORY_LIMIT) -> list[tuple[str, str]]:
    """``(text, group title)`` pairs the province's office has already labelled, latest first.

    Decisions come first (the office's explicit choices, with the title as it was chosen); then
    opinions in groups of the province's other meetings that started before this one. An opinion
    appears once. At most ``limit`` pairs, so the classifier's cost stays bounded.
    """
    prefix = meeting.unit.province_prefix
    seen: set[int] = set()
    out: list[tuple[str, str]] = []
    decided = (
        SuggestionDecision.objects.filter(unit__scope_path__startswith=prefix)
        .exclude(outcome=Result.REJECTED)
        .exclude(meeting=meeting)
        .filter(opinion__merged_into__isnull=True, opinion__deleted_at__isnull=True)
        .order_by("-at", "-id")
        .values_list("opinion_id", "opinion__text", "chosen_title")[:limit]
    )
    for pk, text, title in decided:
        if pk not in seen and title:
            seen.add(pk)
            out.append((text, title))
    if len(out) < limit:
        placed = (
            Opinion.objects.filter(
                meeting__unit__scope_path__startswith=prefix,
                meeting__starts_at__lt=meeting.starts_at,
                group__isnull=False,
                group__deleted_at__isnull=True,
                merged_into__isnull=True,
            )
            .exclude(pk__in=seen)
            .order_by("-meeting__starts_at", "-id")
            .values_list("text", "group__title")[: limit - len(out)]
        )
        out.extend((text, title) for text, title in placed)
    return out


def province_rejections(
    meeting: Meeting, *, limit: int = HISTORY_LIMIT
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Rejected suggestions of the province, latest first, at most ``limit``: ``(own, past)``.

    ``own`` are this meeting's, as ``(text, group id)`` (the group itself, even when two groups name
    one sector); ``past`` are the other meetings', as ``(text, suggested title)`` to be mapped like
    the history. A rejection no longer holds once the opinion was put into that group after all.
    """
    rows = (
        SuggestionDecision.objects.filter(unit__scope_path__startswith=meeting.unit.province_prefix)
        .filter(outcome=Result.REJECTED, opinion__merged_into__isnull=True, opinion__deleted_at__isnull=True)
        .exclude(suggested_title="")
        .order_by("-at", "-id")
        .values_list("meeting_id", "opinion__text", "opinion__group_id", "suggested_group_id", "suggested_title")[
            :limit
        ]
    )
    own: list[tuple[str, str]] = []
    past: list[tuple[str, str]] = []
    for meeting_id, text, now_in, group_id, title in rows:
        if group_id is not None and now_in == group_id:
            continue
        if meeting_id == meeting.pk:
            if group_id is not None:
                own.append((text, str(group_id)))
        else:
            past.append((text, title))
    return own, past
