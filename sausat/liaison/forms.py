"""Forms for the phone UI. Validation messages are in Vietnamese; writes happen in services."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sausat.core.calendar import local_date
from sausat.liaison.models import ActivityKind
from sausat.liaison.services import ActivityInput, FeedbackInput, IssueInput, ReportInput

FEEDBACK_ROWS = 3
ISSUE_ROWS = 3
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def new_key() -> str:
    return uuid.uuid4().hex


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ActivityForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    kind = forms.ChoiceField(label=_("Loại hoạt động"), choices=ActivityKind.choices, initial=ActivityKind.VISIT)
    date = forms.DateField(label=_("Ngày"), widget=DATE_WIDGET, input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=300)
    met = forms.CharField(label=_("Đã gặp"), required=False, max_length=500)
    notes = forms.CharField(label=_("Ghi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    formal_feedback = forms.BooleanField(label=_("Có góp ý chính thức với cấp ủy"), required=False)
    photos = MultipleFileField(label=_("Ảnh (JPEG, PNG, WebP; tối đa 5 MB mỗi ảnh)"), required=False)
    linked_task_id = forms.TypedChoiceField(
        label=_("Nhiệm vụ được truyền đạt (hoạt động cầu nối)"), required=False, coerce=int, empty_value=None
    )
    linked_ref = forms.CharField(
        label=_("Hoặc ghi số, ký hiệu và trích yếu văn bản được truyền đạt"), required=False, max_length=300
    )

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["linked_task_id"].choices = [("", _("- Chọn -"))] + [(str(t.pk), t.label) for t in tasks]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_key())
            self.initial.setdefault("date", local_date(timezone.now()))
        for i in range(FEEDBACK_ROWS):
            self.fields[f"fb{i}_addressee"] = forms.CharField(label=_("Góp ý với"), required=False, max_length=300)
            self.fields[f"fb{i}_content"] = forms.CharField(
                label=_("Nội dung góp ý"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"fb{i}_expected"] = forms.CharField(
                label=_("Đề nghị trả lời, thực hiện"), required=False, max_length=500
            )

    def feedback_rows(self):
        return [
            (self[f"fb{i}_addressee"], self[f"fb{i}_content"], self[f"fb{i}_expected"]) for i in range(FEEDBACK_ROWS)
        ]

    def to_input(self) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            kind=data["kind"],
            date=data["date"],
            place=data["place"],
            met=data["met"],
            notes=data["notes"],
            formal_feedback=data["formal_feedback"],
            linked_task_id=data.get("linked_task_id"),
            linked_ref=data.get("linked_ref", ""),
            feedback=[
                FeedbackInput(data[f"fb{i}_addressee"], data[f"fb{i}_content"], data[f"fb{i}_expected"])
                for i in range(FEEDBACK_ROWS)
            ],
        )


class ReportForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    period = forms.ChoiceField(label=_("Kỳ báo cáo"))
    party_organisation = forms.CharField(
        label=_("Tình hình tổ chức đảng"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    public_sentiment = forms.CharField(
        label=_("Tư tưởng, tâm trạng nhân dân"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    socio_economic = forms.CharField(
        label=_("Kinh tế - xã hội"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    security_order = forms.CharField(
        label=_("Quốc phòng, an ninh, trật tự"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, periods=(), organs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.key: p for p in periods}
        self.fields["period"].choices = [(p.key, p.label) for p in periods]
        organ_choices = [("", _("— Chọn cơ quan cấp tỉnh —"))] + [(str(o.pk), o.name) for o in organs]
        self.organs = {str(o.pk): o for o in organs}
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_key())
        for i in range(ISSUE_ROWS):
            self.fields[f"issue{i}_text"] = forms.CharField(
                label=_("Vấn đề bức xúc %(n)s") % {"n": i + 1}, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"issue{i}_escalate"] = forms.BooleanField(label=_("Kiến nghị lên tỉnh"), required=False)
            self.fields[f"issue{i}_organ"] = forms.ChoiceField(
                label=_("Chuyển đến"), required=False, choices=organ_choices
            )

    def issue_rows(self):
        return [
            (self[f"issue{i}_text"], self[f"issue{i}_escalate"], self[f"issue{i}_organ"]) for i in range(ISSUE_ROWS)
        ]

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            period=self.periods[data["period"]],
            party_organisation=data["party_organisation"],
            public_sentiment=data["public_sentiment"],
            socio_economic=data["socio_economic"],
            security_order=data["security_order"],
            issues=[
                IssueInput(
                    data[f"issue{i}_text"], data[f"issue{i}_escalate"], self.organs.get(data[f"issue{i}_organ"] or "")
                )
                for i in range(ISSUE_ROWS)
            ],
        )


class ImportForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=100)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE_WIDGET, input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=300)
    term_start = forms.DateField(label=_("Hiệu lực từ"), widget=DATE_WIDGET, input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    term_end = forms.DateField(
        label=_("Đến"), required=False, widget=DATE_WIDGET, input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )
    visits_required = forms.IntegerField(label=_("Số lần xuống cơ sở tối thiểu"), min_value=0, initial=1)
    visit_period = forms.ChoiceField(
        label=_("mỗi"), choices=[("monthly", _("tháng")), ("quarterly", _("quý"))], initial="monthly"
    )
    report_schedule = forms.ChoiceField(
        label=_("Báo cáo tình hình"), choices=[("monthly", _("Hằng tháng")), ("quarterly", _("Hằng quý"))]
    )
    file = forms.FileField(label=_("Tệp danh sách (.xlsx theo mẫu)"))
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa ghi"), required=False, initial=True)

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 5 * 1024 * 1024 or getattr(f, "oversize", False):
            raise forms.ValidationError(_("Tệp vượt quá 5 MB."))
        head = f.read(4)
        f.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError(_("Tệp không phải định dạng .xlsx. Vui lòng dùng tệp mẫu."))
        return f
