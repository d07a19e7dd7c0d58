"""An object's history as a person reads it: who did what when, and what changed, in Vietnamese.

The audit rows (:class:`sausat.core.models.AuditEvent`) keep field names and stored values; this
module turns them into a timeline: the verb as a sentence ("Trả lời ý kiến"), each changed field
with its label and its old and new *display* values ("Kết quả: Chưa trả lời → Chuyển giải quyết"),
dates as dd/mm/yyyy, times in Vietnam's zone, choices by their label, bodies and units by name.

Apps describe their objects in ``AppConfig.ready``: :func:`register_type` (the object's name and
its fields' labels) and :func:`register_verbs` (their verbs). A row written on a related object
(an opinion's answer, the task made from it) shows its verb and the object's kind and number but
not its fields: those belong to that object's own history, behind its own policy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast
from django.utils.text import Truncator
from django.utils.translation import gettext

from sausat.core.calendar import VN_TZ

DASH = "—"
# Bookkeeping columns never shown as a change.
HIDDEN = {"id", "search_key", "version", "created_at", "updated_at"}
# Foreign keys shown by name: public bodies and places (anything else by its kind and number).
NAMED_TARGETS = {"people.organ": "name", "geo.administrativeunit": "name"}
TEXT_CHARS = 160


@dataclass(frozen=True)
class TypeLabels:
    name: str  # msgid: "Ý kiến"
    fields: Mapping[str, str]  # attname or name -> msgid of its label
    hidden: frozenset[str] = frozenset()
    # Rows of this type are shown with their changes in the history of this parent type too (a task's
    # progress reports, an opinion's answers): whoever may read the parent reads them on its page.
    parent: str = ""


_TYPES: dict[str, TypeLabels] = {}
_VERBS: dict[str, str] = {}


def register_type(
    object_type: str, name: str, fields: Mapping[str, str], hidden: Iterable[str] = (), parent: str = ""
) -> None:
    _TYPES[object_type] = TypeLabels(name, dict(fields), frozenset(hidden), parent)


def register_verbs(verbs: Mapping[str, str]) -> None:
    _VERBS.update(verbs)


@dataclass
class Change:
    label: str
    old: str | None  # None: the object was created with this value (no "old → new")
    new: str


@dataclass
class Entry:
    at: dt.datetime
    actor: str
    action: str
    own: bool  # written on the object itself (else on a related object)
    subject: str = ""  # the related object's kind and number
    changes: list[Change] = field(default_factory=list)


def type_name(object_type: str) -> str:
    labels = _TYPES.get(object_type)
    if labels is not None:
        return gettext(labels.name)
    try:
        return str(apps.get_model(object_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return gettext("Đối tượng")


def _action(event) -> str:
    if event.verb in _VERBS:
        return gettext(_VERBS[event.verb])
    return str(event.get_action_display())


def _model_field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    for f in model._meta.concrete_fields:
        if key in (f.attname, f.name):
            return f
    for f in model._meta.many_to_many:
        if key == f.name:
            return f
    return None


def _label(object_type: str, key: str, f) -> str:
    labels = _TYPES.get(object_type)
    if labels is not None and key in labels.fields:
        return gettext(labels.fields[key])
    if f is not None and labels is not None and f.name in labels.fields:
        return gettext(labels.fields[f.name])
    if f is not None:
        return str(f.verbose_name).capitalize()
    return key.replace("_", " ").capitalize()


class _Names:
    """Names of the bodies and units the rows point to, fetched in one query whatever their kinds.

    One ``UNION ALL`` over the wanted kinds (label, primary key as text, name), so a history page
    costs the same number of queries whichever kinds of target its rows happen to name.
    """

    def __init__(self) -> None:
        self.wanted: dict[str, set[Any]] = defaultdict(set)
        self.found: dict[tuple[str, str], str] = {}

    def want(self, label: str, value: Any) -> None:
        for v in value if isinstance(value, list) else [value]:
            if v not in (None, ""):
                self.wanted[label].add(v)

    def load(self) -> None:
        parts = [
            # The base manager: a dissolved body or a merged unit still shows its name in old rows.
            apps.get_model(label)
            ._base_manager.filter(pk__in=ids)
            .annotate(
                _label=Value(label, output_field=models.TextField()),
                _key=Cast("pk", output_field=models.TextField()),
                _name=Cast(NAMED_TARGETS[label], output_field=models.TextField()),
            )
            .values_list("_label", "_key", "_name")
            .order_by()
            for label, ids in sorted(self.wanted.items())
        ]
        if not parts:
            return
        rows = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
        for label, key, name in rows:
            self.found[(label, _pk_text(label, key))] = name

    def name(self, label: str, value: Any) -> str:
        return self.found.get((label, _pk_text(label, value)), f"#{value}")


def _pk_text(label: str, value: Any) -> str:
    """One spelling per key: a uuid is cast to text without dashes on SQLite, with them elsewhere."""
    try:
        return str(apps.get_model(label)._meta.pk.to_python(value))
    except (ValidationError, TypeError, ValueError):
        return str(value)


def _target_label(f) -> str | None:
    if f is None or not f.is_relation or f.related_model is None:
        return None
    return f"{f.related_model._meta.app_label}.{f.related_model._meta.model_name}"


def _display(f, value: Any, names: _Names) -> str:
    if value is None or value == "" or value == []:
        return DASH
    target = _target_label(f)
    if target is not None:
        values = value if isinstance(value, list) else [value]
        if target in NAMED_TARGETS:
            return ", ".join(names.name(target, v) for v in values)
        kind = type_name(target)
        return ", ".join(f"{kind} #{v}" for v in values)
    if f is not None and f.choices:
        choices = {str(k): v for k, v in f.flatchoices}
        return str(choices.get(str(value), value))
    if isinstance(value, bool) or isinstance(f, models.BooleanField):
        return gettext("Có") if value else gettext("Không")
    if isinstance(f, models.DateTimeField) and isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone(VN_TZ)
        return moment.strftime("%d/%m/%Y %H:%M")
    if isinstance(f, models.DateField) and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return Truncator(str(value)).chars(TEXT_CHARS)


def _own_value(value: Any, object_pk: str) -> Any:
    """A bulk row keeps one value per object (``{"12": 3, "13": None}``): this object's value."""
    if isinstance(value, dict) and object_pk in value:
        return value[object_pk]
    return value


