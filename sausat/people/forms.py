from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from sausat.people.models import Organ


def organ_label(name: str, until: dt.date | None) -> str:
    """An organ of a unit dissolved since (offered only for a record of its time) says so."""
    if until is None:
        return name
    return _("%(name)s (hoạt động đến %(day)s)") % {"name": name, "day": f"{until:%d/%m/%Y}"}


def _label_of(obj: Organ) -> str:
    return organ_label(obj.name, obj.unit.valid_to if obj.unit_id else None)


class OrganChoice(forms.ModelChoiceField):
    """An organ picker whose dissolved organs are marked (:func:`organ_label`)."""

    def label_from_instance(self, obj: Organ) -> str:
        return _label_of(obj)


class OrganMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organ) -> str:
        return _label_of(obj)


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Chức vụ"), max_length=300)
    organ = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Organ.objects.none(), required=False, empty_label=_("— Không gắn cơ quan —")
    )
    start_date = forms.DateField(label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    is_leadership = forms.BooleanField(label=_("Chức danh lãnh đạo, quản lý"), required=False)

    def __init__(self, *args, organs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = organs if organs is not None else Organ.objects.none()


class EndPositionForm(forms.Form):
    end_date = forms.DateField(label=_("Ngày thôi giữ chức vụ"), widget=forms.DateInput(attrs={"type": "date"}))


class AsOfForm(forms.Form):
    """``?ngay=dd/mm/yyyy``: read a page of holders as of that day (default: today)."""

    ngay = forms.DateField(
        label=_("Xem tại ngày"),
        required=False,
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, format="%d/%m/%Y"),
        error_messages={
            "invalid": _("Ngày xem không hợp lệ. Vui lòng nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2025.")
        },
    )

    def clean_ngay(self):
        day = self.cleaned_data["ngay"]
        if day is not None and day.year < 1945:
            raise forms.ValidationError(_("Ngày xem phải từ năm 1945 trở đi."))
        return day


def as_of_from(params, today):
    """(day, form): the day asked for in ``params`` (a QueryDict), or ``today`` when absent or invalid;
    the bound form carries the Vietnamese error message to show."""
    form = AsOfForm(params if params.get("ngay") else None)
    if form.is_bound and form.is_valid() and form.cleaned_data["ngay"]:
        return form.cleaned_data["ngay"], form
    if not form.is_bound:
        form = AsOfForm(initial={"ngay": today})
    return today, form
