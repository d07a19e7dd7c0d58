"""Answer writes: one opinion, a whole group, petition tracking. Re-exported by services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from sausat.core.calendar import local_date
from sausat.core.models import Notification
from sausat.core.services import do_create, do_update
from sausat.opinions.hooks import direction_handlers
from sausat.opinions.models import Answer, AnswerPlace, IssueGroup, Opinion, Outcome
from sausat.opinions.rules import answer_deadline
from sausat.people.models import Organ, Person
from sausat.textkit.normalize import normalize, normalize_line


def _validate(outcome: str, fields: dict[str, Any]) -> None:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Kết quả xử lý không hợp lệ."})
    if outcome == Outcome.DIRECTED and not fields.get("directed_organ"):
        raise ValidationError({"directed_organ": "Vui lòng chọn cơ quan được chỉ đạo giải quyết."})
    if outcome == Outcome.PETITIONED and not fields.get("petition_authority"):
        raise ValidationError({"petition_authority": "Vui lòng ghi cơ quan cấp trên nhận kiến nghị."})
    if outcome == Outcome.ACCEPTED_IN_POLICY and not fields.get("policy_name"):
        raise ValidationError({"policy_name": "Vui lòng ghi tên đề án, chính sách tiếp thu ý kiến."})
    if outcome == Outcome.NOT_ACCEPTED and not fields.get("rejection_reason"):
        raise ValidationError({"rejection_reason": "Vui lòng ghi lý do không tiếp thu."})


def _notify_author(opinion: Opinion, answer: Answer) -> None:
    if opinion.anonymous:
        return
    recipient = opinion.submitted_by
    if recipient is None and opinion.author_person_id and opinion.author_person.user_id:
        recipient = opinion.author_person.user
    if recipient is None:
        return
    Notification.objects.get_or_create(
        dedup_key=f"opinion-answer-{answer.pk}",
        defaults={
            "recipient": recipient,
            "title": f"Ý kiến #{opinion.pk} của bạn đã được trả lời",
            "body": answer.text[:500],
            "url": reverse("opinions:detail", args=[opinion.pk]),
        },
    )


def answer_opinion(
    *,
    actor: Any,
    opinion: Opinion,
    text: str,
    outcome: str,
    place: str = AnswerPlace.WRITING,
    answered_by_person: Person | None = None,
    answered_by_organ: Organ | None = None,
    answered_at: dt.datetime | None = None,
    directed_organ: Organ | None = None,
    directed_deadline: dt.date | None = None,
    petition_authority: str = "",
    petition_sent_on: dt.date | None = None,
    policy_name: str = "",
    rejection_reason: str = "",
    published: bool = False,
) -> Answer:
    body = normalize(text)
    if not body:
        raise ValidationError({"text": "Vui lòng nhập nội dung trả lời."})
    fields = {
        "directed_organ": directed_organ,
        "petition_authority": normalize_line(petition_authority),
        "policy_name": normalize_line(policy_name),
        "rejection_reason": normalize(rejection_reason),
    }
    _validate(outcome, fields)
    answered_at = answered_at or timezone.now()
    if outcome == Outcome.DIRECTED and directed_deadline is None:
        directed_deadline = answer_deadline(local_date(answered_at))
    if outcome != Outcome.DIRECTED:
        directed_organ, directed_deadline = None, None
    with transaction.atomic():
        answer = do_create(
            Answer,
            actor=actor,
            verb="opinion.answer",
            opinion=opinion,
            unit=opinion.unit,
            answered_by_person=answered_by_person,
            answered_by_organ=answered_by_organ or opinion.responder_organ,
            answered_at=answered_at,
            place=place,
            text=body,
            outcome=outcome,
            directed_organ=directed_organ,
            directed_deadline=directed_deadline,
            petition_authority=fields["petition_authority"] if outcome == Outcome.PETITIONED else "",
            petition_sent_on=petition_sent_on if outcome == Outcome.PETITIONED else None,
            policy_name=fields["policy_name"] if outcome == Outcome.ACCEPTED_IN_POLICY else "",
            rejection_reason=fields["rejection_reason"] if outcome == Outcome.NOT_ACCEPTED else "",
            published=published,
        )
        Opinion.all_objects.filter(pk=opinion.pk).update(
            outcome=outcome, answered_at=answered_at, answer_count=F("answer_count") + 1
        )
        opinion.outcome, opinion.answered_at = outcome, answered_at
        opinion.answer_count += 1
        if outcome == Outcome.DIRECTED:
            for handler in direction_handlers():
                handler(
                    actor=actor,
                    opinion=opinion,
                    lead_organ=directed_organ,
                    deadline=directed_deadline,
                    title=f"Giải quyết ý kiến #{opinion.pk}: {opinion.text[:120]}",
                    content=f"{opinion.text}\n\nChỉ đạo: {body}",
                )
        transaction.on_commit(lambda: _notify_author(opinion, answer))
    return answer


def answer_group(
    *,
    actor: Any,
    group: IssueGroup,
    text: str,
    outcome: str,
    outcomes: dict[int, str] | None = None,
    **fields: Any,
) -> list[Answer]:
    """Answer every opinion of ``group`` at once; ``outcomes`` overrides the outcome per opinion."""
    outcomes = outcomes or {}
    opinions = list(
        Opinion.objects.filter(group=group, merged_into__isnull=True).select_related(
            "responder_organ", "unit", "submitted_by", "author_person"
        )
    )
    if not opinions:
        raise ValidationError({"group": "Nhóm chưa có ý kiến nào để trả lời."})
    with transaction.atomic():
        return [
            answer_opinion(actor=actor, opinion=o, text=text, outcome=outcomes.get(o.pk, outcome), **fields)
            for o in opinions
        ]


def update_petition(
    *,
    actor: Any,
    answer: Answer,
    expected_version: int | None = None,
    sent_on: dt.date | None = None,
    reply: str | None = None,
    reply_on: dt.date | None = None,
    closed_on: dt.date | None = None,
) -> Answer:
    if answer.outcome != Outcome.PETITIONED:
        raise ValidationError({"outcome": "Ý kiến này không kiến nghị lên cấp trên."})
    changes: dict[str, Any] = {}
    if sent_on is not None:
        changes["petition_sent_on"] = sent_on
    if reply is not None:
        changes["petition_reply"] = normalize(reply)
    if reply_on is not None:
        changes["petition_reply_on"] = reply_on
    if closed_on is not None:
        changes["petition_closed_on"] = closed_on
    if not changes:
        return answer
    return do_update(answer, actor=actor, expected_version=expected_version, verb="opinion.petition", **changes)


def set_published(*, actor: Any, answer: Answer, published: bool) -> Answer:
    return do_update(answer, actor=actor, verb="opinion.publish", published=published)
