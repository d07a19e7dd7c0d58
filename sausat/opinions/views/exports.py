"""Downloads: the opinions register (.xlsx) and the conclusion notice (.docx)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from sausat.core.calendar import local_date
from sausat.core.exports.http import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, attachment_response
from sausat.core.exports.xlsx import Sheet, write_xlsx
from sausat.meetings import policy as meeting_policy
from sausat.opinions import figures, notice, policy
from sausat.opinions.models import Answer
from sausat.opinions.selectors import latest_answer

HEADERS = [
    "Số", "Ngày nhận", "Kênh", "Người góp ý", "Đơn vị", "Nội dung", "Nhóm vấn đề", "Trùng với ý kiến số",
    "Cơ quan trả lời", "Hạn trả lời", "Quá hạn", "Kết quả", "Nội dung trả lời",
]  # fmt: skip


def register_rows(opinions):
    today = local_date(timezone.now())
    qs = opinions.select_related("group", "responder_organ", "author_person", "meeting").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.order_by("answered_at", "id"))
    )
    for o in qs.order_by("id").iterator(chunk_size=1000):
        answer = latest_answer(o)
        overdue = figures.is_overdue(o, today)
        yield [
            o.pk,
            o.received_on,
            o.get_channel_display(),
            # Anonymous opinions: no author fields at all.
            "Ẩn danh" if o.anonymous else o.author_display,
            "" if o.anonymous else o.author_unit_label,
            o.text,
            o.group.title if o.group_id else "",
            o.merged_into_id or "",
            o.responder_organ.name if o.responder_organ_id else "",
            o.deadline,
            "Quá hạn" if overdue else "",
            o.get_outcome_display() if o.outcome else "Chưa trả lời",
            answer.text if answer else "",
        ]


@login_required
def register_xlsx(request, meeting_pk: int):
    # The register is the organising office's working document: every opinion of the meeting, named.
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    opinions = policy.meeting_opinions(request.user, meeting)
    # The register stays Vietnamese (headers and choice labels alike) whatever the UI language.
    with translation.override("vi"):
        content = write_xlsx(
            [
                Sheet(
                    "Sổ ý kiến",
                    HEADERS,
                    register_rows(opinions),
                    widths=[7, 12, 16, 24, 24, 70, 30, 10, 30, 12, 10, 20, 60],
                )
            ]
        )
    return attachment_response(content, f"so-y-kien-hoi-nghi-{meeting.pk}.xlsx", XLSX_CONTENT_TYPE)


class NoticeForm(forms.Form):
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=300)
    superior_body = forms.CharField(label=_("Cơ quan cấp trên (nếu có)"), max_length=300, required=False)
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=50, required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=100)
    date = forms.CharField(label=_("Ngày ban hành (dd/mm/yyyy)"), max_length=10, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    body = forms.CharField(
        label=_("Nội dung (dòng bắt đầu “# ” là đề mục, “- ” là gạch đầu dòng)"),
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=100_000,
    )
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    authority = forms.CharField(label=_("Quyền hạn ký"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    party = forms.BooleanField(label=_("Văn bản của Đảng (thể thức Đảng)"), required=False)


@login_required
def conclusion_notice(request, meeting_pk: int):
    """GET: the drafted notice, editable. POST: the edited text rendered as .docx."""
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    if request.method == "POST":
        form = NoticeForm(request.POST)
        if form.is_valid():
            data = {k: (v if not isinstance(v, bool) else ("1" if v else "")) for k, v in form.cleaned_data.items()}
            content = notice.render(data)
            return attachment_response(content, f"thong-bao-ket-luan-hoi-nghi-{meeting.pk}.docx", DOCX_CONTENT_TYPE)
    else:
        # The notice is an ND 30/2020 document: drafted in Vietnamese whatever the UI language.
        with translation.override("vi"):
            initial = notice.draft(meeting)
        initial["party"] = bool(initial["party"])
        form = NoticeForm(initial=initial)
    return render(request, "opinions/notice.html", {"meeting": meeting, "form": form})
