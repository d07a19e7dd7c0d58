"""Writes on the opinion register. Each is atomic and audited.

Anonymous opinions: no author, account, IP or device link is stored, and their audit row is
written with ``anonymous=True`` (no actor, no request id). They are held and written in batches, in a
random order and with the day as their time, so that logins cannot be lined up with them
(:mod:`sausat.opinions.anonymity`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from sausat.core.actors import Actor, acting_user
from sausat.core.calendar import local_date
from sausat.core.models import AuditEvent
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, record_audit, snapshot
from sausat.core.validation import clean_for_save
from sausat.geo.models import AdministrativeUnit
from sausat.meetings.models import Meeting
from sausat.opinions import anonymity, policy, reference, vector_jobs
from sausat.opinions.anonymity import flush_anonymous
from sausat.opinions.models import TEXT_LIMIT, Channel, FollowUpNote, IssueGroup, Opinion, PendingAnonymousOpinion
from sausat.opinions.rules import answer_deadline
from sausat.opinions.survey_forms import Row as SurveyRow
from sausat.people.models import Organ, Person
from sausat.textkit.normalize import normalize, normalize_line, search_key

__all__ = [
    "add_note",
    "answer_group",
    "answer_opinion",
    "assign",
    "clean_text",
    "create_draft_policy",
    "create_group",
    "delete_draft_policy",
    "flush_anonymous",
    "merge_opinions",
    "move_opinions",
    "register_for_unit",
    "register_opinion",
    "set_published",
    "update_draft_policy",
    "update_petition",
]


def clean_text(text: str | None, *, field: str = "text", empty: str = "Vui lòng nhập nội dung ý kiến.") -> str:
    """Normalise an opinion text (or a note on one); a clear Vietnamese message when empty or too long."""
    value = normalize(text or "")
    if not value:
        raise ValidationError({field: empty})
    if len(value) > TEXT_LIMIT:
        raise ValidationError(
            {
                field: f"Nội dung dài {len(value):,} ký tự, vượt giới hạn {TEXT_LIMIT:,} ký tự. Vui lòng rút gọn.".replace(
                    ",", "."
                )
            }
        )
    return value


def register_opinion(
    *,
    actor: Actor,
    text: str,
    channel: str,
    unit: AdministrativeUnit,
    idempotency_key: str,
    meeting: Meeting | None = None,
    author_person: Person | None = None,
    author_name: str = "",
    anonymous: bool = False,
    source_ref: str = "",
    responder_organ: Organ | None = None,
    deadline: dt.date | None = None,
    group: IssueGroup | None = None,
    author_unit: AdministrativeUnit | None = None,
    author_unit_label: str = "",
    name_consent: bool = False,
    reference_code: str = "",
) -> Opinion | None:
    """Record one opinion from any channel; a repeat of ``idempotency_key`` returns the first row.

    An anonymous one is only held for its batch and None is returned: it becomes an opinion, with a
    coarse time and in a random order, when its batch is flushed (see :mod:`sausat.opinions.anonymity`).

    ``name_consent``: the author agreed to have their name on the public results page (never assumed).
    ``reference_code``: the code the online submitter was given (:mod:`sausat.opinions.reference`);
    only its keyed hash is stored."""
    key = normalize_line(idempotency_key)[:120]
    if not key:
        raise ValueError("idempotency_key is required")
    if anonymous:
        key = anonymity.stored_key(key)
        if PendingAnonymousOpinion.objects.filter(idempotency_key=key).exists():
            return None
    existing = Opinion.all_objects.filter(idempotency_key=key).first()
    if existing is not None:
        return None if anonymous else existing
    if channel not in Channel.values:
        raise ValidationError({"channel": "Kênh tiếp nhận không hợp lệ."})
    body = clean_text(text)
    if anonymous:
        if meeting is not None and not meeting.allow_anonymous:
            raise ValidationError({"anonymous": "Hội nghị này không nhận ý kiến ẩn danh."})
        author_person, author_name, submitted_by, author_unit_label = None, "", None, ""
        name_consent = False
    else:
        author_name = normalize_line(author_name)[:200]
        author_unit_label = normalize_line(author_unit_label)[:200]
        # Only an online submitter is the author; a secretary typing a paper form is not.
        submitted_by = acting_user(actor) if channel == Channel.ONLINE else None
        if author_person is not None and not author_name:
            author_name = author_person.full_name
    if group is not None and meeting is not None and group.meeting_id != meeting.pk:
        raise ValidationError({"group": "Nhóm vấn đề không thuộc hội nghị này."})
    if responder_organ is not None and deadline is None:
        deadline = answer_deadline(local_date(timezone.now()), place=unit)
    if anonymous:
        # No author unit and no source reference either: both can point back at the sender.
        anonymity.hold_anonymous(
            meeting=meeting,
            unit=unit,
            channel=channel,
            text=body,
            key=key,
            group=group,
            responder_organ=responder_organ,
            deadline=deadline,
            ref_hash=reference.ref_hash(reference_code) if reference_code else "",
        )
        return None
    try:
        with transaction.atomic():
            # Not do_create: the model's own ``anonymous`` field shadows its keyword.
            opinion = Opinion(
                meeting=meeting,
                unit=unit,
                channel=channel,
                text=body,
                search_key=search_key(body),
                author_person=author_person,
                author_name=author_name,
                author_unit=author_unit,
                author_unit_label=author_unit_label,
                submitted_by=submitted_by,
                anonymous=anonymous,
                name_consent=bool(name_consent),
                group=group,
                idempotency_key=key,
                source_ref=normalize_line(source_ref)[:200],
                responder_organ=responder_organ,
                deadline=deadline,
                ref_hash=reference.ref_hash(reference_code) if reference_code else "",
            )
            clean_for_save(opinion)
            opinion.save()
            record_audit(
                actor=actor,
                action=AuditEvent.Action.CREATE,
                obj=opinion,
                after=snapshot(opinion),
                verb="opinion.register",
                anonymous=anonymous,
            )
            vector_jobs.vectors_wanted(opinion.meeting_id)
            return opinion
    except (IntegrityError, ValidationError) as exc:
        # A concurrent submission with the same key won the race: answer with its row.
        existing = Opinion.all_objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing
        raise exc


def register_for_unit(
    *, actor: Actor, unit: AdministrativeUnit, meeting: Meeting | None = None, **fields: Any
) -> Opinion | None:
    """Staff registration of an opinion for ``unit`` (the API): the unit and the meeting are checked
    against the actor's scope before anything is written; out of scope raises Http404 like a missing unit."""
    require_in_scope(actor, lambda: policy.can_register_at(actor, unit, meeting))
    return register_opinion(actor=actor, unit=unit, meeting=meeting, **fields)


