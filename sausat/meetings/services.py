"""Writes on meetings. Each is atomic and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sausat.core.actors import Actor
from sausat.core.models import AuditEvent
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_soft_delete, do_update, record_audit
from sausat.core.uploads import save_or_refuse
from sausat.geo.models import AdministrativeUnit
from sausat.meetings.models import (
    ATTACHMENT_EXTENSIONS,
    ATTACHMENT_MAX_BYTES,
    RESULTS_STATUSES,
    STATUS_FLOW,
    AttendeeRole,
    Meeting,
    MeetingAttachment,
    MeetingAttendee,
    MeetingStatus,
    new_results_ref,
)
from sausat.meetings.policy import can_manage
from sausat.people.models import Organ, Person, Role
from sausat.textkit.normalize import normalize, normalize_line, search_key

_TEXT_FIELDS = ("agenda", "attendance", "minutes", "online_points")


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    if "title" in fields:
        fields["title"] = normalize_line(fields["title"])
        if not fields["title"]:
            raise ValidationError({"title": "Vui lòng nhập tên hội nghị."})
        fields["search_key"] = search_key(fields["title"])
    for name in ("place", "invite_note"):
        if name in fields:
            fields[name] = normalize_line(fields[name])
    for name in _TEXT_FIELDS:
        if name in fields:
            fields[name] = normalize(fields[name])
    roles = fields.get("invite_roles")
    if roles is not None:
        bad = [r for r in roles if r not in Role.values]
        if bad:
            raise ValidationError({"invite_roles": "Vai trò khách mời không hợp lệ."})
        fields["invite_roles"] = "," + ",".join(sorted(set(roles))) + "," if roles else ""
    return fields


def create_meeting(
    *,
    actor: Actor,
    title: str,
    starts_at: dt.datetime,
    unit: AdministrativeUnit,
    chairs: Iterable[Person] = (),
    organ: Organ | None = None,
    **extra: Any,
) -> Meeting:
    fields = _clean({"title": title, **extra})
    with transaction.atomic():
        # The chairs (many-to-many, in protocol order) are set and audited in the meeting's own row.
        meeting = do_create(
            Meeting,
            actor=actor,
            verb="meeting.create",
            m2m={"chairs": list(chairs)},
            m2m_setter=lambda m, _name, people: _set_chairs_in_order(m, people),
            starts_at=starts_at,
            unit=unit,
            organ=organ,
            **fields,
        )
    return meeting


def _set_chairs_in_order(meeting: Meeting, chairs: list[Person]) -> None:
    """Protocol order is the order the chairs were given: one link row at a time, in that order
    (``set()`` goes through a set and loses it)."""
    current = [p.pk for p in meeting.chairs_in_order()]
    if current == [c.pk for c in chairs]:
        return
    meeting.chairs.clear()
    for person in chairs:
        meeting.chairs.add(person)


def update_meeting(
    meeting: Meeting,
    *,
    actor: Actor,
    expected_version: int | None = None,
    chairs: Iterable[Person] | None = None,
    **changes: Any,
) -> Meeting:
    changes = _clean(changes)
    with transaction.atomic():
        meeting = do_update(meeting, actor=actor, expected_version=expected_version, verb="meeting.update", **changes)
        if chairs is not None:
            chairs = list(chairs)
            _set_chairs_in_order(meeting, chairs)
            record_audit(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                obj=meeting,
                verb="meeting.chairs",
                after={"chair_ids": [c.pk for c in chairs]},
            )
    return meeting


def set_status(*, actor: Actor, meeting: Meeting, status: str) -> Meeting:
    if status not in STATUS_FLOW[MeetingStatus(meeting.status)]:
        raise ValidationError({"status": f"Không thể chuyển từ “{meeting.get_status_display()}” sang trạng thái này."})
    return do_update(meeting, actor=actor, verb="meeting.status", status=status)


def add_attachment(*, actor: Actor, meeting: Meeting, upload: UploadedFile[bytes]) -> MeetingAttachment:
    name = normalize_line(upload.name or "")[:255] or "tep-dinh-kem"
    size = upload.size or 0
    if not name.lower().endswith(ATTACHMENT_EXTENSIONS):
        raise ValidationError({"file": "Chỉ nhận tệp PDF, Word, Excel, OpenDocument hoặc ảnh JPG/PNG."})
    if size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 20 MB)."})
    with transaction.atomic():
        item = MeetingAttachment(meeting=meeting, unit=meeting.unit, name=name, size=size)
        # The file is written first and through the guard: a full disk is a Vietnamese refusal, no row.
        item.file.name = save_or_refuse(
            item.file.storage, item.file.field.generate_filename(item, upload.name or name), upload
        )
        item.full_clean()
        item.save()
        # The core snapshot cannot serialise a stored file: audit its name and path instead.
        after = {"meeting_id": meeting.pk, "name": name, "file": item.file.name, "size": item.size}
        record_audit(actor=actor, action=AuditEvent.Action.CREATE, obj=item, after=after, verb="meeting.attach")
    return item


def publish_results(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Make the meeting's results page public under its random reference (created on first publication)."""
    require_in_scope(actor, lambda: can_manage(actor, meeting))
    with transaction.atomic():
        # Locked so two concurrent first publications cannot hand out two different references.
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.status not in RESULTS_STATUSES:
            raise ValidationError({"status": "Chỉ công bố kết quả sau khi hội nghị đã tổ chức."}, code="not_held")
        if current.results_published:
            return current
        return do_update(
            current,
            actor=actor,
            verb="meeting.results_publish",
            results_ref=current.results_ref or new_results_ref(),
            results_published_at=timezone.now(),
        )


