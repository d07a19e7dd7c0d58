"""Who may be proposed for an appointment: a person in the plan for the post or for an equivalent
or higher one (377-QĐ/TW; rules.md B.6), read through the planning hook
(:func:`sausat.cadres.planning_selectors.planned_for` / ``planned_entries``).

The plan names posts in free text, so "equivalent or higher" is judged here as: the same post
(compared without case or diacritics), else a post of the same or a higher ``post_level`` in
:data:`LEVEL_ORDER`. A deployment with a table of equivalent posts can replace :func:`equivalent`
(``EQUIVALENCE_HOOK``) without touching the procedure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sausat.cadres.models import Appointment, PlanningEntry
from sausat.cadres.planning_selectors import planned_entries, planned_for
from sausat.people.models import Person
from sausat.textkit.normalize import search_key

# Post levels from lowest to highest (PlanningEntry.post_level / Appointment.post_level values).
LEVEL_ORDER = ("commune", "district", "province", "central")


def _rank(level: str) -> int | None:
    key = search_key(level or "")
    return LEVEL_ORDER.index(key) if key in LEVEL_ORDER else None


def equivalent(entry: PlanningEntry, appointment: Appointment) -> bool:
    """An entry for another post counts when its level is the appointment's level or higher."""
    have, want = _rank(entry.post_level), _rank(appointment.post_level)
    return have is not None and want is not None and have >= want


EQUIVALENCE_HOOK: list[Callable[[PlanningEntry, Appointment], bool]] = [equivalent]


@dataclass(frozen=True)
class Eligibility:
    entry: PlanningEntry | None
    message: str


def check(person: Person, appointment: Appointment, on: dt.date) -> Eligibility:
    same = planned_for(person, appointment.post_title, on)
    if same is not None:
        return Eligibility(same, f"Trong quy hoạch chức danh {same.post_title} ({same.term}).")
    for entry in planned_entries(person, on):
        if any(hook(entry, appointment) for hook in EQUIVALENCE_HOOK):
            return Eligibility(entry, f"Trong quy hoạch chức danh tương đương: {entry.post_title} ({entry.term}).")
    return Eligibility(
        None,
        f"{person} không có trong quy hoạch chức danh {appointment.post_title} hoặc chức danh tương đương "
        f"ngày {on:%d/%m/%Y} (377-QĐ/TW).",
    )
