"""Answer writes: one opinion, a whole group, petition tracking. Re-exported by services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from sausat.core.actors import Actor
from sausat.core.calendar import local_date
from sausat.core.models import AuditEvent, Notification
from sausat.core.services import do_create, do_update, record_audit
from sausat.opinions.draft_services import check_draft_for
from sausat.opinions.hooks import direction_handlers
from sausat.opinions.models import Answer, AnswerPlace, DraftPolicy, IssueGroup, Opinion, Outcome
from sausat.opinions.rules import answer_deadline, petition_reply_deadline
from sausat.people.models import Organ, Person
from sausat.textkit.normalize import normalize, normalize_line


def _validate(outcome: str, fields: dict[str, Any]) -> None:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Kết quả xử lý không hợp lệ."})
    if outcome == Outcome.DIRECTED and not fields.get("directed_organ"):
        raise ValidationError({"directed_organ": "Vui lòng chọn cơ quan được chỉ đạo giải quyết."})
    if outcome == Outcome.PETITIONED and not fields.get("petition_authority"):
        raise ValidationError({"petition_authority": "Vui lòng ghi cơ quan cấp trên nhận kiến nghị."})
    if outcome == Outcome.ACCEPTED_IN_POLICY and not (fields.get("policy_name") or fields.get("draft_policy")):
        raise ValidationError({"policy_name": "Vui lòng ghi tên đề án, chính sách tiếp thu ý kiến."})
    if outcome == Outcome.NOT_ACCEPTED and not fields.get("rejection_reason"):
        raise ValidationError({"rejection_reason": "Vui lòng ghi lý do không tiếp thu."})


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _notify_author(opinion: Opinion, answer: Answer) -> None:
    if opinion.anonymous:
        return
    recipient = opinion.submitted_by
    person = opinion.author_person
    if recipient is None and person is not None and person.user_id:
        recipient = person.user
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
    actor: Actor,
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
    draft_policy: DraftPolicy | None = None,
    rejection_reason: str = "",
    published: bool = False,
) -> Answer:
    body = normalize(text)
    if not body:
        raise ValidationError({"text": "Vui lòng nhập nội dung trả lời."})
    if outcome != Outcome.ACCEPTED_IN_POLICY:
        draft_policy = None
    if draft_policy is not None:
        check_draft_for(draft_policy, opinion)
        policy_name = draft_policy.title[:300]
    fields = {
        "directed_organ": directed_organ,
        "petition_authority": normalize_line(petition_authority),
        "policy_name": normalize_line(policy_name),
        "draft_policy": draft_policy,
        "rejection_reason": normalize(rejection_reason),
    }
    _validate(outcome, fields)
    answered_at = answered_at or timezone.now()
    if outcome == Outcome.DIRECTED and directed_deadline is None:
        directed_deadline = answer_deadline(local_date(answered_at), place=opinion.unit)
    if outcome != Outcome.DIRECTED:
        directed_organ, directed_deadline = None, None
    petition_reply_due = None
    if outcome == Outcome.PETITIONED and petition_sent_on is not None:
        petition_reply_due = petition_reply_deadline(petition_sent_on, place=opinion.unit)
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
            petition_reply_due=petition_reply_due,
            policy_name=fields["policy_name"] if outcome == Outcome.ACCEPTED_IN_POLICY else "",
            draft_policy=draft_policy,
            rejection_reason=fields["rejection_reason"] if outcome == Outcome.NOT_ACCEPTED else "",
            published=published,
            related=[opinion],
        )
        before = {"outcome": opinion.outcome, "answered_at": _iso(opinion.answered_at)}
        Opinion.all_objects.filter(pk=opinion.pk).update(
            outcome=outcome, answered_at=answered_at, answer_count=F("answer_count") + 1
        )
        opinion.outcome, opinion.answered_at = outcome, answered_at
        opinion.answer_count += 1
        # The opinion's own state, changed by the answer's service: its own audit row, linked to the answer.
        record_audit(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=opinion,
            verb="opinion.outcome",
            before=before,
            after={"outcome": outcome, "answered_at": _iso(answered_at)},
            related=[answer],
        )
        if outcome == Outcome.DIRECTED and directed_organ is not None:  # required for DIRECTED (checked above)
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
    actor: Actor,
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
    actor: Actor,
    answer: Answer,
    expected_version: int | None = None,
    sent_on: dt.date | None = None,
    reply: str | None = None,
    reply_on: dt.date | None = None,
    closed_on: dt.date | None = None,
    reply_due: dt.date | None = None,
) -> Answer:
    """``reply_due``: the authority's reply deadline; by default the dated setting counted from the
    day it was sent, in the answer's unit's province."""
    if answer.outcome != Outcome.PETITIONED:
        raise ValidationError({"outcome": "Ý kiến này không kiến nghị lên cấp trên."})
    changes: dict[str, Any] = {}
    if sent_on is not None:
        changes["petition_sent_on"] = sent_on
    if reply_due is not None:
        if reply_due < (sent_on or answer.petition_sent_on or reply_due):
            raise ValidationError({"reply_due": "Hạn trả lời phải sau ngày gửi kiến nghị."})
        changes["petition_reply_due"] = reply_due
    elif sent_on is not None and sent_on != answer.petition_sent_on:
        changes["petition_reply_due"] = petition_reply_deadline(sent_on, place=answer.unit)
    if reply is not None:
        changes["petition_reply"] = normalize(reply)
    if reply_on is not None:
        changes["petition_reply_on"] = reply_on
    if closed_on is not None:
        changes["petition_closed_on"] = closed_on
    if not changes:
        return answer
    return do_update(
        answer,
        actor=actor,
        expected_version=expected_version,
        verb="opinion.petition",
        related=[("opinions.opinion", answer.opinion_id)],
        **changes,
    )


def set_published(*, actor: Actor, answer: Answer, published: bool) -> Answer:
    return do_update(
        answer,
        actor=actor,
        verb="opinion.publish",
        related=[("opinions.opinion", answer.opinion_id)],
        published=published,
    )
