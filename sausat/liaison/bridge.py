"""The "cầu nối" duty: reads of the decisions a cadre may cite when conveying them to the commune.

liaison may not import directives (.importlinter: the two are independent). Tasks are read through
the reference source directives registers in :mod:`sausat.core.references`; without it (directives
not installed) the form offers the typed citation only. The activity keeps the task's id and its
citation as it stood when logged, so the record reads the same whatever happens to the task later.
"""

from __future__ import annotations

from typing import Any

from sausat.core.references import Reference, reference_source
from sausat.geo.models import AdministrativeUnit
from sausat.liaison.models import Activity
from sausat.liaison.services import TASK_SOURCE


def task_choices(user: Any, unit: AdministrativeUnit, limit: int = 50) -> list[Reference]:
    """Open tasks for ``unit`` the user may cite (directives decides which)."""
    source = reference_source(TASK_SOURCE)
    return source.choices(user, unit, limit) if source is not None else []


def linked_task(user: Any, activity: Activity) -> Reference | None:
    """The activity's task as ``user`` may see it now (with a link when they may open it), else None."""
    if not activity.linked_task_id:
        return None
    source = reference_source(TASK_SOURCE)
    return source.get(user, activity.linked_task_id) if source is not None else None
