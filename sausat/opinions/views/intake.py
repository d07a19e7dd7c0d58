"""Intake: the invitee's online form, the secretary's live entry, the paper import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sausat.core import uploads
from sausat.core.jobs import enqueue
from sausat.core.validation import add_service_errors
from sausat.meetings import policy as meeting_policy
from sausat.meetings.models import MeetingStatus
from sausat.opinions import jobs as opinion_jobs
from sausat.opinions import reference, services, survey_forms
from sausat.opinions.forms import ImportForm, LiveEntryForm, SubmitForm
from sausat.opinions.models import Channel, Opinion
from sausat.opinions.views import lookup


@never_cache
def submit(request, token: str):
    """The per-meeting form reached by link or QR code. Anonymous submissions keep no trace."""
    meeting = meeting_policy.form_meeting_or_404(token)
    accepting = meeting.status == MeetingStatus.OPEN
    form = SubmitForm(request.POST or None, meeting=meeting)
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    if request.method == "POST" and accepting and form.is_valid():
        data = form.cleaned_data
        anonymous = bool(data.get("anonymous"))
        code = reference.code_for(data["idempotency_key"])
        try:
            services.register_opinion(
                actor=request.user,
                text=data["text"],
                channel=Channel.ONLINE,
                unit=meeting.unit if anonymous or person is None else person.home_unit,
                idempotency_key=f"online:{data['idempotency_key']}",
                meeting=meeting,
                author_person=None if anonymous else person,
                author_name="" if anonymous else data["author_name"],
                author_unit_label="" if anonymous else data["author_unit_label"],
                anonymous=anonymous,
                name_consent=not anonymous and bool(data.get("name_consent")),
                group=data["group"],
                reference_code=code,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return lookup.with_code_cookie(redirect("opinions:submitted", token), code, token)
    return render(
        request,
        "opinions/submit.html",
        {"meeting": meeting, "form": form, "accepting": accepting, "person": person},
    )


@never_cache
def submitted(request, token: str):
    meeting = meeting_policy.form_meeting_or_404(token)
    code = lookup.code_from_cookie(request, token)
    response = render(request, "opinions/submitted.html", {"meeting": meeting, "reference_code": code})
    if code:
        lookup.forget_code_cookie(response, token)
    return response


@login_required
def live_entry(request, meeting_pk: int):
    """Keyboard-only entry of direct opinions; HTMX appends the new row and resets the form."""
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    form = LiveEntryForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.register_opinion(
                actor=request.user,
                text=data["text"],
                channel=Channel.LIVE,
                unit=meeting.unit,
                idempotency_key=f"live:{meeting.pk}:{data['idempotency_key']}",
                meeting=meeting,
                author_name=data["speaker"],
                author_unit_label=data["speaker_unit"],
                name_consent=bool(data.get("speaker_consent")),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = LiveEntryForm()
    recent = list(
        Opinion.objects.filter(meeting=meeting, channel=Channel.LIVE).select_related("group").order_by("-id")[:30]
    )
    context = {"meeting": meeting, "form": form, "recent": recent, "created": created}
    if request.htmx:
        return render(request, "opinions/_live_entry.html", context)
    return render(request, "opinions/live_entry.html", context)


@login_required
def import_paper(request, meeting_pk: int):
    """Upload → dry run (row errors) → import all, or only the valid rows.

    The upload waits in the stash (keyed by its SHA-256) between the two steps and is deleted
    once imported; large files are imported by a background job with a progress bar.
    """
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    titles = set(meeting.issue_groups.values_list("title", flat=True))
    context: dict = {"meeting": meeting, "form": ImportForm()}
    content = filename = digest = None
    confirming = request.method == "POST" and request.POST.get("step") == "confirm"
    if confirming:
        digest = request.POST.get("file_hash", "")
        content = uploads.stashed(digest)
        if content is None:
            raise Http404
        filename = request.POST.get("filename", "phieu.xlsx")[:200]
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content, filename = upload.read(), upload.name
    if content is None:
        return render(request, "opinions/import.html", context, status=400 if request.method == "POST" else 200)
    try:
        rows = survey_forms.parse(content, filename, meeting_id=meeting.pk, group_titles=titles)
    except survey_forms.ImportFileError as exc:
        context["file_error"] = str(exc)
        return render(request, "opinions/import.html", context, status=400)
    if not confirming:
        digest = uploads.stash(content)
    del content
    errors = [r for r in rows if r.errors]
    known = set(
        Opinion.all_objects.filter(idempotency_key__in=[r.key for r in rows if r.key]).values_list(
            "idempotency_key", flat=True
        )
    )
    context.update(
        rows=rows[:200],
        more_rows=max(0, len(rows) - 200),
        error_rows=errors[:500],
        n_rows=len(rows),
        n_errors=len(errors),
        n_known=len(known),
        file_hash=digest,
        filename=filename,
        background=len(rows) > opinion_jobs.background_rows(),
    )
    if confirming:
        valid_only = request.POST.get("mode") == "valid_only"
        if errors and not valid_only:
            context["file_error"] = _(
                "Tệp còn dòng lỗi: chưa nhập dòng nào. Sửa tệp hoặc chọn chỉ nhập các dòng hợp lệ."
            )
            return render(request, "opinions/import.html", context)
        if context["background"]:
            job = enqueue(
                opinion_jobs.import_paper_job,
                args={"meeting_id": meeting.pk, "sha256": digest, "filename": filename, "valid_only": valid_only},
                actor=request.user,
                unit=meeting.unit,
                dedup_key=f"{opinion_jobs.IMPORT_JOB}:{meeting.pk}:{digest}:{int(valid_only)}",
            )
            return redirect("core:job_status", job.pk)
        try:
            result = services.import_paper(
                actor=request.user,
                meeting=meeting,
                rows=rows,
                valid_only=valid_only,
                filename=filename,
                sha256=digest,
            )
        except ValidationError as exc:
            context["file_error"] = " ".join(exc.messages)
        else:
            uploads.discard(digest)
            messages.success(
                request,
                _("Đã nhập %(created)s ý kiến; %(existing)s ý kiến đã có từ trước; bỏ qua %(skipped)s dòng lỗi.")
                % result,
            )
            return redirect("meetings:detail", meeting.pk)
    return render(request, "opinions/import.html", context)


@login_required
@require_GET
def import_template(request):
    response = HttpResponse(
        survey_forms.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-phieu-y-kien.xlsx"'
    return response
