"""Writes on meetings. Each is atomic and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sausat.core.models import AuditEvent
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_update, record_audit
from sausat.core.uploads import save_or_refuse
from sausat.geo.models import AdministrativeUnit
from sausat.meetings.models import (
    ATTACHMENT_EXTENSIONS,
    ATTACHMENT_MAX_BYTES,
    RESULTS_STATUSES,
    STATUS_FLOW,
    Meeting,
    MeetingAttachment,
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
    actor: Any,
    title: str,
    starts_at: dt.datetime,
    unit: AdministrativeUnit,
    chairs: Iterable[Person] = (),
    organ: Organ | None = None,
    **extra: Any,
) -> Meeting:
    fields = _clean({"title": title, **extra})
    with transaction.atomic():
        meeting = do_create(
            Meeting, actor=actor, verb="meeting.create", starts_at=starts_at, unit=unit, organ=organ, **fields
        )
        _set_chairs_in_order(meeting, list(chairs))
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
    actor: Any,
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


def set_status(*, actor: Any, meeting: Meeting, status: str) -> Meeting:
    if status not in STATUS_FLOW[MeetingStatus(meeting.status)]:
        raise ValidationError({"status": f"Không thể chuyển từ “{meeting.get_status_display()}” sang trạng thái này."})
    return do_update(meeting, actor=actor, verb="meeting.status", status=status)


def add_attachment(*, actor: Any, meeting: Meeting, upload) -> MeetingAttachment:
    name = normalize_line(upload.name)[:255] or "tep-dinh-kem"
    if not name.lower().endswith(ATTACHMENT_EXTENSIONS):
        raise ValidationError({"file": "Chỉ nhận tệp PDF, Word, Excel, OpenDocument hoặc ảnh JPG/PNG."})
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 20 MB)."})
    with transaction.atomic():
        item = MeetingAttachment(meeting=meeting, unit=meeting.unit, name=name, size=upload.size)
        # The file is written first and through the guard: a full disk is a Vietnamese refusal, no row.
        item.file.name = save_or_refuse(item.file.storage, item.file.field.generate_filename(item, upload.name), upload)
        item.full_clean()
        item.save()
        # The core snapshot cannot serialise a stored file: audit its name and path instead.
        after = {"meeting_id": meeting.pk, "name": name, "file": item.file.name, "size": item.size}
        record_audit(actor=actor, action=AuditEvent.Action.CREATE, obj=item, after=after, verb="meeting.attach")
    return item


def publish_results(*, actor: Any, meeting: Meeting) -> Meeting:
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


def unpublish_results(*, actor: Any, meeting: Meeting) -> Meeting:
    """Withdraw the public results page; the reference is kept for a later republication."""
    require_in_scope(actor, lambda: can_manage(actor, meeting))
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if not current.results_published:
            return current
        return do_update(current, actor=actor, verb="meeting.results_unpublish", results_published_at=None)
