"""Requests on a task and the office's decision on them: a completion proposal, an extension request.

Each write is atomic and writes one audit row; the task's derived state (completion, deadline in
force) changes with the decision, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sausat.core.actors import Actor, acting_user
from sausat.core.calendar import local_date
from sausat.core.services import do_create, do_update
from sausat.directives.models import DeadlineChange, Decision, RequestKind, Task, TaskRequest
from sausat.directives.services import bump_task, require_open, store_upload
from sausat.textkit.normalize import normalize, normalize_line


def _pending(task: Task, kind: str) -> TaskRequest | None:
    return task.requests.filter(kind=kind, decision=Decision.PENDING).first()


def propose_completion(
    *, actor: Actor, task: Task, product: str, reason: str = "", attachment: Any = None, at: dt.datetime | None = None
) -> TaskRequest:
    product = normalize_line(product)
    if not product:
        raise ValidationError({"product": "Vui lòng nêu sản phẩm (văn bản, báo cáo, quyết định...) đã hoàn thành."})
    at = at or timezone.now()
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        require_open(locked)
        if _pending(locked, RequestKind.COMPLETION):
            raise ValidationError("Đã có đề nghị công nhận hoàn thành đang chờ Văn phòng xử lý.")
        request = do_create(
            TaskRequest,
            actor=actor,
            verb="directives.task.propose_completion",
            related=[locked],
            task=locked,
            kind=RequestKind.COMPLETION,
            product=product,
            reason=normalize(reason),
            attachment=store_upload(attachment, "requests"),
            requested_by=acting_user(actor),
            requested_at=at,
        )
        bump_task(locked, completion_proposed_at=at)
    return request


def request_extension(
    *, actor: Actor, task: Task, reason: str, requested_date: dt.date, at: dt.datetime | None = None
) -> TaskRequest:
    reason = normalize(reason)
    if not reason:
        raise ValidationError({"reason": "Vui lòng nêu lý do xin gia hạn."})
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        require_open(locked)
        if locked.due_date is None:
            raise ValidationError("Nhiệm vụ không có thời hạn nên không cần gia hạn.")
        if requested_date <= locked.due_date:
            raise ValidationError({"requested_date": "Thời hạn đề nghị phải sau thời hạn hiện tại."})
        if _pending(locked, RequestKind.EXTENSION):
            raise ValidationError("Đã có đề nghị gia hạn đang chờ Văn phòng xử lý.")
        request = do_create(
            TaskRequest,
            actor=actor,
            verb="directives.task.request_extension",
            related=[locked],
            task=locked,
            kind=RequestKind.EXTENSION,
            reason=reason,
            requested_date=requested_date,
            requested_by=acting_user(actor),
            requested_at=at or timezone.now(),
        )
        bump_task(locked)
    return request


def decide_request(
    *,
    actor: Actor,
    request: TaskRequest,
    approve: bool,
    note: str = "",
    at: dt.datetime | None = None,
    beyond_requirement: bool = False,
) -> TaskRequest:
    """The office approves or returns a completion proposal or an extension request.

    ``beyond_requirement`` marks an approved completion whose product exceeded what was asked."""
    note = normalize(note)
    if not approve and not note:
        raise ValidationError({"note": "Vui lòng nêu lý do trả lại."})
    at = at or timezone.now()
    with transaction.atomic():
        locked = TaskRequest.objects.select_for_update().get(pk=request.pk)
        if locked.decision != Decision.PENDING:
            raise ValidationError("Đề nghị này đã được xử lý.")
        task = Task.objects.select_for_update().get(pk=locked.task_id)
        decided = do_update(
            locked,
            actor=actor,
            verb=f"directives.task.{'approve' if approve else 'return'}_{locked.kind}",
            related=[task],
            decision=Decision.APPROVED if approve else Decision.RETURNED,
            decision_note=note,
            decided_by=acting_user(actor),
            decided_at=at,
            beyond_requirement=bool(beyond_requirement and approve and locked.kind == RequestKind.COMPLETION),
        )
        if locked.kind == RequestKind.COMPLETION:
            if approve:
                bump_task(task, completed_at=at, completed_on=local_date(at), product=locked.product, percent=100)
            else:
                bump_task(task, completion_proposed_at=None)
        elif approve:
            DeadlineChange.objects.create(
                task=task,
                old_date=task.due_date,
                new_date=locked.requested_date,
                reason=locked.reason,
                request=locked,
                changed_by=decided.decided_by,
                changed_at=at,
            )
            bump_task(task, due_date=locked.requested_date, deadline_changed_at=at)
        else:
            bump_task(task)
    return decided
