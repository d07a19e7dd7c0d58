"""The working-day calendar page: the national calendar (administrators edit it) and each province's
local days off (its secretaries edit them)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sausat.core import calendar
from sausat.core.data import calendar_vn
from sausat.core.models import CalendarDay
from sausat.core.policy import get_or_404, require, scope_for
from sausat.core.roles import Role
from sausat.core.services import can_edit_calendar, remove_calendar_day, set_calendar_day
from sausat.geo.models import AdministrativeUnit, Level


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(label=gettext_lazy("Tên, lý do"), max_length=200)
    source = forms.CharField(label=gettext_lazy("Căn cứ (văn bản thông báo)"), max_length=300, required=False)

    def __init__(self, *args, local: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if local:  # a province adds days off only; make-up working days are national
            self.fields["kind"].choices = [(CalendarDay.Kind.DAY_OFF, CalendarDay.Kind.DAY_OFF.label)]


def can_open_calendar(user) -> bool:
    return scope_for(user).has_role(Role.SECRETARY, Role.ADMIN)


def editable_provinces(user):
    """Provinces whose local days off ``user`` may edit: all for administrators, else those where
    they are secretary."""
    scope = scope_for(user)
    provinces = AdministrativeUnit.objects.filter(level=Level.PROVINCE).current().order_by("name")
    if scope.is_admin:
        return provinces
    codes = {path.strip("/").split("/")[0] for path in scope.paths(Role.SECRETARY)}
    return provinces.filter(code__in=codes)


def year_rows(year: int, province=None, *, user=None) -> list[dict]:
    """Every exception to the normal week in ``year``: package holidays, national announcements
    and, when ``province`` is given, its local days off. ``row`` is set where ``user`` may remove it."""
    cal = calendar.year_calendar(year, calendar.province_code(province))
    rows_q = CalendarDay.objects.filter(date__year=year, province__isnull=True)
    announced = {row.date: row for row in rows_q}
    local = {}
    if province is not None:
        local = {row.date: row for row in CalendarDay.objects.filter(date__year=year, province=province)}
    may_edit_national = user is not None and can_edit_calendar(user, None)
    dates = sorted(cal.days_off | cal.working_weekend_days | set(announced) | set(local) | set(cal.pending))
    rows = []
    for day in dates:
        row = local.get(day) or announced.get(day)
        is_local = day in local
        pending = day in cal.pending and day not in cal.days_off
        rows.append(
            {
                "date": day,
                "working": day in cal.working_weekend_days,
                "pending": pending,
                "name": cal.pending[day] if pending else cal.names.get(day, row.name if row else ""),
                "source": calendar_vn.UNCONFIRMED_SWAP
                if pending
                else cal.basis.get(day) or (row.source if row else ""),
                "local": is_local,
                "row": row if row and (is_local or may_edit_national) else None,
            }
        )
    return rows


def _chosen_province(request, provinces):
    code = request.GET.get("tinh") or request.POST.get("tinh") or ""
    if code:
        return get_or_404(provinces, code=code)
    if scope_for(request.user).is_admin:
        return None  # the national calendar
    return provinces.first()


@login_required
def calendar_page(request):
    require(can_open_calendar(request.user))
    try:
        year = int(request.GET.get("nam") or request.POST.get("nam") or dt.date.today().year)  # noqa: DTZ011
    except ValueError:
        year = dt.date.today().year  # noqa: DTZ011  (a calendar year)
    year = min(max(year, 2000), 2100)
    provinces = editable_provinces(request.user)
    province = _chosen_province(request, provinces)
    # Only administrators edit the national calendar; a province's secretary adds its local days off.
    can_edit = can_edit_calendar(request.user, province)
    national_form = province is None
    form = CalendarDayForm(initial={"kind": CalendarDay.Kind.DAY_OFF}, local=not national_form)
    tinh = f"&tinh={province.code}" if province is not None else ""
    if request.method == "POST":
        require(can_edit)
        back = reverse("core:calendar") + f"?nam={year}{tinh}"
        if request.POST.get("action") == "remove":
            try:
                day = dt.date.fromisoformat(request.POST.get("date", ""))
            except ValueError:
                day = None
            if day and remove_calendar_day(actor=request.user, date=day, province=province):
                messages.success(request, _("Đã xóa ngày %(d)s khỏi lịch công bố.") % {"d": f"{day:%d/%m/%Y}"})
            return redirect(back)
        form = CalendarDayForm(request.POST, local=not national_form)
        if form.is_valid():
            try:
                set_calendar_day(actor=request.user, province=province, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Đã lưu vào lịch."))
                return redirect(reverse("core:calendar") + f"?nam={form.cleaned_data['date'].year}{tinh}")
    context = {
        "year": year,
        "rows": year_rows(year, province, user=request.user),
        "form": form if can_edit else None,
        "years": [year - 1, year + 1],
        "province": province,
        "provinces": provinces,
        "is_admin": scope_for(request.user).is_admin,
        "tinh": tinh,
    }
    return render(request, "core/calendar.html", context, status=400 if form.errors else 200)
