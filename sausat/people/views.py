from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sausat.core.calendar import local_date
from sausat.core.policy import get_or_404
from sausat.geo.models import AdministrativeUnit
from sausat.geo.selectors import find_unit
from sausat.people import policy, selectors, services
from sausat.people.forms import EndPositionForm, PositionForm, as_of_from
from sausat.people.models import Organ, Position


def _unit_filter(request) -> AdministrativeUnit | None:
    code = request.GET.get("unit", "")
    if not code:
        return None
    return find_unit(code)


def directory(request):
    query = request.GET.get("q", "")
    unit = _unit_filter(request)
    today = local_date(timezone.now())
    day, as_of_form = as_of_from(request.GET, today)
    # "As of" another day: only those who held a post that day (with those posts).
    persons = selectors.search_persons(request.user, query, unit=unit, held_on=None if day == today else day)
    page = Paginator(persons, 25).get_page(request.GET.get("page"))
    selectors.attach_held_positions(page, day)
    context = {
        "query": query,
        "page": page,
        "unit": unit,
        "day": day,
        "is_today": day == today,
        "as_of_form": as_of_form,
    }
    status = 400 if as_of_form.errors else 200
    if request.htmx:
        return render(request, "people/_person_rows.html", context, status=status)
    return render(request, "people/directory.html", context, status=status)


def _position_organs(person):
    """Organs a new position may belong to: those at the person's unit and its ancestors."""
    unit = person.home_unit
    units = [unit, *unit.ancestors()]
    if unit.successor_id:
        units += [unit.successor, *unit.successor.ancestors()]
    return Organ.objects.filter(unit__in=units).select_related("unit").order_by("unit__level", "sort_order", "name")


def person_detail(request, pk: int):
    person = policy.person_or_404(request.user, pk)
    positions = person.positions.select_related("organ", "unit").order_by("sort_order", "start_date")
    can_edit = policy.can_edit_person(request.user, person)
    form = None
    if can_edit:
        form = PositionForm(organs=_position_organs(person))
    context = {
        "person": person,
        "positions": positions,
        "can_edit": can_edit,
        "position_form": form,
        "today": dt.date.today(),  # noqa: DTZ011  (a calendar date)
    }
    return render(request, "people/person_detail.html", context)


@login_required
@require_POST
def add_position(request, pk: int):
    person = policy.editable_person_or_404(request.user, pk)
    form = PositionForm(request.POST, organs=_position_organs(person))
    if form.is_valid():
        data = form.cleaned_data
        organ = data["organ"]
        try:
            services.assign_position(
                actor=request.user,
                person=person,
                title=data["title"],
                unit=organ.unit if organ else person.home_unit,
                organ=organ,
                start_date=data["start_date"],
                end_date=data["end_date"],
                is_leadership=data["is_leadership"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã thêm chức vụ."))
    else:
        messages.error(request, _("Vui lòng kiểm tra lại: %(e)s") % {"e": form.errors.as_text()})
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def end_position(request, pk: int, position_id: int):
    person = policy.editable_person_or_404(request.user, pk)
    position = get_or_404(Position.objects.filter(person=person), pk=position_id)
    form = EndPositionForm(request.POST)
    if form.is_valid():
        try:
            services.end_position(position, actor=request.user, end_date=form.cleaned_data["end_date"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã ghi ngày thôi giữ chức vụ."))
    else:
        messages.error(request, _("Vui lòng nhập ngày hợp lệ."))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def delete_person(request, pk: int):
    person = policy.editable_person_or_404(request.user, pk)
    services.delete_person(person, actor=request.user)
    messages.success(request, _("Đã xóa %(name)s; có thể khôi phục từ trang lịch sử.") % {"name": person.full_name})
    return redirect("core:history", "people.person", person.pk)


@login_required
@require_POST
def restore_person(request, pk: int):
    person = policy.editable_person_or_404(request.user, pk, include_deleted=True)
    try:
        services.restore_person(person, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("core:history", "people.person", person.pk)
    messages.success(request, _("Đã khôi phục %(name)s.") % {"name": person.full_name})
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def delete_organ(request, pk: int):
    organ = policy.editable_organ_or_404(request.user, pk)
    services.delete_organ(organ, actor=request.user)
    messages.success(request, _("Đã xóa %(name)s; có thể khôi phục từ trang lịch sử.") % {"name": organ.name})
    return redirect("core:history", "people.organ", organ.pk)


@login_required
@require_POST
def restore_organ(request, pk: int):
    organ = policy.editable_organ_or_404(request.user, pk, include_deleted=True)
    try:
        services.restore_organ(organ, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("core:history", "people.organ", organ.pk)
    messages.success(request, _("Đã khôi phục %(name)s.") % {"name": organ.name})
    return redirect("geo:detail", code=organ.unit.code)
