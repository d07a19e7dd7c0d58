from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sausat.core import uploads
from sausat.core.calendar import local_date
from sausat.core.form_layout import FastDivForm
from sausat.core.widgets import FastCheckboxInput, FastDateInput, FastSelect, FastTextarea, FastTextInput
from sausat.geo.models import Level
from sausat.opinions.models import TEXT_LIMIT, AnswerPlace, DraftPolicy, IssueGroup, Outcome
from sausat.opinions.rules import answer_deadline
from sausat.people.forms import OrganChoice, organ_label
from sausat.people.models import Organ
from sausat.people.selectors import OFFERED_FIRST, offered_organs_q


def organ_choices(qs) -> list[tuple[int, str]]:
    """(id, label) pairs of :func:`organs_near` in one query, without model instances (issue 17)."""
    return [(pk, organ_label(name, until)) for pk, name, until in qs.values_list("pk", "name", "unit__valid_to")]


def record_day(opinion) -> dt.date:
    """The day whose organs an opinion may name: its meeting's, else the day it was received."""
    if opinion.meeting_id:
        return local_date(opinion.meeting.starts_at)
    return local_date(opinion.created_at)


TEXT_HELP = format_lazy(_("Tối đa {limit} ký tự."), limit=f"{TEXT_LIMIT:,}".replace(",", "."))


class SubmitForm(forms.Form):
    """The invitee's online form (phone-first)."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    text = forms.CharField(
        label=_("Nội dung ý kiến"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=TEXT_HELP,
        max_length=TEXT_LIMIT * 2,
    )
    group = forms.ModelChoiceField(
        label=_("Thuộc nhóm vấn đề (không bắt buộc)"),
        queryset=IssueGroup.objects.none(),
        required=False,
        empty_label=_("(Không chọn)"),
    )
    anonymous = forms.BooleanField(label=_("Gửi ẩn danh"), required=False)
    author_name = forms.CharField(label=_("Họ và tên"), max_length=200, required=False)
    author_unit_label = forms.CharField(label=_("Đơn vị công tác"), max_length=200, required=False)
    name_consent = forms.BooleanField(
        label=_("Tôi đồng ý công bố họ tên của tôi trên trang kết quả công khai"), required=False, initial=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = IssueGroup.objects.filter(meeting=meeting)
        if not meeting.allow_anonymous:
            del self.fields["anonymous"]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


class LiveEntryForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    speaker = forms.CharField(label=_("Người phát biểu"), max_length=200, required=False)
    speaker_unit = forms.CharField(label=_("Đơn vị"), max_length=200, required=False)
    # Unticked by default: a name said aloud in the hall is not consent to publish it on the web.
    speaker_consent = forms.BooleanField(
        label=_("Người phát biểu đồng ý công bố họ tên trên trang kết quả"), required=False, initial=False
    )
    text = forms.CharField(label=_("Nội dung"), max_length=TEXT_LIMIT * 2, help_text=TEXT_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


class AnswerForm(FastDivForm, forms.Form):
    text = forms.CharField(label=_("Nội dung trả lời"), widget=FastTextarea(attrs={"rows": 5}))
    # Fast widgets: the same markup as Django's, without a template per option and per field (issue 17).
    place = forms.ChoiceField(
        label=_("Hình thức"), choices=AnswerPlace.choices, initial=AnswerPlace.WRITING, widget=FastSelect
    )
    outcome = forms.ChoiceField(label=_("Kết quả xử lý"), choices=Outcome.choices, widget=FastSelect)
    directed_organ = OrganChoice(
        label=_("Cơ quan được chỉ đạo giải quyết"),
        queryset=Organ.objects.none(),
        required=False,
        empty_label=_("(Chọn cơ quan)"),
        widget=FastSelect,
    )
    directed_deadline = forms.DateField(
        label=_("Hạn giải quyết"), required=False, widget=FastDateInput(attrs={"type": "date"})
    )
    petition_authority = forms.CharField(
        label=_("Cơ quan cấp trên nhận kiến nghị"), max_length=300, required=False, widget=FastTextInput
    )
    petition_sent_on = forms.DateField(
        label=_("Ngày gửi kiến nghị"), required=False, widget=FastDateInput(attrs={"type": "date"})
    )
    policy_name = forms.CharField(
        label=_("Đề án, chính sách tiếp thu"), max_length=300, required=False, widget=FastTextInput
    )
    draft_policy = forms.ModelChoiceField(
        label=_("Dự thảo đề án tiếp thu (nếu đã có trong hệ thống)"),
        queryset=DraftPolicy.objects.none(),
        required=False,
        empty_label=_("- Chọn -"),
        widget=FastSelect,
    )
    rejection_reason = forms.CharField(
        label=_("Lý do không tiếp thu"), widget=FastTextarea(attrs={"rows": 2}), required=False
    )
    published = forms.BooleanField(
        label=_("Công bố trên trang kết quả"), required=False, initial=True, widget=FastCheckboxInput
    )

    # Fields that apply to one outcome only: shown by core's app.js while that outcome is chosen.
    SHOWN_FOR = {
        "directed_organ": Outcome.DIRECTED,
        "directed_deadline": Outcome.DIRECTED,
        "petition_authority": Outcome.PETITIONED,
        "petition_sent_on": Outcome.PETITIONED,
        "policy_name": Outcome.ACCEPTED_IN_POLICY,
        "draft_policy": Outcome.ACCEPTED_IN_POLICY,
        "rejection_reason": Outcome.NOT_ACCEPTED,
    }

    def __init__(self, *args, unit, on: dt.date | None = None, drafts=None, conditional: bool = True, **kwargs):
        """``conditional=False`` keeps every field (a group answer may give single opinions other outcomes);
        ``on``: the record's day (:func:`record_day`), which may need organs dissolved since."""
        super().__init__(*args, **kwargs)
        organs = self.fields["directed_organ"]
        organs.queryset = organs_near(unit, on=on)
        if not self.is_bound:
            # The options from (id, label) pairs, not model instances with their units: the same markup,
            # ~50 organs per opinion page (issue 17). A posted form keeps the queryset's own options.
            organs.widget.choices = [("", organs.empty_label), *organ_choices(organs.queryset)]
        if drafts is not None:
            field = self.fields["draft_policy"]
            field.queryset = drafts
            if not self.is_bound:
                # Listed once here, as the organs above: the widget would compile the query again to render.
                field.widget.choices = [
                    ("", field.empty_label),
                    *((d.pk, field.label_from_instance(d)) for d in drafts),
                ]
        self.conditional = conditional
        if not self.is_bound:
            # The default the rule gives, said before saving: the answer period counted from today.
            default = answer_deadline(local_date(timezone.now()), place=unit)
            self.initial.setdefault("directed_deadline", default.isoformat())  # type=date wants ISO
            self.fields["directed_deadline"].help_text = _("Mặc định theo thời hạn trả lời: đến %(d)s.") % {
                "d": f"{default:%d/%m/%Y}"
            }
        for name, outcome in self.SHOWN_FOR.items():
            if conditional and name in self.fields:
                self.fields[name].widget.attrs["data-show-when"] = f"outcome:{outcome.value}"

    def clean(self):
        """Drop what was typed in fields of another outcome (a browser without JavaScript shows them all)."""
        data = super().clean()
        if not self.conditional:
            return data
        chosen = data.get("outcome")
        for name, outcome in self.SHOWN_FOR.items():
            if name in data and chosen != outcome:
                data[name] = None if isinstance(self.fields[name], (forms.ModelChoiceField, forms.DateField)) else ""
        return data


