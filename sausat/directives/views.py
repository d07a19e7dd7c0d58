"""Board, documents and task pages. Thin: policy -> form -> service -> render."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sausat.core.calendar import local_date
from sausat.core.validation import add_service_errors
from sausat.directives import policy, request_services, selectors, services
from sausat.directives.forms import (
    CompletionForm,
    DecisionForm,
    DocumentForm,
    ExtensionForm,
    ProgressForm,
    TaskEditForm,
    TaskForm,
)
from sausat.directives.models import Decision, Task
from sausat.directives.pack import ROMAN
from sausat.directives.status import Status, task_status


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def board(request):
    now = timezone.now()
    year, _quarter = selectors.quarter_of(local_date(now))
    f = selectors.BoardFilters(
        status=request.GET.get("status", ""),
        organ=_int(request.GET.get("organ")),
        year=_int(request.GET.get("year")),
        quarter=_int(request.GET.get("quarter")),
        q=request.GET.get("q", "")[:100],
        document=_int(request.GET.get("document")),
    )
    page = Paginator(selectors.board(request.user, f, now=now), 25).get_page(request.GET.get("page"))
    page.object_list = selectors.with_status(page.object_list, now)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "filters": f,
        "statuses": list(Status),
        "organs": selectors.lead_organs(request.user),
        "quarters": [(q, ROMAN[q]) for q in (1, 2, 3, 4)],
        "years": list(range(year - 5, year + 2)),
        "query": params.urlencode(),
        "is_office": policy.is_office(request.user),
        "is_overseer": policy.is_overseer(request.user),
    }
    if request.htmx:
        return render(request, "directives/_board_rows.html", context)
    return render(request, "directives/board.html", context)


@login_required
def document_list(request):
    docs = policy.visible_documents(request.user).select_related("issuing_organ").order_by("-date", "-id")
    page = Paginator(docs, 25).get_page(request.GET.get("page"))
    return render(request, "directives/document_list.html", {"page": page, "is_office": policy.is_office(request.user)})


def _office_organs(user, on: dt.date | None = None):
    """Current organs; with the record's date, also the dissolved ones in force that day."""
    return selectors.assignable_organs(user, on)


def _posted_date(request) -> dt.date | None:
    """The document date being entered: a date before 1/7/2025 brings back that time's organs."""
    try:
        return forms.DateField().clean(request.POST.get("date")) if request.method == "POST" else None
    except ValidationError:
        return None