def unpublish_results(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Withdraw the public results page; the reference is kept for a later republication."""
    require_in_scope(actor, lambda: can_manage(actor, meeting))
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if not current.results_published:
            return current
        return do_update(current, actor=actor, verb="meeting.results_unpublish", results_published_at=None)


def add_attendee(
    *,
    actor: Actor,
    meeting: Meeting,
    person: Person | None = None,
    organ: Organ | None = None,
    label: str = "",
    title: str = "",
    role: str = AttendeeRole.ATTENDEE,
    sort_order: int | None = None,
) -> MeetingAttendee:
    """Record someone who attended without chairing: a person, a body, or a named group of delegates.

    A chair is not added again as an attendee: chairs are chairs, attendees are attendees."""
    require_in_scope(actor, lambda: can_manage(actor, meeting))
    label, title = normalize_line(label), normalize_line(title)
    if person is None and organ is None and not label:
        raise ValidationError({"person": "Vui lòng chọn người, cơ quan hoặc ghi thành phần tham dự."})
    if role not in AttendeeRole.values:
        raise ValidationError({"role": "Vai trò tham dự không hợp lệ."})
    if person is not None and meeting.chairs.filter(pk=person.pk).exists():
        raise ValidationError({"person": f"{person.full_name} đã là người chủ trì hội nghị này."})
    if person is not None and meeting.attendees.filter(person=person).exists():
        raise ValidationError({"person": f"{person.full_name} đã có trong thành phần tham dự."})
    if sort_order is None:
        sort_order = (meeting.attendees.count() + 1) * 10
    with transaction.atomic():
        return do_create(
            MeetingAttendee,
            actor=actor,
            verb="meeting.attendee.add",
            meeting=meeting,
            unit=meeting.unit,
            person=person,
            organ=organ,
            label=label,
            title=title,
            role=role,
            sort_order=sort_order,
        )


def remove_attendee(*, actor: Actor, attendee: MeetingAttendee) -> MeetingAttendee:
    require_in_scope(actor, lambda: can_manage(actor, attendee.meeting))
    with transaction.atomic():
        if attendee.person_id and attendee.meeting.concluded_by_id == attendee.person_id:
            raise ValidationError({"person": "Người này đã kết luận hội nghị: chọn lại người kết luận trước."})
        return do_soft_delete(attendee, actor=actor, verb="meeting.attendee.remove")


def set_conclusion_giver(
    *, actor: Actor, meeting: Meeting, person: Person | None, expected_version: int | None = None
) -> Meeting:
    """Record who gave the conclusion: one of the chairs or of the persons attending (None: the first chair)."""
    require_in_scope(actor, lambda: can_manage(actor, meeting))
    if person is not None:
        present = meeting.chairs.filter(pk=person.pk).exists() or meeting.attendees.filter(person=person).exists()
        if not present:
            raise ValidationError(
                {"concluded_by": "Người kết luận phải là người chủ trì hoặc tham dự hội nghị."}, code="not_present"
            )
    with transaction.atomic():
        return do_update(
            meeting, actor=actor, expected_version=expected_version, verb="meeting.concluded_by", concluded_by=person
        )
