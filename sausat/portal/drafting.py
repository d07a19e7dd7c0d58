"""From the record to the news: a draft article from a dialogue conference.

The draft says who chaired, how many opinions came by which channel, the issue groups and the main
answers given at the conference. An opinion's author is named only when they consented
(``Opinion.name_consent``), never for an anonymous opinion. The draft goes through the workflow like
any other; nothing here publishes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from sausat.core.policy import require
from sausat.opinions.models import Answer, AnswerPlace, Opinion
from sausat.opinions.summary import summarise
from sausat.portal import policy, services
from sausat.portal.models import ArticlePage, CategoryPage
from sausat.textkit.normalize import truncate_graphemes

MAX_ANSWERS = 5
MAX_VOICES = 3


def _names(items: list[str]) -> str:
    return ", ".join(items[:-1]) + (" và " if len(items) > 1 else "") + items[-1] if items else ""


def meeting_paragraphs(meeting: Any) -> tuple[str, list[str]]:
    """(summary, paragraphs) of a conference: facts from the record only."""
    when = meeting.starts_at.astimezone().strftime("%d/%m/%Y")
    host = meeting.organ.name if meeting.organ_id else meeting.unit.name
    opinions = Opinion.objects.filter(meeting=meeting, merged_into__isnull=True)
    facts = summarise(opinions)
    summary = f"Ngày {when}, {host} tổ chức {meeting.title}" + (f" tại {meeting.place}." if meeting.place else ".")
    paragraphs = [summary]
    chairs = [p.full_name for p in meeting.chairs.all()]
    if chairs:
        paragraphs.append(f"Chủ trì hội nghị: {_names(chairs)}.")
    # Leaders who attended without chairing are named as attendees (seed 000's leaders "tham dự").
    attending = [a.person.full_name for a in meeting.attendees_in_order() if a.person_id]
    if attending:
        paragraphs.append(f"Dự hội nghị có các đồng chí: {_names(attending)}.")
    concluding = meeting.conclusion_giver
    if concluding is not None and (meeting.concluded_by_id or not chairs):
        paragraphs.append(f"Đồng chí {concluding.full_name} phát biểu kết luận hội nghị.")
    if facts.total:
        channels = "; ".join(f"{n} ý kiến {label.lower()}" for label, n in facts.by_channel)
        paragraphs.append(f"Hội nghị nhận được tổng cộng {facts.total} ý kiến ({channels}).")
    groups = [f"{title} ({n} ý kiến)" for title, n, _done in facts.by_group]
    if groups:
        paragraphs.append(f"Các ý kiến được tổng hợp thành {len(groups)} nhóm vấn đề: {'; '.join(groups)}.")
    voices = [
        o
        for o in opinions.filter(anonymous=False, name_consent=True).select_related("author_person", "unit")[
            :MAX_VOICES
        ]
        if o.public_author
    ]
    for o in voices:
        paragraphs.append(f"{o.public_author} nêu ý kiến: “{truncate_graphemes(o.text, 300)}”")
    answers = (
        Answer.objects.filter(opinion__meeting=meeting, place=AnswerPlace.MEETING)
        .select_related("answered_by_organ", "opinion__group")
        .order_by("answered_at", "id")[:MAX_ANSWERS]
    )
    for a in answers:
        who = a.answered_by_organ.name if a.answered_by_organ_id else "Đại diện cơ quan chức năng"
        topic = a.opinion.group.title if a.opinion.group_id else "ý kiến của người dân"
        paragraphs.append(f"Về {topic}, {who} trả lời: {truncate_graphemes(a.text, 400)}")
    return summary, paragraphs


def draft_from_meeting(*, actor: Any, meeting: Any, category: CategoryPage) -> ArticlePage:
    """A draft in ``category`` (never published); the actor must be a reporter/editor of its portal
    and the conference must belong to that portal's province."""
    home = policy.home_of(category)
    require(home is not None and meeting.unit.scope_path.startswith(home.unit.scope_path))
    if not meeting.starts_at:
        raise ValidationError("Hội nghị chưa có ngày tổ chức.")
    summary, paragraphs = meeting_paragraphs(meeting)
    return services.create_draft(
        actor=actor,
        category=category,
        title=meeting.title,
        summary=summary,
        paragraphs=paragraphs[1:],
        date=meeting.starts_at.astimezone().date(),
        tags=["Đối thoại"],
        source_meeting_id=meeting.pk,
    )
