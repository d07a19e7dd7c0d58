"""Writes for directing documents and tasks: register, add, edit, report progress. Each is atomic and
writes one audit row.

Task state that other writes derive (percent, first/last report, completion, deadline in force)
is kept on the task by the service that causes it, in the same transaction as its audit row
(:func:`bump_task`). Completion proposals, extension requests and the office's decisions are in
``request_services``; tasks directed from opinions in ``opinion_task_services``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sausat.core.actors import Actor, acting_user
from sausat.core.calendar import PeriodUnit, deadline
from sausat.core.services import ConflictError, do_create, do_update
from sausat.directives.models import (
    DeadlineChange,
    DeadlineKind,
    DirectingDocument,
    DocumentKind,
    Organ,
    ProgressReport,
    Task,
)
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Person
from sausat.textkit.normalize import normalize, normalize_line, search_key

# Fields a task editor may change; the conflict message compares these.
TASK_EDIT_FIELDS = (
    "title",
    "content",
    "lead_organ_id",
    "expected_product",
    "deadline_kind",
    "deadline_days",
    "deadline_date",
    "recurring_day",
    "recurring_until",
    "priority",
)
FIELD_LABELS = {
    "title": "Tên nhiệm vụ",
    "content": "Nội dung",
    "lead_organ_id": "Cơ quan chủ trì",
    "expected_product": "Sản phẩm",
    "deadline_kind": "Loại thời hạn",
    "deadline_days": "Số ngày",
    "deadline_date": "Ngày hết hạn",
    "recurring_day": "Ngày báo cáo định kỳ",
    "recurring_until": "Định kỳ đến ngày",
    "priority": "Mức độ ưu tiên",
}


class TaskConflict(ConflictError[Task]):
    """Someone saved the task first; ``changed`` maps field -> (what you loaded, what is there now)."""

    def __init__(self, current: Task, changed: dict[str, tuple[Any, Any]]):
        super().__init__(current, changed)
        self.message = conflict_message(current, changed)

    def __str__(self) -> str:
        return self.message


def _show(name: str, value: Any) -> str:
    if value in (None, ""):
        return "(trống)"
    if name == "lead_organ_id":
        organ = Organ.all_objects.filter(pk=value).first()
        return organ.name if organ else str(value)
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if name == "deadline_kind":
        return str(DeadlineKind(value).label)
    return str(value)


def conflict_message(current: Task, changed: dict[str, tuple[Any, Any]]) -> str:
    when = timezone.localtime(current.updated_at)
    parts = [
        f"{FIELD_LABELS.get(name, name)}: «{_show(name, mine)}» → «{_show(name, theirs)}»"
        for name, (mine, theirs) in changed.items()
    ]
    detail = "; ".join(parts) if parts else "tiến độ hoặc trạng thái nhiệm vụ"
    return (
        f"Nhiệm vụ này đã được người khác cập nhật lúc {when:%H:%M %d/%m/%Y} trong khi bạn đang sửa "
        f"(phiên bản {current.version}). Những gì đã thay đổi: {detail}. "
        "Thay đổi của bạn chưa được lưu: hãy xem lại rồi lưu lại."
    )


def store_upload(upload: Any, folder: str) -> str:
    """Save an uploaded file under ``directives/<folder>/``; its stored name, or "" when there is none."""
    if not upload:
        return ""
    return default_storage.save(f"directives/{folder}/{upload.name}", upload)


def compute_due_date(
    *,
    kind: str,
    document_date: dt.date,
    days: int | None = None,
    date: dt.date | None = None,
    recurring_until: dt.date | None = None,
    place: AdministrativeUnit | None = None,
) -> dt.date | None:
    """The deadline a task's deadline kind gives (recurring tasks: their last day, if bounded).

    ``place``: the unit whose province's local days off count as well as the national calendar."""
    if kind == DeadlineKind.FIXED:
        if date is None:
            raise ValidationError({"deadline_date": "Vui lòng nhập ngày hết hạn."})
        return date
    if kind in (DeadlineKind.CALENDAR_DAYS, DeadlineKind.WORKING_DAYS):
        if not days:
            raise ValidationError({"deadline_days": "Vui lòng nhập số ngày (lớn hơn 0)."})
        unit = PeriodUnit.CALENDAR_DAYS if kind == DeadlineKind.CALENDAR_DAYS else PeriodUnit.WORKING_DAYS
        return deadline(document_date, days, unit, place=place)
    if kind in (DeadlineKind.MONTHLY, DeadlineKind.QUARTERLY):
        return recurring_until
    return None


