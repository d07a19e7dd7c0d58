"""Who attended a meeting and who gave its conclusion (managers only; the services audit every change)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sausat.core.policy import get_or_404
from sausat.meetings import policy, services
from sausat.meetings.forms import AttendeeForm


@login_required
@require_POST
def add(request, pk: int):
    meeting = policy.managed_meeting_or_404(request.user, pk)
    form = AttendeeForm(request.POST, unit=meeting.unit)
    if not form.is_valid():
        messages.error(request, _("Vui lòng kiểm tra lại thành phần tham dự."))
        return redirect("meetings:detail", meeting.pk)
    try:
        services.add_attendee(actor=request.user, meeting=meeting, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã thêm thành phần tham dự."))
    return redirect("meetings:detail", meeting.pk)


@login_required
@require_POST
def remove(request, pk: int, attendee_pk: int):
    meeting = policy.managed_meeting_or_404(request.user, pk)
    attendee = get_or_404(meeting.attendees.all(), pk=attendee_pk)
    try:
        services.remove_attendee(actor=request.user, attendee=attendee)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã bỏ khỏi thành phần tham dự."))
    return redirect("meetings:detail", meeting.pk)


@login_required
@require_POST
def conclusion_giver(request, pk: int):
    meeting = policy.managed_meeting_or_404(request.user, pk)
    raw = request.POST.get("person", "")
    present = {p.pk: p for p in meeting.chairs_in_order()}
    present.update({a.person.pk: a.person for a in meeting.attendees_in_order() if a.person_id})
    if raw and (not raw.isdigit() or int(raw) not in present):
        raise Http404
    try:
        services.set_conclusion_giver(actor=request.user, meeting=meeting, person=present[int(raw)] if raw else None)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ghi người kết luận."))
    return redirect("meetings:detail", meeting.pk)
