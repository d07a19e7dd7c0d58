"""Writes of dated settings (:mod:`sausat.core.dated_rules`): one audited row per change.

National rows are the administrators'; a province's own row is also its secretaries' (as the
calendar's local days off, :func:`sausat.core.services.can_edit_calendar`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sausat.core import dated_rules
from sausat.core.actors import Actor
from sausat.core.models import DatedSetting
from sausat.core.policy import require_in_scope
from sausat.core.services import can_edit_calendar, do_create, do_soft_delete, do_update, is_province
from sausat.textkit.normalize import normalize, normalize_line


def can_edit_setting(actor: Actor, unit: Any = None) -> bool:
    """Same rule as the calendar: national → administrators; a province → also its secretaries."""
    return can_edit_calendar(actor, unit)


def do_set_dated_setting(
    *,
    actor: Actor,
    key: str,
    value: Any,
    valid_from: dt.date,
    basis: str,
    unit: Any = None,
    valid_to: dt.date | None = None,
    note: str = "",
) -> DatedSetting:
    """Store ``value`` for ``key`` from ``valid_from`` (nationally, or for the province ``unit``).

    A row with the same key, unit and start day is updated; otherwise a new one is added and the
    latest start day in force wins (see :func:`sausat.core.dated_rules.setting_for`)."""
    require_in_scope(actor, lambda: can_edit_setting(actor, unit))
    if key not in dated_rules.setting_keys():
        raise ValidationError({"key": f"Không có thiết lập '{key}'."})
    if unit is not None and not is_province(unit):
        raise ValidationError({"unit": "Thiết lập riêng chỉ đặt cho cấp tỉnh."})
    problem = dated_rules.check_value(key, value)
    if problem:
        raise ValidationError({"value": problem})
    basis = normalize_line(basis)
    if not basis:
        raise ValidationError(
            {"basis": f"Vui lòng ghi căn cứ (số, ngày văn bản) hoặc '{dated_rules.PRODUCT_DEFAULT}'."}
        )
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu."})
    note = normalize(note or "")
    dated_rules.invalidate_cache()
    with transaction.atomic():
        transaction.on_commit(dated_rules.invalidate_cache)
        existing = DatedSetting.objects.select_for_update().filter(key=key, unit=unit, valid_from=valid_from).first()
        if existing is None:
            return do_create(
                DatedSetting,
                actor=actor,
                verb="setting.set",
                key=key,
                unit=unit,
                valid_from=valid_from,
                valid_to=valid_to,
                value=value,
                basis=basis,
                note=note,
            )
        return do_update(
            existing, actor=actor, verb="setting.set", value=value, basis=basis, valid_to=valid_to, note=note
        )


def do_remove_dated_setting(*, actor: Actor, setting: DatedSetting) -> DatedSetting:
    """Withdraw a row (recoverable); the default or an earlier row applies again."""
    require_in_scope(actor, lambda: can_edit_setting(actor, setting.unit))
    dated_rules.invalidate_cache()
    with transaction.atomic():
        transaction.on_commit(dated_rules.invalidate_cache)
        return do_soft_delete(setting, actor=actor, verb="setting.remove")