def register_document(
    *,
    actor: Actor,
    kind: str,
    issuing_organ: Organ,
    date: dt.date,
    title: str,
    unit: AdministrativeUnit,
    number: str = "",
    symbol: str = "",
    signer: Person | None = None,
    signer_title: str = "",
    text: str = "",
    meeting_ref: str = "",
    attachment: Any = None,
    meeting: Any = None,
) -> DirectingDocument:
    title = normalize_line(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập trích yếu của văn bản."})
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "Loại văn bản không hợp lệ."})
    with transaction.atomic():
        return do_create(
            DirectingDocument,
            actor=actor,
            verb="directives.document.register",
            kind=kind,
            issuing_organ=issuing_organ,
            number=normalize_line(number),
            symbol=normalize_line(symbol),
            date=date,
            signer=signer,
            signer_title=normalize_line(signer_title),
            title=title,
            text=normalize(text),
            meeting_ref=normalize_line(meeting_ref) or (meeting.title[:300] if meeting is not None else ""),
            meeting=meeting,
            attachment=store_upload(attachment, "documents"),
            unit=unit,
            search_key=search_key(f"{number} {symbol} {title}")[:600],
        )


def link_document_meeting(*, actor: Actor, document: DirectingDocument, meeting: Any) -> DirectingDocument:
    """Point a document at the meeting record it concludes (older records named the meeting in words)."""
    if document.meeting_id == getattr(meeting, "pk", None):
        return document
    return do_update(document, actor=actor, verb="directives.document.meeting", meeting=meeting)


