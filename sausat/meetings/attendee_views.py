"""Who attended a meeting and who gave its conclusion (managers only; the services audit every change)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sausat.core.policy import get_or_404
from sausat.meetings import services
from sausat.meetings.forms import AttendeeForm
from sausat.meetings.models import Meeting
from sausat.meetings.views import managed_meeting_post


@login_required
@require_POST
def add(request, pk: int):
    def write(meeting: Meeting) -> None:
        form = AttendeeForm(request.POST, unit=meeting.unit)
        if not form.is_valid():
            raise ValidationError(_("Vui lòng kiểm tra lại thành phần tham dự."))
        services.add_attendee(actor=request.user, meeting=meeting, **form.cleaned_data)

    return managed_meeting_post(request, pk, write, _("Đã thêm thành phần tham dự."))


@login_required
@require_POST
def remove(request, pk: int, attendee_pk: int):
    def write(meeting: Meeting) -> None:
        attendee = get_or_404(meeting.attendees.all(), pk=attendee_pk)
        services.remove_attendee(actor=request.user, attendee=attendee)

    return managed_meeting_post(request, pk, write, _("Đã bỏ khỏi thành phần tham dự."))


@login_required
@require_POST
def conclusion_giver(request, pk: int):
    def write(meeting: Meeting) -> None:
        raw = request.POST.get("person", "")
        present = {p.pk: p for p in meeting.chairs_in_order()}
        present.update({a.person.pk: a.person for a in meeting.attendees_in_order() if a.person_id})
        if raw and (not raw.isdigit() or int(raw) not in present):
            raise Http404
        services.set_conclusion_giver(actor=request.user, meeting=meeting, person=present[int(raw)] if raw else None)

    return managed_meeting_post(request, pk, write, _("Đã ghi người kết luận."))
