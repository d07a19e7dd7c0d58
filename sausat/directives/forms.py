from __future__ import annotations

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from sausat.directives.models import DeadlineKind, DocumentKind, Priority
from sausat.people.forms import OrganChoice, OrganMultipleChoice
from sausat.people.models import Organ, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SNAPSHOT_SALT = "directives.task.edit"


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    issuing_organ = OrganChoice(empty_label=_("- Chọn -"), label=_("Cơ quan ban hành"), queryset=Organ.objects.none())
    number = forms.CharField(label=_("Số"), max_length=30, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=60, required=False)
    date = forms.DateField(label=_("Ngày ban hành"), widget=DATE)
    signer = forms.ModelChoiceField(
        empty_label=_("- Chọn -"), label=_("Người ký"), queryset=Person.objects.none(), required=False
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
    meeting_ref = forms.CharField(label=_("Cuộc họp (nếu là kết luận)"), max_length=300, required=False)
    attachment = forms.FileField(label=_("Tệp đính kèm"), required=False)

    def __init__(self, *args, organs=None, persons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_organ"].queryset = organs if organs is not None else Organ.objects.all()
        self.fields["signer"].queryset = persons if persons is not None else Person.objects.none()


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=500)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
    lead_organ = OrganChoice(
        empty_label=_("- Chọn -"), label=_("Cơ quan chủ trì"), queryset=Organ.objects.none(), required=False
    )
    cooperating_organs = OrganMultipleChoice(label=_("Cơ quan phối hợp"), queryset=Organ.objects.none(), required=False)
    expected_product = forms.CharField(label=_("Sản phẩm dự kiến"), max_length=300, required=False)
    deadline_kind = forms.ChoiceField(label=_("Thời hạn"), choices=DeadlineKind.choices, initial=DeadlineKind.FIXED)
    deadline_date = forms.DateField(label=_("Ngày hết hạn"), widget=DATE, required=False)
    deadline_days = forms.IntegerField(label=_("Số ngày"), min_value=1, max_value=3650, required=False)
    recurring_day = forms.IntegerField(
        label=_("Báo cáo trước ngày (hằng tháng)"), min_value=1, max_value=28, required=False
    )
    recurring_until = forms.DateField(label=_("Định kỳ đến ngày"), widget=DATE, required=False)
    priority = forms.TypedChoiceField(label=_("Mức độ"), choices=Priority.choices, coerce=int, initial=Priority.NORMAL)

    # Deadline fields that apply to some deadline kinds only: shown by core's app.js while one of
    # them is chosen (without JavaScript all are shown; services.compute_due_date reads only its own).
    SHOWN_FOR = {
        "deadline_date": (DeadlineKind.FIXED,),
        "deadline_days": (DeadlineKind.CALENDAR_DAYS, DeadlineKind.WORKING_DAYS),
        "recurring_day": (DeadlineKind.MONTHLY, DeadlineKind.QUARTERLY),
        "recurring_until": (DeadlineKind.MONTHLY, DeadlineKind.QUARTERLY),
    }

    def __init__(self, *args, organs=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = organs if organs is not None else Organ.objects.all()
        self.fields["lead_organ"].queryset = qs
        self.fields["cooperating_organs"].queryset = qs
        for name, kinds in self.SHOWN_FOR.items():
            self.fields[name].widget.attrs["data-show-when"] = "deadline_kind:" + "|".join(k.value for k in kinds)


class TaskEditForm(TaskForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def sign(values: dict) -> str:
        return signing.dumps(values, salt=SNAPSHOT_SALT)

    def loaded_values(self) -> dict:
        try:
            return signing.loads(self.cleaned_data.get("loaded") or "", salt=SNAPSHOT_SALT)
        except signing.BadSignature:
            return {}


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Nội dung tiến độ"), widget=forms.Textarea)
    percent = forms.IntegerField(label=_("Tỷ lệ hoàn thành (%)"), min_value=0, max_value=100)
    attachment = forms.FileField(label=_("Tệp đính kèm"), required=False)


class CompletionForm(forms.Form):
    product = forms.CharField(label=_("Sản phẩm (văn bản, báo cáo, quyết định...)"), max_length=500)
    reason = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)
    attachment = forms.FileField(label=_("Tệp sản phẩm"), required=False)

    def __init__(self, *args, **kwargs):
        # Shown on the task page beside the progress and extension forms: its own element ids
        # ("reason", "attachment" would repeat theirs), the field names unchanged.
        kwargs.setdefault("auto_id", "completion-%s")
        super().__init__(*args, **kwargs)


class ExtensionForm(forms.Form):
    requested_date = forms.DateField(label=_("Thời hạn đề nghị"), widget=DATE)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea)


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Quyết định"), choices=[("1", _("Chấp thuận")), ("0", _("Trả lại"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label=_("Ý kiến của Văn phòng"), widget=forms.Textarea, required=False)
