"""Forms of the appointment procedure page (Vietnamese messages; text normalised by the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sausat.cadres.appointment_services import POLICY_KEY
from sausat.cadres.models import AppointmentCandidate
from sausat.cadres.models_appointments import Source
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Person

LEVELS = [("province", _("Cấp tỉnh")), ("commune", _("Cấp xã")), ("central", _("Trung ương"))]


class OpenForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Cấp quản lý"), queryset=AdministrativeUnit.objects.none())
    post_title = forms.CharField(label=_("Chức vụ dự kiến bổ nhiệm"), max_length=300)
    post_level = forms.ChoiceField(label=_("Cấp của chức vụ"), choices=LEVELS)
    source = forms.ChoiceField(label=_("Nguồn nhân sự"), choices=Source.choices)
    requested_on = forms.DateField(
        label=_("Ngày tờ trình đề nghị cho chủ trương"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdministrativeUnit.objects.filter(pk__in=units or [])


class PolicyForm(forms.Form):
    approved_on = forms.DateField(label=_("Ngày cho chủ trương"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Số văn bản"), max_length=100, required=False)


class CandidateForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Nhân sự"), queryset=Person.objects.none())
    exception_reason = forms.CharField(
        label=_("Ý kiến ngoại lệ của cấp có thẩm quyền (khi nhân sự chưa có trong quy hoạch)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, persons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(pk__in=persons or []).order_by("full_name")


class StepForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp"), widget=forms.DateInput(attrs={"type": "date"}))
    summoned = forms.IntegerField(label=_("Số người được triệu tập"), min_value=1)
    present = forms.IntegerField(label=_("Số người có mặt"), min_value=0)

    def __init__(self, *args, ballot: str = "policy", candidates: list[AppointmentCandidate] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.ballot = ballot
        self.candidates = list(candidates)
        if ballot == "policy":
            self.fields["v_agree"] = forms.IntegerField(label=_("Số phiếu đồng ý"), min_value=0)
        else:
            for c in self.candidates:
                self.fields[f"v{c.pk}"] = forms.IntegerField(label=f"{c.person} · số phiếu", min_value=0, initial=0)

    def votes(self) -> dict[int | str, int]:
        d = self.cleaned_data
        if self.ballot == "policy":
            return {POLICY_KEY: d["v_agree"]}
        return {c.pk: d[f"v{c.pk}"] for c in self.candidates}
