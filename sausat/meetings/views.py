from __future__ import annotations

import io
from collections.abc import Callable

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sausat.core.calendar import local_date
from sausat.meetings import extensions, meeting_rules, policy, selectors, services
from sausat.meetings.forms import AttendeeForm, MeetingForm
from sausat.meetings.models import RESULTS_STATUSES, STATUS_FLOW, Meeting, MeetingStatus


def managed_meeting_post(request, pk: int, write: Callable[[Meeting], object], done: str) -> HttpResponse:
    """The POST of a meeting's managers: policy (404 unless they manage it) → ``write(meeting)`` (a
    service; a ``ValidationError`` becomes an error message) → ``done`` as the success message →
    back to the meeting's page."""
    meeting = policy.managed_meeting_or_404(request.user, pk)
    try:
        write(meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("meetings:detail", meeting.pk)


@login_required
def index(request):
    page = Paginator(selectors.meeting_list(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "meetings/index.html", {"page": page, "can_create": policy.can_create_at(request.user)})


@login_required
def create(request):
    if not policy.can_create_at(request.user):
        raise Http404
    unit = selectors.organising_unit(request.user)
    form = MeetingForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(actor=request.user, unit=unit, invite_unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã tạo hội nghị."))
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "unit": unit})


@login_required
def edit(request, pk: int):
    meeting = policy.managed_meeting_or_404(request.user, pk)
    form = MeetingForm(request.POST or None, unit=meeting.unit, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(
                meeting,
                actor=request.user,
                expected_version=int(request.POST.get("version", 0)) or None,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu hội nghị."))
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "unit": meeting.unit, "meeting": meeting})


@login_required
def detail(request, pk: int):
    meeting = policy.meeting_or_404(request.user, pk)
    sections = extensions.sections()
    context = {
        "meeting": meeting,
        "chairs": meeting.chairs_in_order(),
        "attendees": meeting.attendees_in_order(),
        "attendee_form": AttendeeForm(unit=meeting.unit) if policy.can_manage(request.user, meeting) else None,
        "attachments": selectors.attachments_of(meeting),
        "can_manage": policy.can_manage(request.user, meeting),
        "next_statuses": [(s, MeetingStatus(s).label) for s in STATUS_FLOW[MeetingStatus(meeting.status)]],
        "sections": sections,
        "form_url": request.build_absolute_uri(reverse("opinions:submit", args=[meeting.form_token])),
        "results_url": _public_results_url(request, meeting),
        "can_publish_results": meeting.status in RESULTS_STATUSES,
        "rule_checks": meeting_rules.checks_for(meeting, local_date(timezone.now())),
    }
    for section in sections:
        context.update(section.context(request, meeting))
    rows = next((s.rows_template for s in sections if s.rows_template), "")
    if rows and request.htmx and request.GET.get("page"):
        return render(request, rows, context)
    return render(request, "meetings/detail.html", context)


def _public_results_url(request, meeting) -> str:
    if not (meeting.results_published and meeting.status in RESULTS_STATUSES):
        return ""
    return request.build_absolute_uri(reverse("meetings:public_results", args=[meeting.results_ref]))


@login_required
@require_POST
def change_status(request, pk: int):
    status = request.POST.get("status", "")
    return managed_meeting_post(
        request,
        pk,
        lambda meeting: services.set_status(actor=request.user, meeting=meeting, status=status),
        _("Đã chuyển trạng thái hội nghị."),
    )


@login_required
@require_POST
def publish_results(request, pk: int):
    """Publish (or withdraw) the public results page; the service checks scope and writes the audit."""
    if request.POST.get("action") != "unpublish":
        write, done = services.publish_results, _("Đã công bố kết quả.")
    else:
        write, done = services.unpublish_results, _("Đã ngừng công bố kết quả.")
    return managed_meeting_post(request, pk, lambda meeting: write(actor=request.user, meeting=meeting), done)


@login_required
def qr_code(request, pk: int, fmt: str):
    meeting = policy.managed_meeting_or_404(request.user, pk)
    url = request.build_absolute_uri(reverse("opinions:submit", args=[meeting.form_token]))
    qr = segno.make(url, error="m")
    buf = io.BytesIO()
    if fmt == "svg":
        qr.save(buf, kind="svg", scale=8, border=2)
        content_type = "image/svg+xml"
    else:
        qr.save(buf, kind="png", scale=8, border=2)
        content_type = "image/png"
    response = HttpResponse(buf.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="hoi-nghi-{meeting.pk}-qr.{fmt}"'
    return response


@login_required
@require_POST
def attach(request, pk: int):
    def write(meeting: Meeting) -> None:
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError(_("Vui lòng chọn tệp."))
        services.add_attachment(actor=request.user, meeting=meeting, upload=upload)

    return managed_meeting_post(request, pk, write, _("Đã đính kèm tệp."))


@login_required
def attachment(request, pk: int, attachment_pk: int):
    from django.http import FileResponse

    item = policy.attachment_or_404(request.user, pk, attachment_pk)
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
