from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sausat.cadres.rules import LEVEL_CHOICES


class SelfAssessForm(forms.Form):
    general_points = forms.DecimalField(label=_("Điểm tiêu chí chung (tối đa 30)"), min_value=0, max_value=30)
    note = forms.CharField(label=_("Tự nhận xét"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AppraiseForm(forms.Form):
    general_points = forms.DecimalField(label=_("Điểm tiêu chí chung (tối đa 30)"), min_value=0, max_value=30)
    proposed_level = forms.ChoiceField(label=_("Mức đề xuất"), choices=LEVEL_CHOICES)
    task_points_adjusted = forms.DecimalField(
        label=_("Điều chỉnh điểm kết quả nhiệm vụ (để trống nếu giữ điểm tính từ hồ sơ)"),
        min_value=0,
        max_value=70,
        required=False,
    )
    adjustment_reason = forms.CharField(
        label=_("Lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    note = forms.CharField(label=_("Nhận xét thẩm định"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecideForm(forms.Form):
    level = forms.ChoiceField(label=_("Mức xếp loại quyết định"), choices=LEVEL_CHOICES)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Số quyết định, thông báo"), required=False, max_length=100)
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi thay đổi kết quả đã quyết định)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class AttendanceForm(forms.Form):
    present = forms.IntegerField(label=_("Số người có mặt"), min_value=0)


class TallyForm(forms.Form):
    issued = forms.IntegerField(label=_("Phiếu phát ra"), min_value=0)
    returned = forms.IntegerField(label=_("Phiếu thu về"), min_value=0)
    valid = forms.IntegerField(label=_("Phiếu hợp lệ"), min_value=0)
    invalid = forms.IntegerField(label=_("Phiếu không hợp lệ"), min_value=0)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for c in self.candidates:
            for key, label in (("high", _("cao")), ("confidence", _("tín nhiệm")), ("low", _("thấp"))):
                self.fields[f"c{c.pk}_{key}"] = forms.IntegerField(label=f"{c.person} · {label}", min_value=0)

    def counts(self) -> dict[int, tuple[int, int, int]]:
        d = self.cleaned_data
        return {c.pk: (d[f"c{c.pk}_high"], d[f"c{c.pk}_confidence"], d[f"c{c.pk}_low"]) for c in self.candidates}
