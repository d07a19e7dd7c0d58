"""The working-day calendar page: the year's days off and make-up days, editable by secretaries."""

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
from sausat.core.models import CalendarDay
from sausat.core.policy import require, scope_for
from sausat.core.services import remove_calendar_day, set_calendar_day
from sausat.people.models import Role


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(label=gettext_lazy("Tên, lý do"), max_length=200)
    source = forms.CharField(label=gettext_lazy("Căn cứ (văn bản thông báo)"), max_length=300, required=False)


def can_edit_calendar(user) -> bool:
    return scope_for(user).has_role(Role.SECRETARY, Role.ADMIN)


def year_rows(year: int) -> list[dict]:
    """Every exception to the normal week in ``year``: package holidays and announced rows."""
    cal = calendar.year_calendar(year)
    announced = {row.date: row for row in CalendarDay.objects.filter(date__year=year)}
    dates = sorted(cal.days_off | cal.working_weekend_days | set(announced))
    rows = []
    for day in dates:
        row = announced.get(day)
        rows.append(
            {
                "date": day,
                "working": day in cal.working_weekend_days,
                "name": cal.names.get(day, row.name if row else ""),
                "source": row.source if row else _("Luật định (gói holidays)"),
                "row": row,
            }
        )
    return rows


@login_required
def calendar_page(request):
    require(can_edit_calendar(request.user))
    try:
        year = int(request.GET.get("nam") or request.POST.get("nam") or dt.date.today().year)  # noqa: DTZ011
    except ValueError:
        year = dt.date.today().year  # noqa: DTZ011  (a calendar year)
    year = min(max(year, 2000), 2100)
    form = CalendarDayForm(initial={"kind": CalendarDay.Kind.DAY_OFF})
    if request.method == "POST":
        back = reverse("core:calendar") + f"?nam={year}"
        if request.POST.get("action") == "remove":
            try:
                day = dt.date.fromisoformat(request.POST.get("date", ""))
            except ValueError:
                day = None
            if day and remove_calendar_day(actor=request.user, date=day):
                messages.success(request, _("Đã xóa ngày %(d)s khỏi lịch công bố.") % {"d": f"{day:%d/%m/%Y}"})
            return redirect(back)
        form = CalendarDayForm(request.POST)
        if form.is_valid():
            try:
                set_calendar_day(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Đã lưu vào lịch."))
                return redirect(reverse("core:calendar") + f"?nam={form.cleaned_data['date'].year}")
    context = {"year": year, "rows": year_rows(year), "form": form, "years": [year - 1, year + 1]}
    return render(request, "core/calendar.html", context, status=400 if form.errors else 200)
