"""Input for planning and rotation (Vietnamese labels; the services normalise the text)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sausat.cadres.models import CadreProfile, PlanningEntry

LEVEL_SUGGESTIONS = ("province", "commune")
ADDITION_ROWS = 3


def _date(label) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class ProfileChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: CadreProfile) -> str:
        return obj.person.full_name


class AddEntryForm(forms.Form):
    person = ProfileChoice(label=_("Cán bộ"), queryset=CadreProfile.objects.none())
    post_title = forms.CharField(label=_("Chức danh quy hoạch"), max_length=300)
    post_level = forms.CharField(label=_("Cấp của chức danh"), max_length=50, initial="province")
    on = _date(_("Ngày đưa vào quy hoạch"))
    reason = forms.CharField(label=_("Lý do, căn cứ"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, profiles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if profiles is not None:
            self.fields["person"].queryset = profiles


class ReviewForm(forms.Form):
    """The yearly review: per live entry a "remove" box and its reason; up to three additions."""

    year = forms.IntegerField(label=_("Năm rà soát"), min_value=2000, max_value=2100)
    on = _date(_("Ngày rà soát"))
    note = forms.CharField(label=_("Nhận xét chung"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, entries: list[PlanningEntry] = (), profiles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        for e in self.entries:
            self.fields[f"remove_{e.pk}"] = forms.BooleanField(
                label=f"{_('Đưa ra')}: {e.person.full_name} · {e.post_title}", required=False
            )
            self.fields[f"reason_{e.pk}"] = forms.CharField(label=_("Lý do đưa ra"), required=False, max_length=1000)
        for i in range(ADDITION_ROWS):
            self.fields[f"add{i}_person"] = ProfileChoice(
                label=_("Bổ sung: cán bộ"), queryset=profiles if profiles is not None else CadreProfile.objects.none(),
                required=False,
            )  # fmt: skip
            self.fields[f"add{i}_post"] = forms.CharField(label=_("Chức danh"), required=False, max_length=300)
            self.fields[f"add{i}_level"] = forms.CharField(
                label=_("Cấp của chức danh"), required=False, max_length=50, initial="province"
            )
            self.fields[f"add{i}_reason"] = forms.CharField(label=_("Lý do bổ sung"), required=False, max_length=1000)

    def removals(self) -> list[tuple[PlanningEntry, str]]:
        d = self.cleaned_data
        return [(e, d.get(f"reason_{e.pk}", "")) for e in self.entries if d.get(f"remove_{e.pk}")]

    def additions(self) -> list[tuple[CadreProfile, str, str, str]]:
        d = self.cleaned_data
        return [
            (d[f"add{i}_person"], d[f"add{i}_post"], d[f"add{i}_level"], d[f"add{i}_reason"])
            for i in range(ADDITION_ROWS)
            if d.get(f"add{i}_person") is not None
        ]


class RotationForm(forms.Form):
    from_title = forms.CharField(label=_("Chức vụ hiện tại"), max_length=300)
    from_unit = forms.ModelChoiceField(label=_("Đơn vị hiện tại"), queryset=None)
    to_title = forms.CharField(label=_("Chức vụ nơi đến"), max_length=300)
    to_unit = forms.ModelChoiceField(label=_("Đơn vị nơi đến"), queryset=None)
    start = _date(_("Từ ngày"))
    end = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_unit"].queryset = units
        self.fields["to_unit"].queryset = units