def organs_near(unit, on: dt.date | None = None):
    """Province-level organs of the unit's current province and the unit's own organs: who an opinion
    is assigned or directed to. Not every commune's organs: a city has 168 communes, and a select of
    800 organs helps nobody. The organs of provinces merged into it (dissolved on 1/7/2025) only with
    ``on``, the record's day, when they were in force that day; after the current ones, and the forms
    mark them (:func:`organ_label`)."""
    return (
        Organ.objects.filter(
            (Q(unit__scope_path__startswith=unit.province_prefix, unit__level=Level.PROVINCE) & offered_organs_q(on))
            | Q(unit_id=unit.pk)
        )
        .select_related("unit")
        .order_by(OFFERED_FIRST, "unit__level", "sort_order", "name")
    )


class PetitionForm(FastDivForm, forms.Form):
    sent_on = forms.DateField(label=_("Ngày gửi"), required=False, widget=FastDateInput(attrs={"type": "date"}))
    reply_due = forms.DateField(
        label=_("Hạn trả lời (để trống: theo thời hạn áp dụng)"),
        required=False,
        widget=FastDateInput(attrs={"type": "date"}),
    )
    reply = forms.CharField(label=_("Trả lời của cấp trên"), widget=FastTextarea(attrs={"rows": 2}), required=False)
    reply_on = forms.DateField(
        label=_("Ngày nhận trả lời"), required=False, widget=FastDateInput(attrs={"type": "date"})
    )
    closed_on = forms.DateField(label=_("Ngày khép lại"), required=False, widget=FastDateInput(attrs={"type": "date"}))


class AssignForm(forms.Form):
    organ = OrganChoice(label=_("Cơ quan trả lời"), queryset=Organ.objects.none(), empty_label=_("(Chọn cơ quan)"))
    deadline = forms.DateField(
        label=_("Hạn trả lời (để trống: theo quy định)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, unit, on: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = organs_near(unit, on=on)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp phiếu lấy ý kiến (.xlsx hoặc .csv)"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        limit = min(uploads.max_import_bytes(), uploads.max_upload_bytes())
        if f.size > limit or getattr(f, "oversize", False):
            raise forms.ValidationError(
                _("Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB. Vui lòng tách thành nhiều tệp nhỏ hơn.")
                % {"size": f"{f.size / uploads.MB:.1f}", "limit": f"{limit / uploads.MB:.0f}"}
            )
        return f


class NoteForm(FastDivForm, forms.Form):
    """A follow-up note on one opinion (office or responder)."""

    text = forms.CharField(
        label=_("Ghi chú theo dõi"),
        widget=FastTextarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
    )