def create_group(*, actor: Actor, meeting: Meeting, title: str, sort_order: int | None = None) -> IssueGroup:
    title = normalize_line(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên nhóm vấn đề."})
    if IssueGroup.objects.filter(meeting=meeting, title=title).exists():
        raise ValidationError({"title": "Hội nghị đã có nhóm vấn đề này."})
    if sort_order is None:
        sort_order = (IssueGroup.objects.filter(meeting=meeting).count() + 1) * 10
    return do_create(
        IssueGroup,
        actor=actor,
        verb="issue_group.create",
        meeting=meeting,
        unit=meeting.unit,
        title=title,
        sort_order=sort_order,
    )


def _bulk_audit(
    *,
    actor: Actor,
    verb: str,
    obj: models.Model,
    ids: list[int],
    extra: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
    related: Iterable[Any] = (),
) -> None:
    """One audit row for a change of many opinions; each of them indexed as related (their history lists it)."""
    record_audit(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=obj,
        verb=verb,
        before=before,
        after={"opinion_ids": ids, **(extra or {})},
        related=[*(("opinions.opinion", pk) for pk in ids), *related],
    )


def move_opinions(*, actor: Actor, meeting: Meeting, opinion_ids: Iterable[int], group: IssueGroup | None) -> int:
    """Put the given opinions of ``meeting`` into ``group`` (None: out of any group)."""
    if group is not None and group.meeting_id != meeting.pk:
        raise ValidationError({"group": "Nhóm vấn đề không thuộc hội nghị này."})
    with transaction.atomic():
        qs = Opinion.objects.filter(meeting=meeting, pk__in=list(opinion_ids))
        previous = dict(qs.values_list("pk", "group_id"))
        ids = sorted(previous)
        changes: dict[str, Any] = {"group": group, "updated_at": timezone.now()}
        if group is not None and group.responder_organ_id:
            changes.update(responder_organ_id=group.responder_organ_id, deadline=group.deadline)
        Opinion.objects.filter(pk__in=ids).update(**changes)
        _bulk_audit(
            actor=actor,
            verb="opinion.move",
            obj=group or meeting,
            ids=ids,
            extra={"group_id": getattr(group, "pk", None)},
            before={"group_ids": {str(pk): previous[pk] for pk in ids}},
            related=[("opinions.issuegroup", gid, "from_group") for gid in set(previous.values()) if gid],
        )
    return len(ids)


def merge_opinions(*, actor: Actor, meeting: Meeting, keep: Opinion, duplicate_ids: Iterable[int]) -> int:
    """Mark opinions as duplicates of ``keep``; the originals and their authors stay visible."""
    if keep.meeting_id != meeting.pk:
        raise ValidationError({"keep": "Ý kiến không thuộc hội nghị này."})
    with transaction.atomic():
        qs = Opinion.objects.filter(meeting=meeting, pk__in=list(duplicate_ids)).exclude(pk=keep.pk)
        ids = sorted(qs.values_list("pk", flat=True))
        # Duplicates already merged into one of these now point at the kept opinion too.
        earlier = list(Opinion.objects.filter(merged_into_id__in=ids).values_list("pk", flat=True))
        Opinion.objects.filter(pk__in=earlier).update(merged_into=keep)
        Opinion.objects.filter(pk__in=ids).update(
            merged_into=keep,
            group_id=keep.group_id,
            responder_organ_id=keep.responder_organ_id,
            deadline=keep.deadline,
            updated_at=timezone.now(),
        )
        _bulk_audit(
            actor=actor,
            verb="opinion.merge",
            obj=keep,
            ids=ids,
            extra={"repointed_ids": sorted(earlier)} if earlier else None,
            related=[("opinions.opinion", pk) for pk in earlier],
        )
    return len(ids)


def assign(
    *,
    actor: Actor,
    organ: Organ,
    deadline: dt.date | None = None,
    group: IssueGroup | None = None,
    opinion: Opinion | None = None,
) -> dt.date:
    """Assign a group (all its opinions) or one opinion to a responder organ, with a deadline."""
    if group is not None and opinion is None:
        place = group.meeting.unit
    elif opinion is not None and group is None:
        place = opinion.unit
    else:
        raise ValueError("assign one group or one opinion")
    deadline = deadline or answer_deadline(local_date(timezone.now()), place=place)
    with transaction.atomic():
        if group is not None:
            IssueGroup.objects.filter(pk=group.pk).update(
                responder_organ=organ, deadline=deadline, updated_at=timezone.now(), version=group.version + 1
            )
            group.responder_organ, group.deadline = organ, deadline
            ids = list(group.opinions.values_list("pk", flat=True))
            Opinion.objects.filter(pk__in=ids).update(responder_organ=organ, deadline=deadline)
            Opinion.objects.filter(merged_into_id__in=ids).update(responder_organ=organ, deadline=deadline)
            _bulk_audit(
                actor=actor,
                verb="issue_group.assign",
                obj=group,
                ids=ids,
                extra={"organ_id": organ.pk, "deadline": deadline.isoformat()},
            )
        elif opinion is not None:
            Opinion.objects.filter(pk=opinion.pk).update(responder_organ=organ, deadline=deadline)
            Opinion.objects.filter(merged_into=opinion).update(responder_organ=organ, deadline=deadline)
            opinion.responder_organ, opinion.deadline = organ, deadline
            record_audit(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                obj=opinion,
                verb="opinion.assign",
                after={"responder_organ_id": organ.pk, "deadline": deadline.isoformat()},
            )
    return deadline


def add_note(*, actor: Actor, opinion: Opinion, text: str) -> FollowUpNote:
    """A follow-up note on ``opinion`` by the office or its responder (not shown on public pages)."""
    require_in_scope(actor, lambda: policy.can_answer(actor, opinion))
    body = clean_text(text, empty="Vui lòng nhập nội dung ghi chú.")
    user = acting_user(actor)
    return do_create(
        FollowUpNote,
        actor=actor,
        verb="opinion.note",
        related=[opinion],
        opinion=opinion,
        unit=opinion.unit,
        author=user,
        author_label=(user.get_full_name() or user.get_username())[:200] if user else "",
        text=body,
    )


from sausat.opinions.answer_services import (  # noqa: E402
    answer_group,
    answer_opinion,
    set_published,
    update_petition,
)
from sausat.opinions.draft_services import (  # noqa: E402
    create_draft_policy,
    delete_draft_policy,
    update_draft_policy,
)


def import_paper(
    *,
    actor: Actor,
    meeting: Meeting,
    rows: list[SurveyRow],
    valid_only: bool = False,
    filename: str = "",
    sha256: str = "",
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 500,
) -> dict[str, Any]:
    """Import parsed survey rows (see :mod:`sausat.opinions.survey_forms`); returns the row report.

    With ``valid_only`` the rows with errors are skipped; otherwise any error refuses the file
    before anything is written. Rows already in the register (same idempotency key) are counted
    as ``existing``. Without ``progress`` the import is all-or-nothing; with it (the background
    job) rows commit in chunks of ``chunk`` and ``progress(done, total)`` is called after each,
    which is safe because a re-run skips the rows already written (same keys). The audit row
    keeps the file's SHA-256 and the row report, since the upload itself is deleted afterwards.
    """
    bad = [r for r in rows if r.errors]
    if bad and not valid_only:
        raise ValidationError("Tệp còn dòng lỗi: chưa nhập dòng nào. Sửa tệp hoặc chọn chỉ nhập các dòng hợp lệ.")
    groups = {g.title: g for g in IssueGroup.objects.filter(meeting=meeting)}
    good = [r for r in rows if not r.errors]
    existing_keys = set(
        Opinion.all_objects.filter(idempotency_key__in=[r.key for r in good]).values_list("idempotency_key", flat=True)
    )
    todo = [r for r in good if r.key not in existing_keys]
    size = chunk if progress is not None else max(len(todo), 1)
    created = 0
    report = {
        "file": filename[:200],
        "sha256": sha256,
        "rows": len(rows),
        "existing": len(existing_keys),
        "skipped": len(bad),
        "errors": [{"row": r.number, "errors": r.errors} for r in bad[:200]],
    }
    # Chunks commit one by one only when progress is reported; otherwise one transaction.
    with transaction.atomic() if progress is None else contextlib.nullcontext():
        for start in range(0, len(todo), size):
            with transaction.atomic():
                for row in todo[start : start + size]:
                    register_opinion(
                        actor=actor,
                        text=row.text,
                        channel=Channel.PAPER,
                        unit=meeting.unit,
                        idempotency_key=row.key,
                        meeting=meeting,
                        author_name=row.name,
                        author_unit_label=row.unit,
                        source_ref=f"{filename[:150]}#{row.number}",
                        group=groups.get(row.group),
                    )
                    created += 1
            if progress is not None:
                progress(created, len(todo))
        with transaction.atomic():
            record_audit(
                actor=actor,
                action=AuditEvent.Action.IMPORT,
                obj=meeting,
                verb="opinion.import",
                after={**report, "created": created},
            )
    return {**report, "created": created}
