"""Who sees and does what with directing documents and tasks.

- Admins see everything.
- Leaders and office secretaries see every document and task of their unit subtree; the office
  (secretary) registers documents, adds and edits tasks, and approves or returns completion
  proposals and extension requests.
- A responder acting for an organ sees the tasks its organ leads or cooperates on (and their
  documents); when its organ leads, it reports progress, proposes completion and asks for
  extensions.
- A commune cadre sees the tasks led by the organs of their commune, and acts on them as the lead.
- Everyone else sees nothing: out of scope answers 404 exactly like missing.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from sausat.core.policy import Scope, get_or_404, require, scope_for, unit_q
from sausat.directives.models import DirectingDocument, Task, TaskRequest
from sausat.people.models import Organ, Role

OFFICE_ROLES = (Role.SECRETARY,)
OVERSIGHT_ROLES = (Role.LEADER, Role.SECRETARY)


def _task_q(scope: Scope) -> Q:
    q = unit_q(scope, "unit", *OVERSIGHT_ROLES)
    organs = scope.organ_ids(Role.RESPONDER)
    if organs:
        q |= Q(lead_organ_id__in=organs) | Q(cooperating_organs__id__in=organs)
    if scope.has_role(Role.COMMUNE_CADRE):
        q |= unit_q(scope, "lead_organ__unit", Role.COMMUNE_CADRE)
    return q


def visible_tasks(user) -> QuerySet[Task]:
    scope = scope_for(user)
    qs = Task.objects.all()
    if scope.is_admin:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    q = _task_q(scope)
    if scope.organ_ids(Role.RESPONDER):
        # cooperating organs is a join: keep rows unique without DISTINCT on the whole query.
        return qs.filter(pk__in=Task.objects.filter(q).values("pk"))
    return qs.filter(q)


def task_or_404(user, pk) -> Task:
    return get_or_404(visible_tasks(user).select_related("document", "lead_organ", "unit"), pk=pk)


def visible_documents(user) -> QuerySet[DirectingDocument]:
    scope = scope_for(user)
    qs = DirectingDocument.objects.all()
    if scope.is_admin:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    tasks = visible_tasks(user).filter(document=OuterRef("pk"))
    return qs.filter(unit_q(scope, "unit", *OVERSIGHT_ROLES) | Q(Exists(tasks)))


def document_or_404(user, pk) -> DirectingDocument:
    return get_or_404(visible_documents(user).select_related("issuing_organ", "signer", "unit"), pk=pk)


def request_or_404(user, pk) -> TaskRequest:
    return get_or_404(TaskRequest.objects.filter(task__in=visible_tasks(user)).select_related("task"), pk=pk)


def is_office(user, task_or_doc=None) -> bool:
    """The office (secretary) of the object's unit subtree, or an admin."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    if task_or_doc is None:
        return scope.has_role(*OFFICE_ROLES)
    return scope.covers_path(task_or_doc.unit.scope_path, *OFFICE_ROLES)


def is_overseer(user) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.has_role(*OVERSIGHT_ROLES)


def acts_for_lead(user, task: Task) -> bool:
    """May report progress, propose completion, request an extension: the lead body or the office."""
    if task.lead_organ_id is None:
        return is_office(user, task)
    scope = scope_for(user)
    if task.lead_organ_id in scope.organ_ids(Role.RESPONDER):
        return True
    if scope.has_role(Role.COMMUNE_CADRE) and scope.covers_path(task.lead_organ.unit.scope_path, Role.COMMUNE_CADRE):
        return True
    return is_office(user, task)


def own_organs(user) -> QuerySet[Organ]:
    """The organs a user speaks for: a responder's organ, a commune cadre's commune organs."""
    scope = scope_for(user)
    q = Q(pk__in=scope.organ_ids(Role.RESPONDER))
    if scope.has_role(Role.COMMUNE_CADRE):
        q |= unit_q(scope, "unit", Role.COMMUNE_CADRE)
    return Organ.objects.filter(q)


def require_office(user) -> None:
    require(is_office(user))


__all__ = ["require", "require_office"]
