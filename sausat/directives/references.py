"""Tasks as a reference source (:mod:`sausat.core.references`) for apps that may not import directives.

liaison's "cầu nối" activity records that a cadre conveyed a decision of the committee to the
commune they follow; it links the task through this source, registered in ``ready()``.

Who may link which tasks (directives' rule, not liaison's):

- everyone links the open tasks they may see anyway (:func:`policy.visible_tasks`);
- a cadre whose role grant covers the commune as liaison or commune cadre (the liaison assignment
  gives that grant) also links the open tasks *led by the commune's bodies*: conveying them is
  their duty. They see the task's number and title only; its page still answers 404 to them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from sausat.core.policy import scope_for
from sausat.core.references import Reference, ReferenceSource, register_reference_source
from sausat.directives.models import Task
from sausat.directives.policy import visible_tasks
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Role

KEY = "directives.task"
FIELD_ROLES = (Role.LIAISON, Role.COMMUNE_CADRE)


def _label(task: Task) -> str:
    reference = task.document.reference if task.document_id else ""
    return f"{reference}: {task.title}" if reference else task.title


def _reference(task: Task, *, openable: bool) -> Reference:
    url = reverse("directives:task", args=[task.pk]) if openable else ""
    return Reference(source=KEY, pk=task.pk, label=_label(task), url=url)


def _conveyable(user: Any) -> QuerySet[Task]:
    """Open tasks led by bodies of the communes the user follows (liaison or commune cadre grant)."""
    scope = scope_for(user)
    paths = scope.paths(*FIELD_ROLES)
    if not paths:
        return Task.objects.none()
    q = Q()
    for path in paths:
        q |= Q(lead_organ__unit__scope_path__startswith=path)
    return Task.objects.filter(q)


def conveyable_tasks(user: Any, unit: AdministrativeUnit, limit: int = 50) -> list[Reference]:
    """Open tasks for ``unit`` (led by its bodies, or given at it) the user may link, newest first."""
    for_unit = Q(lead_organ__unit=unit) | Q(unit=unit)
    seen = set(visible_tasks(user).filter(for_unit).values_list("pk", flat=True))
    field = set(_conveyable(user).filter(for_unit).values_list("pk", flat=True))
    candidates = (
        Task.objects.filter(pk__in=seen | field, completed_at__isnull=True)
        .select_related("document")
        .order_by("-document__date", "-id")[:limit]
    )
    return [_reference(t, openable=t.pk in seen) for t in candidates]


def task_reference(user: Any, pk: int) -> Reference | None:
    """The task as ``user`` may cite it; ``None`` when missing or out of scope alike."""
    task = visible_tasks(user).select_related("document").filter(pk=pk).first()
    if task is not None:
        return _reference(task, openable=True)
    task = _conveyable(user).select_related("document").filter(pk=pk).first()
    return _reference(task, openable=False) if task is not None else None


def register() -> None:
    register_reference_source(
        ReferenceSource(key=KEY, label="Nhiệm vụ theo văn bản chỉ đạo", choices=conveyable_tasks, get=task_reference)
    )
