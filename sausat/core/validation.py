"""Model validation before an audited save, without re-reading related rows the caller already holds.

``Model.full_clean`` checks every foreign key with a ``SELECT 1 … LIMIT 1`` per field. A service
passes related objects it has just loaded (and scope-checked), and an update leaves most keys as
they were read; the database's foreign-key constraint still guards both. :func:`clean_for_save`
runs the same steps as ``full_clean`` (fields, ``clean()``, uniqueness, constraints, with the same
error collection) and skips only those existence queries: a posted note cost 12 queries, 3 of
them such checks.
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


def _held_foreign_keys(obj: models.Model, unchanged: Collection[str]) -> set[str]:
    """Names of foreign keys whose target is known to exist: a saved instance the caller passed,
    or (on an update) a key the update leaves as it was read."""
    held: set[str] = set()
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        if field.name in unchanged or field.attname in unchanged:
            held.add(field.name)
            continue
        if not field.is_cached(obj):
            continue
        target = field.get_cached_value(obj)
        if (
            target is not None
            and not target._state.adding
            and getattr(target, field.target_field.attname) == getattr(obj, field.attname)
        ):
            held.add(field.name)
    return held


def clean_for_save(obj: models.Model, *, unchanged: Collection[str] = ()) -> None:
    """``obj.full_clean()`` minus the existence query of foreign keys whose target is held."""
    held = _held_foreign_keys(obj, unchanged)
    errors: dict = {}
    try:
        obj.clean_fields(exclude=held)
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    # As full_clean: uniqueness only for fields that passed, and on every field otherwise.
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        obj.validate_unique(exclude=failed)
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    try:
        obj.validate_constraints(exclude=failed)
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's refusal shown on the form that was posted: each message beside the field it names
    when the form has that field, otherwise above the form."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)
