"""What a task's deadline fields mean, said before saving ("Hạn: 20 ngày làm việc, đến 25/12/2026").

The same :func:`sausat.directives.services.compute_due_date` as the save, so the sentence and the
stored deadline cannot differ (days off of the document's province included).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sausat.directives.models import DeadlineKind


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= 3650 else None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def describe_deadline(params, *, document_date: dt.date, place=None) -> str:
    """``params``: the form's raw values (deadline_kind, deadline_days, deadline_date, recurring_until)."""
    from sausat.directives.services import compute_due_date

    kind = params.get("deadline_kind") or DeadlineKind.FIXED
    if kind not in DeadlineKind.values:
        return ""
    days = _int(params.get("deadline_days"))
    until = _date(params.get("recurring_until"))
    if (kind == DeadlineKind.FIXED and not _date(params.get("deadline_date"))) or (
        kind in (DeadlineKind.CALENDAR_DAYS, DeadlineKind.WORKING_DAYS) and not days
    ):
        return ""  # nothing typed yet: no reproach before the first keystroke
    try:
        due = compute_due_date(
            kind=kind,
            document_date=document_date,
            days=days,
            date=_date(params.get("deadline_date")),
            recurring_until=until,
            place=place,
        )
    except ValidationError as exc:
        return " ".join(exc.messages)
    if kind == DeadlineKind.NONE:
        return _("Nhiệm vụ không có thời hạn.")
    if kind in (DeadlineKind.MONTHLY, DeadlineKind.QUARTERLY):
        label = DeadlineKind(kind).label
        if due:
            return _("Hạn: %(kind)s, đến %(until)s.") % {"kind": label.lower(), "until": f"{due:%d/%m/%Y}"}
        return _("Hạn: %(kind)s, không có ngày kết thúc.") % {"kind": label.lower()}
    if kind == DeadlineKind.FIXED:
        return _("Hạn: đến %(due)s.") % {"due": f"{due:%d/%m/%Y}"}
    unit = _("ngày làm việc") if kind == DeadlineKind.WORKING_DAYS else _("ngày")
    return _("Hạn: %(n)s %(unit)s kể từ ngày ban hành %(start)s, đến %(due)s.") % {
        "n": days,
        "unit": unit,
        "start": f"{document_date:%d/%m/%Y}",
        "due": f"{due:%d/%m/%Y}",
    }
