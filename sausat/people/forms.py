from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sausat.people.models import Organ


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