def _changes(event, object_pk: str, names: _Names) -> list[tuple[str, Any, Any, Any]]:
    object_type = event.object_type
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        model = None
    before, after = event.before or {}, event.after or {}
    labels = _TYPES.get(object_type)
    hidden = HIDDEN | (labels.hidden if labels else frozenset())
    out = []
    for key in dict.fromkeys([*before, *after]):
        if key in hidden or key == "opinion_ids":
            continue
        old, new = _own_value(before.get(key), object_pk), _own_value(after.get(key), object_pk)
        key = key.removesuffix("_ids") + "_id" if key.endswith("_ids") and isinstance(new, (int, type(None))) else key
        if old == new or (not before and new in (None, "", [], False)):
            continue
        f = _model_field(model, key)
        if (
            event.action == "create"
            and labels is not None
            and key not in labels.fields
            and (f is None or f.name not in labels.fields)
        ):
            continue  # a new object: only the fields a reader knows, not every column
        target = _target_label(f)
        if target in NAMED_TARGETS:
            names.want(target, old)
            names.want(target, new)
        out.append((key, f, old, new))
    return out


def timeline(events: Iterable, obj: models.Model) -> list[Entry]:
    """The entries of ``events`` (rows of :func:`sausat.core.selectors.history_for`) for ``obj``."""
    object_type = f"{obj._meta.app_label}.{obj._meta.model_name}"
    object_pk = str(obj.pk)
    names = _Names()
    pending = []
    for e in events:
        own = e.object_type == object_type and e.object_id == object_pk
        child = e.object_type in _TYPES and _TYPES[e.object_type].parent == object_type
        raw = _changes(e, object_pk, names) if own or child else []
        pending.append((e, own, raw))
    names.load()
    entries = []
    for e, own, raw in pending:
        changes = [
            Change(
                _label(e.object_type, key, f),
                None if e.action == "create" else _display(f, old, names),
                _display(f, new, names),
            )
            for key, f, old, new in raw
        ]
        entries.append(
            Entry(
                at=e.at.astimezone(VN_TZ),
                actor=e.actor_label or DASH,
                action=_action(e),
                own=own,
                subject="" if own else f"{type_name(e.object_type)} #{e.object_id}",
                changes=changes,
            )
        )
    return entries
