"""Audited writes. Every write in Sâu sát ends up here, inside the caller's transaction.

App services call :func:`do_create`, :func:`do_update`, :func:`do_soft_delete` and
:func:`do_restore`, or :func:`record_audit` directly for domain actions, always inside
``transaction.atomic`` so the data row and the audit row commit together or not at all.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from sausat.core.actors import Actor, SystemActor, acting_user, actor_label, check_actor
from sausat.core.data_versions import bump_on_commit
from sausat.core.middleware import current_request_id
from sausat.core.models import AuditEvent, AuditRelation, BusinessModel
from sausat.core.validation import clean_for_save

# Field values never copied into audit rows.
_SECRET_FIELDS = {"password", "key_hash"}
# The actor of the calendar announcements loaded by ``seed_calendar`` (migrations, make run).
SYSTEM_CALENDAR = SystemActor(reason="seed_calendar")


class ConflictError[M: models.Model](Exception):
    """Raised when an optimistic-lock version no longer matches: someone saved first."""

    def __init__(self, current: M, changed: dict[str, tuple[Any, Any]]):
        self.current = current
        self.changed = changed
        super().__init__("Bản ghi đã được người khác cập nhật. Vui lòng xem lại thay đổi rồi lưu lại.")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited state of an object: concrete fields, foreign keys as ids."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields and field.attname not in fields:
            continue
        if field.name in _SECRET_FIELDS:
            continue
        data[field.attname] = _jsonable(getattr(obj, field.attname))
    return data


def object_label(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


# An object an audit row also touches: a model instance (role: its model name), or
# ``(label, pk)`` / ``(label, pk, role)`` when only the id is at hand (e.g. bulk moves).
type Related = models.Model | tuple[str, Any] | tuple[str, Any, str]


def _relations(event: AuditEvent, related: Iterable[Related]) -> list[AuditRelation]:
    rows: dict[tuple[str, str], AuditRelation] = {}
    for item in related:
        if isinstance(item, models.Model):
            label, pk, role = object_label(item), item.pk, label_role(object_label(item))
        else:
            label, pk, role = item[0], item[1], (item[2] if len(item) > 2 else label_role(item[0]))
        if pk is None or (label, str(pk)) == (event.object_type, event.object_id):
            continue
        rows.setdefault(
            (label, str(pk)), AuditRelation(audit=event, model_label=label, object_pk=str(pk)[:64], role=role[:40])
        )
    return list(rows.values())


def label_role(label: str) -> str:
    """The default role of a related object: its model name ("opinions.opinion" → "opinion")."""
    return label.rpartition(".")[2]


def record_audit(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    verb: str = "",
    anonymous: bool = False,
    at: dt.datetime | None = None,
    related: Iterable[Related] = (),
) -> AuditEvent:
    """Write one audit row. ``anonymous=True`` drops the actor, as anonymous opinions require.

    ``at`` overrides the moment recorded; anonymous opinions pass a coarse one (their day) so the
    audit trail cannot be lined up with logins (see :mod:`sausat.opinions.anonymity`).

    ``related``: the other objects the write touches (an answer's opinion, the opinions moved into
    a group, a task's source opinion); indexed in :class:`~sausat.core.models.AuditRelation` in the
    same transaction, so their history lists this row too (:func:`sausat.core.selectors.history_for`).
    """
    check_actor(actor)
    user = None if anonymous else acting_user(actor)
    label = "" if anonymous else actor_label(actor)
    if obj is not None:
        object_type = object_type or object_label(obj)
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    event = AuditEvent.objects.create(
        actor=user,
        actor_label=label,
        action=action,
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        before=before,
        after=after,
        request_id="" if anonymous else current_request_id(),
        **({"at": at} if at is not None else {}),
    )
    relations = _relations(event, related)
    if relations:
        AuditRelation.objects.bulk_create(relations, batch_size=500)
    bump_on_commit(object_type)  # cached figures of this kind of data are recomputed after the commit
    return event


type ManyToMany = Mapping[str, Iterable[models.Model]]


def _m2m_ids(obj: models.Model, name: str) -> list[Any]:
    return sorted(getattr(obj, name).values_list("pk", flat=True))


def _set_m2m(obj: models.Model, m2m: ManyToMany, setter: Any) -> dict[str, list[Any]]:
    """Set the many-to-many fields of ``m2m`` (``setter(obj, name, values)`` or ``.set()``); the new ids."""
    after: dict[str, list[Any]] = {}
    for name, values in m2m.items():
        values = list(values)
        if setter is not None:
            setter(obj, name, values)
        else:
            getattr(obj, name).set(values)
        after[name] = [v.pk for v in values]
    return after


def do_create[M: models.Model](
    model: type[M],
    *,
    actor: Actor,
    verb: str = "",
    anonymous: bool = False,
    related: Iterable[Related] = (),
    m2m: ManyToMany | None = None,
    m2m_setter: Any = None,
    **fields: Any,
) -> M:
    """Create and audit one object. ``m2m``: many-to-many fields set after the save (with
    ``m2m_setter(obj, name, values)`` when the plain ``.set()`` will not do), their ids in the same
    audit row."""
    with transaction.atomic():
        obj = model(**fields)
        clean_for_save(obj)
        obj.save()
        after = snapshot(obj)
        if m2m:
            after.update(_set_m2m(obj, m2m, m2m_setter))
        record_audit(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=obj,
            after=after,
            verb=verb,
            anonymous=anonymous,
            related=related,
        )
    return obj


def do_update[M: models.Model](
    obj: M,
    *,
    actor: Actor,
    expected_version: int | None = None,
    verb: str = "",
    related: Iterable[Related] = (),
    m2m: ManyToMany | None = None,
    m2m_setter: Any = None,
    **changes: Any,
) -> M:
    """Apply ``changes`` to ``obj``; audited; optimistic-locked when ``expected_version`` is given.

    ``m2m``: many-to-many fields to set too (see :func:`do_create`); before and after ids in the row."""
    model = type(obj)
    with transaction.atomic():
        current = model._base_manager.select_for_update().get(pk=obj.pk)
        if expected_version is not None and hasattr(current, "version") and current.version != expected_version:
            changed = {
                name: (getattr(obj, name, None), getattr(current, name))
                for name in changes
                if getattr(obj, name, None) != getattr(current, name)
            }
            raise ConflictError(current, changed)
        before = snapshot(current, changes.keys())
        for name, value in changes.items():
            setattr(current, name, value)
        if hasattr(current, "updated_at"):
            current.updated_at = timezone.now()
        if hasattr(current, "version"):
            current.version += 1
        clean_for_save(
            current,
            unchanged=[
                f.name for f in current._meta.concrete_fields if f.name not in changes and f.attname not in changes
            ],
        )
        current.save()
        after = snapshot(current, changes.keys())
        if m2m:
            before.update({name: _m2m_ids(current, name) for name in m2m})
            after.update(_set_m2m(current, m2m, m2m_setter))
        record_audit(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=current,
            before=before,
            after=after,
            verb=verb,
            related=related,
        )
    return current


def do_soft_delete[M: BusinessModel](obj: M, *, actor: Actor, verb: str = "", related: Iterable[Related] = ()) -> M:
    with transaction.atomic():
        now = timezone.now()
        type(obj)._base_manager.filter(pk=obj.pk).update(deleted_at=now)
        obj.deleted_at = now
        record_audit(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            obj=obj,
            after={"deleted_at": now.isoformat()},
            verb=verb,
            related=related,
        )
    return obj


def do_restore[M: BusinessModel](obj: M, *, actor: Actor, verb: str = "", related: Iterable[Related] = ()) -> M:
    with transaction.atomic():
        before = {"deleted_at": _jsonable(obj.deleted_at)}
        type(obj)._base_manager.filter(pk=obj.pk).update(deleted_at=None)
        obj.deleted_at = None
        record_audit(
            actor=actor,
            action=AuditEvent.Action.RESTORE,
            obj=obj,
            before=before,
            after={},
            verb=verb,
            related=related,
        )
    return obj


# --- The working-day calendar --------------------------------------------------------------


def can_edit_calendar(actor: Actor, province: Any = None) -> bool:
    """The national calendar is the administrators'; a province's local days off are also its own
    secretaries' (and nobody else's)."""
    from sausat.core.policy import scope_for
    from sausat.core.roles import Role
    from sausat.geo.models import Level

    scope = scope_for(actor)
    if scope.is_admin:
        return True
    if province is None or province.level != Level.PROVINCE:
        return False
    return scope.covers_path(province.scope_path, Role.SECRETARY)


def is_province(unit: Any) -> bool:
    """True for a province-level unit (the level a local calendar or setting belongs to)."""
    from sausat.geo.models import Level

    return unit is not None and unit.level == Level.PROVINCE


def set_calendar_day(
    *, actor: Actor, date: dt.date, kind: str, name: str, source: str = "", province: Any = None
) -> Any:
    """Add (or change) an official extra day off or make-up working day; audited; cache refreshed.

    ``province`` None: the national calendar (administrators). A province: a local day off there."""
    from django.core.exceptions import ValidationError

    from sausat.core import calendar
    from sausat.core.models import CalendarDay
    from sausat.core.policy import require_in_scope
    from sausat.geo.models import Level
    from sausat.textkit.normalize import normalize_line

    require_in_scope(actor, lambda: can_edit_calendar(actor, province))
    if province is not None and province.level != Level.PROVINCE:
        raise ValidationError({"province": "Ngày nghỉ riêng chỉ đặt cho cấp tỉnh."})
    if province is not None and kind != CalendarDay.Kind.DAY_OFF:
        raise ValidationError({"kind": "Ngày làm bù do cấp trung ương quy định; tỉnh chỉ thêm ngày nghỉ riêng."})
    name = normalize_line(name)
    source = normalize_line(source)
    if kind not in CalendarDay.Kind.values:
        raise ValidationError({"kind": "Loại ngày không hợp lệ."})
    if not name:
        raise ValidationError({"name": "Vui lòng nhập tên hoặc lý do."})
    if kind == CalendarDay.Kind.WORKING_DAY and date.weekday() < 5:
        raise ValidationError({"date": "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."})
    with transaction.atomic():
        existing = CalendarDay.objects.select_for_update().filter(date=date, province=province).first()
        if existing is None:
            row = CalendarDay(date=date, province=province, kind=kind, name=name, source=source)
            row.full_clean()
            row.save()
            record_audit(
                actor=actor, action=AuditEvent.Action.CREATE, obj=row, after=snapshot(row), verb="calendar.set"
            )
        else:
            before = snapshot(existing)
            existing.kind, existing.name, existing.source = kind, name, source
            existing.full_clean()
            existing.save()
            row = existing
            record_audit(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                obj=row,
                before=before,
                after=snapshot(row),
                verb="calendar.set",
            )
        transaction.on_commit(calendar.invalidate_cache)
    calendar.invalidate_cache()
    return row


def remove_calendar_day(*, actor: Actor, date: dt.date, province: Any = None) -> bool:
    """Remove the announced exception on ``date`` (of ``province``, or national); the holidays
    package's days stay."""
    from sausat.core import calendar
    from sausat.core.models import CalendarDay
    from sausat.core.policy import require_in_scope

    require_in_scope(actor, lambda: can_edit_calendar(actor, province))
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(date=date, province=province).first()
        if row is None:
            return False
        before = snapshot(row)
        pk, label = row.pk, str(row)
        row.delete()
        record_audit(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            object_type="core.calendarday",
            object_id=str(pk),
            object_repr=label,
            before=before,
            after=None,
            verb="calendar.remove",
        )
        transaction.on_commit(calendar.invalidate_cache)
    calendar.invalidate_cache()
    return True


def seed_calendar(*, actor: Actor = SYSTEM_CALENDAR) -> int:
    """Add the confirmed announcements of :mod:`sausat.core.data.calendar_vn` that are missing."""
    from sausat.core.data import calendar_vn
    from sausat.core.models import CalendarDay

    present = set(CalendarDay.objects.filter(province__isnull=True).values_list("date", flat=True))
    added = 0
    for item in calendar_vn.confirmed():
        if item.date not in present:
            set_calendar_day(actor=actor, date=item.date, kind=item.kind, name=item.name, source=item.source)
            added += 1
    return added