@login_required
def document_create(request):
    policy.require_office(request.user)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        organs=_office_organs(request.user, _posted_date(request)),
        persons=selectors.signers(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organ = data["issuing_organ"]
        if not policy.is_office(request.user, organ):
            form.add_error("issuing_organ", _("Cơ quan này nằm ngoài phạm vi của bạn."))
        else:
            try:
                doc = services.register_document(actor=request.user, unit=organ.unit, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã vào sổ văn bản. Hãy giao các nhiệm vụ của văn bản."))
                return redirect("directives:document", doc.pk)
    return render(request, "directives/document_form.html", {"form": form})


@login_required
def document_detail(request, pk: int):
    doc = policy.document_or_404(request.user, pk)
    now = timezone.now()
    tasks = selectors.with_status(
        policy.visible_tasks(request.user).filter(document=doc).select_related("lead_organ").order_by("id"), now
    )
    office = policy.is_office(request.user, doc)
    form = TaskForm(organs=_office_organs(request.user, doc.date)) if office else None
    return render(
        request, "directives/document_detail.html", {"doc": doc, "tasks": tasks, "form": form, "office": office}
    )


@login_required
def task_create(request, pk: int):
    doc = policy.document_or_404(request.user, pk)
    policy.require(policy.is_office(request.user, doc))
    form = TaskForm(request.POST or None, organs=_office_organs(request.user, doc.date))
    if request.method == "POST" and form.is_valid():
        try:
            task = services.add_task(actor=request.user, document=doc, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã giao nhiệm vụ «%(title)s».") % {"title": task.title})
            return redirect("directives:document", doc.pk)
    return render(request, "directives/task_form.html", {"form": form, "doc": doc})


@login_required
def deadline_preview(request, pk: int):
    """HTMX: the task form's deadline as a sentence, computed as the save will compute it."""
    from django.http import HttpResponse
    from django.utils.html import escape

    from sausat.directives.deadline_text import describe_deadline

    doc = policy.document_or_404(request.user, pk)
    policy.require(policy.is_office(request.user, doc))
    text = describe_deadline(request.GET, document_date=doc.date, place=doc.unit)
    return HttpResponse(escape(text))


def _timeline(task: Task) -> list[dict]:
    items = [{"at": r.at, "kind": "progress", "obj": r} for r in task.progress_reports.all()]
    for req in task.requests.all():
        items.append({"at": req.requested_at, "kind": req.kind, "obj": req})
        if req.decided_at:
            items.append({"at": req.decided_at, "kind": f"{req.kind}_{req.decision}", "obj": req})
    items.append({"at": task.created_at, "kind": "created", "obj": task})
    return sorted(items, key=lambda i: i["at"], reverse=True)


@login_required
def task_detail(request, pk: int):
    task = policy.task_or_404(request.user, pk)
    task = Task.objects.prefetch_related("cooperating_organs", "deadline_changes", "progress_reports").get(pk=task.pk)
    now = timezone.now()
    lead = policy.acts_for_lead(request.user, task)
    office = policy.is_office(request.user, task)
    pending = list(task.requests.filter(decision=Decision.PENDING).select_related("requested_by"))
    context = {
        "task": task,
        "status": task_status(task, now),
        "timeline": _timeline(task),
        "changes": task.deadline_changes.all(),
        "pending": pending,
        "lead": lead and task.completed_at is None,
        "office": office,
        "progress_form": ProgressForm(initial={"percent": task.percent}),
        "completion_form": CompletionForm(initial={"product": task.expected_product}),
        "extension_form": ExtensionForm(),
        "decision_form": DecisionForm(),
    }
    return render(request, "directives/task_detail.html", context)


def _lead_action(request, pk: int, form_class, action):
    task = policy.task_or_404(request.user, pk)
    policy.require(policy.acts_for_lead(request.user, task))
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            action(task, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return True, task
    else:
        messages.error(
            request, _("Vui lòng kiểm tra lại: ") + "; ".join(e for errs in form.errors.values() for e in errs)
        )
    return False, task


@login_required
@require_POST
def task_progress(request, pk: int):
    ok, task = _lead_action(
        request,
        pk,
        ProgressForm,
        lambda t, d: services.report_progress(actor=request.user, task=t, **d),
    )
    if ok:
        messages.success(request, _("Đã ghi nhận báo cáo tiến độ."))
    return redirect("directives:task", task.pk)


@login_required
@require_POST
def task_complete(request, pk: int):
    ok, task = _lead_action(
        request, pk, CompletionForm, lambda t, d: request_services.propose_completion(actor=request.user, task=t, **d)
    )
    if ok:
        messages.success(request, _("Đã gửi đề nghị công nhận hoàn thành tới Văn phòng."))
    return redirect("directives:task", task.pk)


@login_required
@require_POST
def task_extend(request, pk: int):
    ok, task = _lead_action(
        request, pk, ExtensionForm, lambda t, d: request_services.request_extension(actor=request.user, task=t, **d)
    )
    if ok:
        messages.success(request, _("Đã gửi đề nghị gia hạn tới Văn phòng."))
    return redirect("directives:task", task.pk)


@login_required
@require_POST
def request_decide(request, pk: int):
    req = policy.request_or_404(request.user, pk)
    task = policy.task_or_404(request.user, req.task_id)
    policy.require(policy.is_office(request.user, task))
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            request_services.decide_request(actor=request.user, request=req, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã chấp thuận.") if form.cleaned_data["approve"] else _("Đã trả lại đề nghị."))
    return redirect("directives:task", task.pk)


EDIT_FIELDS = ("title", "content", "expected_product", "deadline_kind", "deadline_days", "deadline_date")
EDIT_FIELDS += ("recurring_day", "recurring_until", "priority")


def _snapshot(task: Task) -> dict:
    data = {name: getattr(task, name) for name in EDIT_FIELDS}
    data["lead_organ_id"] = task.lead_organ_id
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


@login_required
def task_edit(request, pk: int):
    task = policy.task_or_404(request.user, pk)
    policy.require(policy.is_office(request.user, task))
    organs = _office_organs(request.user, task.document.date if task.document_id else None)
    conflict = None
    if request.method == "POST":
        form = TaskEditForm(request.POST, organs=organs)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            data.pop("loaded")
            loaded = _loaded_copy(task, form.loaded_values())
            coop = data.pop("cooperating_organs")
            lead = data.pop("lead_organ")
            try:
                services.update_task(
                    loaded,
                    actor=request.user,
                    expected_version=version,
                    cooperating_organs=coop,
                    lead_organ=lead,
                    **data,
                )
            except services.TaskConflict as exc:
                conflict = exc.message
                fresh = Task.objects.get(pk=task.pk)
                form = _edit_form(fresh, organs, data=request.POST)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu nhiệm vụ."))
                return redirect("directives:task", task.pk)
    else:
        form = _edit_form(task, organs)
    return render(request, "directives/task_form.html", {"form": form, "task": task, "conflict": conflict})


def _edit_form(task: Task, organs, data=None) -> TaskEditForm:
    initial = {name: getattr(task, name) for name in EDIT_FIELDS}
    initial |= {
        "lead_organ": task.lead_organ_id,
        "cooperating_organs": list(task.cooperating_organs.values_list("pk", flat=True)),
        "version": task.version,
        "loaded": TaskEditForm.sign(_snapshot(task)),
    }
    if data is not None:
        data = data.copy()
        data["version"] = task.version
        data["loaded"] = initial["loaded"]
        return TaskEditForm(data, organs=organs)
    return TaskEditForm(initial=initial, organs=organs)


def _loaded_copy(task: Task, values: dict) -> Task:
    """The task as the editor loaded it (from the signed snapshot in the form)."""
    import datetime as dt

    copy = Task.objects.get(pk=task.pk)
    for name, value in values.items():
        if name in ("deadline_date", "recurring_until") and value:
            value = dt.date.fromisoformat(value)
        setattr(copy, name, value)
    return copy
