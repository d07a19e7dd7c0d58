"""Intake: the invitee's online form, the secretary's live entry, the paper import."""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sausat.meetings import policy as meeting_policy
from sausat.meetings.models import Meeting, MeetingStatus
from sausat.opinions import importing, services
from sausat.opinions.forms import ImportForm, LiveEntryForm, SubmitForm
from sausat.opinions.models import Channel, Opinion

_HASH = re.compile(r"^[0-9a-f]{64}$")


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@never_cache
def submit(request, token: str):
    """The per-meeting form reached by link or QR code. Anonymous submissions keep no trace."""
    meeting = get_object_or_404(Meeting.objects.select_related("unit"), form_token=token)
    accepting = meeting.status == MeetingStatus.OPEN
    form = SubmitForm(request.POST or None, meeting=meeting)
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    if request.method == "POST" and accepting and form.is_valid():
        data = form.cleaned_data
        anonymous = bool(data.get("anonymous"))
        try:
            services.register_opinion(
                actor=None if anonymous else request.user,
                text=data["text"],
                channel=Channel.ONLINE,
                unit=meeting.unit if anonymous or person is None else person.home_unit,
                idempotency_key=f"online:{data['idempotency_key']}",
                meeting=meeting,
                author_person=None if anonymous else person,
                author_name="" if anonymous else data["author_name"],
                author_unit_label="" if anonymous else data["author_unit_label"],
                anonymous=anonymous,
                group=data["group"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return redirect("opinions:submitted", token)
    return render(
        request,
        "opinions/submit.html",
        {"meeting": meeting, "form": form, "accepting": accepting, "person": person},
    )


def submitted(request, token: str):
    meeting = get_object_or_404(Meeting, form_token=token)
    return render(request, "opinions/submitted.html", {"meeting": meeting})


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
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            form = LiveEntryForm()
    recent = list(
        Opinion.objects.filter(meeting=meeting, channel=Channel.LIVE).select_related("group").order_by("-id")[:30]
    )
    context = {"meeting": meeting, "form": form, "recent": recent, "created": created}
    if request.htmx:
        return render(request, "opinions/_live_entry.html", context)
    return render(request, "opinions/live_entry.html", context)


def _upload_dir():
    path = settings.VAR_DIR / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@login_required
def import_paper(request, meeting_pk: int):
    """Upload → dry run (row errors) → import all, or only the valid rows."""
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    titles = set(meeting.issue_groups.values_list("title", flat=True))
    context: dict = {"meeting": meeting, "form": ImportForm()}
    content = filename = None
    if request.method == "POST" and request.POST.get("step") == "confirm":
        digest = request.POST.get("file_hash", "")
        if not _HASH.match(digest) or not (_upload_dir() / digest).exists():
            raise Http404
        content = (_upload_dir() / digest).read_bytes()
        filename = request.POST.get("filename", "phieu.xlsx")[:200]
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content, filename = upload.read(), upload.name
            digest = hashlib.sha256(content).hexdigest()
            (_upload_dir() / digest).write_bytes(content)
    if content is not None:
        try:
            rows = importing.parse(content, filename, meeting_id=meeting.pk, group_titles=titles)
        except importing.ImportFileError as exc:
            context["file_error"] = str(exc)
            return render(request, "opinions/import.html", context)
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
        )
        if request.POST.get("step") == "confirm":
            try:
                result = services.import_paper(
                    actor=request.user,
                    meeting=meeting,
                    rows=rows,
                    valid_only=request.POST.get("mode") == "valid_only",
                    filename=filename,
                )
            except ValidationError as exc:
                context["file_error"] = " ".join(exc.messages)
            else:
                messages.success(
                    request,
                    _("Đã nhập %(created)s ý kiến; %(existing)s ý kiến đã có từ trước; bỏ qua %(skipped)s dòng lỗi.")
                    % result,
                )
                return redirect("meetings:detail", meeting.pk)
    return render(request, "opinions/import.html", context)


@require_GET
def import_template(request):
    response = HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-phieu-y-kien.xlsx"'
    return response
