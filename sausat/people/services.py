"""Writes for persons, positions, organs and role grants. Each is atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from sausat.core.actors import Actor
from sausat.core.services import do_create, do_restore, do_soft_delete, do_update, record_audit
from sausat.geo.models import AdministrativeUnit
from sausat.people import naming
from sausat.people.data.organ_templates import Template
from sausat.people.models import Organ, Person, Position, Role, RoleGrant
from sausat.textkit.normalize import match_key, normalize_line, search_key


def _clean_name(value: str, label: str) -> str:
    value = normalize_line(value)
    if not value:
        raise ValidationError({label: "Vui lòng nhập tên."})
    return value


def create_organ(
    *, actor: Actor, name: str, kind: str, unit: AdministrativeUnit, parent: Organ | None = None, **extra: Any
) -> Organ:
    name = _clean_name(name, "name")
    return do_create(
        Organ,
        actor=actor,
        verb="organ.create",
        name=name,
        kind=kind,
        unit=unit,
        parent=parent,
        search_key=search_key(name),
        **extra,
    )


def create_person(*, actor: Actor, full_name: str, home_unit: AdministrativeUnit, **extra: Any) -> Person:
    full_name = _clean_name(full_name, "full_name")
    return do_create(
        Person,
        actor=actor,
        verb="person.create",
        full_name=full_name,
        home_unit=home_unit,
        search_key=search_key(full_name),
        match_key=match_key(full_name),
        **extra,
    )


def update_person(person: Person, *, actor: Actor, expected_version: int | None = None, **changes: Any) -> Person:
    if "full_name" in changes:
        changes["full_name"] = _clean_name(changes["full_name"], "full_name")
        changes["search_key"] = search_key(changes["full_name"])
        changes["match_key"] = match_key(changes["full_name"])
    return do_update(person, actor=actor, expected_version=expected_version, verb="person.update", **changes)


def delete_person(person: Person, *, actor: Actor) -> Person:
    if person.is_deleted:
        raise ValidationError("Cán bộ này đã bị xóa.")
    return do_soft_delete(person, actor=actor, verb="person.delete")


def restore_person(person: Person, *, actor: Actor) -> Person:
    if not person.is_deleted:
        raise ValidationError("Cán bộ này chưa bị xóa.")
    return do_restore(person, actor=actor, verb="person.restore")


def update_organ(organ: Organ, *, actor: Actor, expected_version: int | None = None, **changes: Any) -> Organ:
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"], "name")
        changes["search_key"] = search_key(changes["name"])
    return do_update(organ, actor=actor, expected_version=expected_version, verb="organ.update", **changes)


def delete_organ(organ: Organ, *, actor: Actor) -> Organ:
    if organ.is_deleted:
        raise ValidationError("Cơ quan này đã bị xóa.")
    return do_soft_delete(organ, actor=actor, verb="organ.delete")


def restore_organ(organ: Organ, *, actor: Actor) -> Organ:
    """Bring an organ back, unless a live organ with the same name now exists at its unit."""
    if not organ.is_deleted:
        raise ValidationError("Cơ quan này chưa bị xóa.")
    if Organ.objects.filter(unit_id=organ.unit_id, name=organ.name).exists():
        raise ValidationError("Đã có một cơ quan cùng tên tại đơn vị này; không thể khôi phục.")
    return do_restore(organ, actor=actor, verb="organ.restore")


def assign_position(
    *,
    actor: Actor,
    person: Person,
    title: str,
    unit: AdministrativeUnit,
    organ: Organ | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    is_leadership: bool = False,
    sort_order: int = 100,
    basis: str = "",
) -> Position:
    """A post held at ``unit``. At a unit that has ceased to exist (a pre-2025 province, district
    or commune) the post ends by the unit's last day: a missing end becomes that day, a later one
    is refused."""
    title = _clean_name(title, "title")
    basis = normalize_line(basis)[:300]
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
    end_date = _end_within_unit(unit, start_date, end_date)
    if end_date == unit.valid_to and not basis and unit.valid_to is not None:
        basis = f"{unit.name} hết hiệu lực sau ngày {unit.valid_to:%d/%m/%Y}."
    return do_create(
        Position,
        basis=basis,
        actor=actor,
        verb="position.assign",
        person=person,
        title=title,
        unit=unit,
        organ=organ,
        start_date=start_date,
        end_date=end_date,
        is_leadership=is_leadership,
        sort_order=sort_order,
    )


def _end_within_unit(unit: AdministrativeUnit, start_date: dt.date | None, end_date: dt.date | None) -> dt.date | None:
    last = unit.valid_to
    if last is None:
        return end_date
    if start_date and start_date > last:
        raise ValidationError(
            {"start_date": f"{unit.name} đã hết hiệu lực sau ngày {last:%d/%m/%Y}; không thể nhận chức vụ từ ngày này."}
        )
    if end_date is None:
        return last
    if end_date > last:
        raise ValidationError(
            {"end_date": f"{unit.name} đã hết hiệu lực sau ngày {last:%d/%m/%Y}; ngày thôi giữ chức vụ phải trước đó."}
        )
    return end_date


def end_position(position: Position, *, actor: Actor, end_date: dt.date) -> Position:
    if position.start_date and end_date < position.start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
    _end_within_unit(position.unit, position.start_date, end_date)
    return do_update(position, actor=actor, verb="position.end", end_date=end_date)


def grant_role(
    *,
    actor: Actor,
    user: User,
    role: str,
    unit: AdministrativeUnit,
    organ: Organ | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> RoleGrant:
    if role not in Role.values:
        raise ValidationError({"role": "Vai trò không hợp lệ."})
    if role == Role.RESPONDER and organ is None:
        raise ValidationError({"organ": "Vai trò cơ quan trả lời cần chọn cơ quan."})
    return do_create(
        RoleGrant,
        actor=actor,
        verb="role.grant",
        user=user,
        role=role,
        unit=unit,
        organ=organ,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def revoke_role(grant: RoleGrant, *, actor: Actor, on: dt.date) -> RoleGrant:
    """End a grant; the user loses the access on their next request."""
    return do_update(grant, actor=actor, verb="role.revoke", valid_to=on)


def create_account(*, actor: Actor, username: str, password: str, email: str = "", is_staff: bool = False) -> Any:
    """Create a login account; the audit row records the username, never the password."""
    with transaction.atomic():
        user = User.objects.create_user(username=username, password=password, email=email, is_staff=is_staff)
        record_audit(actor=actor, action="create", obj=user, verb="account.create", after={"username": username})
    return user


def create_user_for_person(*, actor: Actor, person: Person, username: str, password: str) -> Any:
    with transaction.atomic():
        user = create_account(actor=actor, username=username, password=password, email=person.email)
        do_update(person, actor=actor, verb="person.link_user", user=user)
    return user


# Words that name a unit's type or its committee's form: they changed in 2025 (a city's "Thành ủy",
# a commune body's "Đảng ủy phường …") while the body stayed the same.
_TYPE_WORDS = ("thanh pho", "dac khu", "tinh", "phuong", "xa")


def former_name_key(name: str) -> str:
    """A key equal for a body's name before and after the naming fix: "Tỉnh ủy Cần Thơ" and "Thành ủy
    Cần Thơ", "Sở Nội vụ tỉnh Cần Thơ" and "Sở Nội vụ thành phố Cần Thơ", "Đảng ủy Vị Thanh" and
    "Đảng ủy phường Vị Thanh"."""
    key = f" {search_key(name)} ".replace(" thanh uy ", " tinh uy ").replace(" thanh doan ", " tinh doan ")
    for word in _TYPE_WORDS:
        key = key.replace(f" {word} ", " ")
    return " ".join(key.split())


def seed_organs(
    *, actor: Actor, unit: AdministrativeUnit, template: Template | None = None, on: dt.date | None = None
) -> list[Organ]:
    """Create the template's organs at ``unit`` (by default the template in force for the unit on
    ``on``), named from the unit's type; existing ones (same key or name) are kept as they are. A body
    seeded by an earlier version under its former name (no key yet) is renamed in place, audited,
    rather than duplicated."""
    template = template or naming.template_for(unit, on)
    forms = naming.placeholders(unit)
    live = list(Organ.objects.filter(unit=unit))
    by_key = {o.key: o for o in live if o.key}
    by_name = {o.name: o for o in live}
    by_former = {former_name_key(o.name): o for o in live if not o.key}
    organs: list[Organ] = []
    with transaction.atomic():
        for row in naming.rows_for(unit, template):
            name = row.name.format(**forms)
            organ = by_key.get(row.key) or by_name.get(name) or by_former.pop(former_name_key(name), None)
            if organ is None:
                organ = create_organ(
                    actor=actor,
                    name=name,
                    kind=row.kind,
                    unit=unit,
                    parent=by_key.get(row.parent),
                    short_name=row.short.format(**forms),
                    sort_order=row.order,
                    key=row.key,
                )
            elif not organ.key:
                changes: dict[str, Any] = {"key": row.key}
                if organ.name != name:
                    changes |= {"name": name, "search_key": search_key(name), "short_name": row.short.format(**forms)}
                organ = do_update(
                    organ, actor=actor, verb="organ.rename" if "name" in changes else "organ.update", **changes
                )
            by_key[row.key] = organ
            organs.append(organ)
    return organs


def rename_organs_to_template(
    *, actor: Actor, unit: AdministrativeUnit, apply: bool = False
) -> list[tuple[Organ, str]]:
    """Bodies seeded from a template whose name is no longer the template's (the 2025 naming fix):
    ``(organ, new name)`` pairs; renamed, audited, when ``apply``. Bodies added by hand (no key) and
    names that another live body already uses are left alone."""
    forms = naming.placeholders(unit)
    rows = {row.key: row for row in naming.rows_for(unit, naming.template_for(unit))}
    live = list(Organ.objects.filter(unit=unit))
    taken = {o.name for o in live}
    pending: list[tuple[Organ, str]] = []
    for organ in live:
        row = rows.get(organ.key)
        if row is None:
            continue
        name = row.name.format(**forms)
        if name != organ.name and name not in taken:
            pending.append((organ, name))
    if apply:
        with transaction.atomic():
            for organ, name in pending:
                do_update(organ, actor=actor, verb="organ.rename", name=name, search_key=search_key(name))
    return pending