def add_task(
    *,
    actor: Actor,
    document: DirectingDocument,
    title: str,
    lead_organ: Organ | None,
    content: str = "",
    cooperating_organs: Iterable[Organ] = (),
    expected_product: str = "",
    deadline_kind: str = DeadlineKind.FIXED,
    deadline_days: int | None = None,
    deadline_date: dt.date | None = None,
    recurring_day: int | None = None,
    recurring_until: dt.date | None = None,
    priority: int = 2,
    accountable_person: Person | None = None,
    source_opinion: Any = None,
) -> Task:
    """Add a task to ``document``; its cooperating organs and (for a task directed from an opinion)
    its ``source_opinion`` are in the same audit row, the opinion indexed as related (its history
    lists the task)."""
    title = normalize_line(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên nhiệm vụ."})
    if deadline_kind == DeadlineKind.MONTHLY and not (recurring_day and 1 <= recurring_day <= 28):
        raise ValidationError({"recurring_day": "Báo cáo hằng tháng cần ngày trong tháng (1-28)."})
    due = compute_due_date(
        kind=deadline_kind,
        document_date=document.date,
        days=deadline_days,
        date=deadline_date,
        recurring_until=recurring_until,
        place=document.unit,
    )
    organs = [o for o in cooperating_organs if o != lead_organ]
    with transaction.atomic():
        task = do_create(
            Task,
            actor=actor,
            verb="directives.task.add",
            related=[source_opinion] if source_opinion is not None else (),
            m2m={"cooperating_organs": organs} if organs else None,
            source_opinion=source_opinion,
            document=document,
            title=title,
            content=normalize(content),
            lead_organ=lead_organ,
            accountable_person=accountable_person,
            expected_product=normalize_line(expected_product),
            deadline_kind=deadline_kind,
            deadline_days=deadline_days,
            deadline_date=deadline_date,
            recurring_day=recurring_day,
            recurring_until=recurring_until,
            due_date=due,
            original_due_date=due,
            priority=priority,
            unit=document.unit,
            search_key=search_key(title)[:600],
        )
    return task


def update_task(
    task: Task,
    *,
    actor: Actor,
    expected_version: int,
    cooperating_organs: Iterable[Organ] | None = None,
    **changes: Any,
) -> Task:
    """Edit a task, optimistic-locked. ``task`` is the copy the editor loaded: on a version
    mismatch :class:`TaskConflict` says what changed between that copy and the saved one."""
    if "title" in changes:
        changes["title"] = normalize_line(changes["title"])
        if not changes["title"]:
            raise ValidationError({"title": "Vui lòng nhập tên nhiệm vụ."})
        changes["search_key"] = search_key(changes["title"])[:600]
    if "content" in changes:
        changes["content"] = normalize(changes["content"])
    with transaction.atomic():
        current = Task.objects.select_for_update().select_related("document").get(pk=task.pk)
        if current.version != expected_version:
            changed = {
                name: (getattr(task, name), getattr(current, name))
                for name in TASK_EDIT_FIELDS
                if getattr(task, name) != getattr(current, name)
            }
            raise TaskConflict(current, changed)
        deadline_fields = {"deadline_kind", "deadline_days", "deadline_date", "recurring_until"}
        if deadline_fields & changes.keys():
            merged = {f: changes.get(f, getattr(current, f)) for f in deadline_fields}
            new_due = compute_due_date(
                kind=merged["deadline_kind"],
                document_date=current.document.date,
                days=merged["deadline_days"],
                date=merged["deadline_date"],
                recurring_until=merged["recurring_until"],
                place=current.document.unit,
            )
            if new_due != current.due_date:
                now = timezone.now()
                DeadlineChange.objects.create(
                    task=current,
                    old_date=current.due_date,
                    new_date=new_due,
                    reason="Văn phòng điều chỉnh thời hạn khi sửa nhiệm vụ.",
                    changed_by=acting_user(actor),
                    changed_at=now,
                )
                changes["due_date"] = new_due
                changes["deadline_changed_at"] = now
        lead_id = getattr(changes["lead_organ"], "pk", None) if "lead_organ" in changes else current.lead_organ_id
        m2m = None
        if cooperating_organs is not None:
            m2m = {"cooperating_organs": [o for o in cooperating_organs if o.pk != lead_id]}
        try:
            updated = do_update(
                current,
                actor=actor,
                expected_version=expected_version,
                verb="directives.task.update",
                m2m=m2m,
                **changes,
            )
        except ConflictError as exc:  # pragma: no cover - the row is locked above
            raise TaskConflict(exc.current, exc.changed) from exc
    return updated


def bump_task(task: Task, **fields: Any) -> None:
    """Update derived task fields and its version (so an open editor sees a conflict)."""
    Task.objects.filter(pk=task.pk).update(version=F("version") + 1, updated_at=timezone.now(), **fields)


def require_open(task: Task) -> None:
    """A task recognised as complete takes no more reports or requests."""
    if task.completed_at is not None:
        raise ValidationError("Nhiệm vụ đã được công nhận hoàn thành.")


def report_progress(
    *,
    actor: Actor,
    task: Task,
    text: str,
    percent: int,
    attachment: Any = None,
    at: dt.datetime | None = None,
) -> ProgressReport:
    text = normalize(text)
    if not text:
        raise ValidationError({"text": "Vui lòng nhập nội dung báo cáo tiến độ."})
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": "Tỷ lệ hoàn thành phải từ 0 đến 100."})
    at = at or timezone.now()
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        require_open(locked)
        report = do_create(
            ProgressReport,
            actor=actor,
            verb="directives.task.progress",
            related=[locked],
            task=locked,
            text=text,
            percent=percent,
            attachment=store_upload(attachment, "progress"),
            reported_by=acting_user(actor),
            at=at,
        )
        fields: dict[str, Any] = {"percent": percent}
        if locked.first_report_at is None or at < locked.first_report_at:
            fields["first_report_at"] = at
        if locked.last_report_at is None or at > locked.last_report_at:
            fields["last_report_at"] = at
        bump_task(locked, **fields)
    return report
