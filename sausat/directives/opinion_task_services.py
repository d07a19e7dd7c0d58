"""Tasks directed from opinions: the task, and the document it belongs to (a conference's conclusion
notice, or a register entry of its own), in one transaction. Called by the opinions app's answer
service through ``sausat.directives.opinion_hooks``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from sausat.core.actors import Actor
from sausat.core.calendar import local_date
from sausat.directives.models import DeadlineKind, DirectingDocument, DocumentKind, Organ, Task
from sausat.directives.services import add_task, register_document
from sausat.geo.models import AdministrativeUnit
from sausat.opinions.models import Opinion
from sausat.textkit.normalize import normalize

# Who issues the yearly "opinions directed for resolution" document, by the unit's level.
OPINION_DOCUMENT_ISSUERS = {1: ["party_office", "committee_office", "peoples_committee"]}


def _office(unit: AdministrativeUnit, fallback: Organ) -> Organ:
    """The body that issues a unit's notices and registers (its office), else ``fallback``."""
    return (
        Organ.objects.filter(unit=unit, key__in=OPINION_DOCUMENT_ISSUERS.get(unit.level, ["peoples_committee"]))
        .order_by("sort_order")
        .first()
        or fallback
    )


def _meeting_notice(*, actor: Actor, meeting: Any, lead_organ: Organ, on: dt.date) -> DirectingDocument:
    """The conclusion notice of ``meeting``: the one registered for it (with its own number and date), else
    registered now for that meeting, dated ``on`` (the day of the first direction given from its opinions)
    until the office completes it. Never a document per commune or per year."""
    found = (
        DirectingDocument.objects.filter(meeting=meeting, kind=DocumentKind.CONCLUSION_NOTICE)
        .order_by("date", "id")
        .first()
    )
    if found:
        return found
    issuer = meeting.organ or _office(meeting.unit, lead_organ)
    return register_document(
        actor=actor,
        kind=DocumentKind.CONCLUSION_NOTICE,
        issuing_organ=issuer,
        date=on,
        title=f"Thông báo kết luận {meeting.title}"[:500],
        unit=meeting.unit,
        meeting=meeting,
        text="Các nhiệm vụ giao từ ý kiến, kiến nghị tại hội nghị được chỉ đạo giải quyết.",
    )


def _direction_entry(*, actor: Actor, opinion: Opinion, lead_organ: Organ, on: dt.date) -> DirectingDocument:
    """An opinion received outside a conference: its own register entry, dated by the answer that directed it."""
    unit = opinion.unit
    return register_document(
        actor=actor,
        kind=DocumentKind.OPINION_DIRECTION,
        issuing_organ=_office(unit, lead_organ),
        date=on,
        title=f"Chỉ đạo giải quyết ý kiến, kiến nghị số {opinion.pk}",
        unit=unit,
        text=normalize(opinion.text)[:2000],
    )


def create_task_from_opinion(
    *, actor: Actor, opinion: Opinion, lead_organ: Organ, deadline: dt.date | None, title: str, content: str
) -> Task:
    """A task for an opinion "directed for resolution", linked both ways.

    An opinion of a conference: the task goes into that conference's conclusion notice (see
    :func:`_meeting_notice`). Any other opinion: into a register entry of its own, dated by the answer.
    ``deadline`` is a fixed date or ``None``. ``Task.source_opinion`` points back to the opinion.
    """
    # The answer service sets answered_at before calling the handlers; "today" only when called directly.
    on = local_date(opinion.answered_at or timezone.now())
    meeting = opinion.meeting
    with transaction.atomic():
        if meeting is not None:
            document = _meeting_notice(actor=actor, meeting=meeting, lead_organ=lead_organ, on=on)
        else:
            document = _direction_entry(actor=actor, opinion=opinion, lead_organ=lead_organ, on=on)
        task = add_task(
            actor=actor,
            document=document,
            title=title,
            content=content,
            lead_organ=lead_organ,
            deadline_kind=DeadlineKind.FIXED if deadline else DeadlineKind.NONE,
            deadline_date=deadline,
            source_opinion=opinion,
        )
    return task
