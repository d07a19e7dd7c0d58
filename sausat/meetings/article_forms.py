"""Forms of the article import page: paste/upload, then confirm the proposed record."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sausat.textkit.articles.record import ArticleRecord, Count, NamedPerson
from sausat.textkit.normalize import normalize, normalize_line
from sausat.textkit.titles import expand_abbreviations, split_titles

MAX_UPLOAD = 1_000_000
KIND_CHOICES = [
    ("dialogue", _("Hội nghị đối thoại")),
    ("working_session", _("Buổi làm việc")),
    ("review_conference", _("Hội nghị sơ kết, tổng kết")),
    ("voter_meeting", _("Tiếp xúc cử tri")),
    ("other", _("Khác")),
]


class ArticleUploadForm(forms.Form):
    text = forms.CharField(label=_("Dán nội dung bài báo"), widget=forms.Textarea(attrs={"rows": 10}), required=False)
    file = forms.FileField(label=_("Hoặc chọn tệp văn bản (.txt)"), required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("text") or ""
        if upload:
            if upload.size > MAX_UPLOAD:
                raise forms.ValidationError(_("Tệp quá lớn (tối đa 1 MB)."))
            raw = upload.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError(_("Tệp không phải văn bản UTF-8; hãy lưu lại dưới dạng Unicode.")) from exc
        if not text.strip():
            raise forms.ValidationError(_("Vui lòng dán nội dung bài báo hoặc chọn tệp."))
        data["article"] = text
        return data


def people_to_lines(people: list[NamedPerson]) -> str:
    return "\n".join(p.name + (" — " + "; ".join(p.titles) if p.titles else "") for p in people)


def lines_to_people(text: str) -> list[NamedPerson]:
    out = []
    for line in normalize(text).split("\n"):
        if not line.strip():
            continue
        name, _sep, titles = _split_person_line(line)
        parts = split_titles(titles)
        out.append(
            NamedPerson(
                name=normalize_line(name), titles=parts, titles_expanded=[expand_abbreviations(t) for t in parts]
            )
        )
    return out


def _split_person_line(line: str) -> tuple[str, str, str]:
    m = re.split(r"\s+[—–]\s+", line, maxsplit=1)
    if len(m) == 2:
        return m[0], "—", m[1]
    return line, "", ""


def _lines(text: str) -> list[str]:
    return [normalize_line(x) for x in normalize(text).split("\n") if x.strip()]


class ArticleConfirmForm(forms.Form):
    title = forms.CharField(label=_("Tên hội nghị"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại"), choices=KIND_CHOICES)
    meeting_date = forms.DateField(
        label=_("Ngày hội nghị"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    publish_date = forms.DateField(
        label=_("Ngày đăng bài"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    province_unit = forms.ChoiceField(label=_("Tỉnh, thành phố"))
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    chairs = forms.CharField(
        label=_("Chủ trì (mỗi dòng: Họ tên — chức vụ; chức vụ)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    participants = forms.CharField(
        label=_("Người tham dự được nêu tên"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    written = forms.IntegerField(label=_("Ý kiến bằng văn bản"), min_value=0, required=False)
    direct = forms.IntegerField(label=_("Ý kiến trực tiếp"), min_value=0, required=False)
    total = forms.IntegerField(label=_("Tổng số ý kiến"), min_value=0, required=False)
    issue_groups = forms.CharField(
        label=_("Nhóm vấn đề (mỗi dòng một nhóm)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    directives = forms.CharField(
        label=_("Chỉ đạo, kết luận (mỗi dòng một ý)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_unit"].choices = [("", "—"), *unit_choices]

    @classmethod
    def initial_from(cls, record: ArticleRecord, unit_code: str | None) -> dict:
        counts = {k: record.count_value(k) for k in ("written", "direct", "total")}
        return {
            "title": record.title or "",
            "kind": record.kind,
            "meeting_date": record.meeting_date,
            "publish_date": record.publish_date,
            "province_unit": unit_code or "",
            "place": record.place or "",
            "chairs": people_to_lines(record.chairs),
            "participants": people_to_lines(record.participants_named),
            **counts,
            "issue_groups": "\n".join(record.issue_groups),
            "directives": "\n".join(record.directives),
        }

    def to_record(self) -> ArticleRecord:
        d = self.cleaned_data
        return ArticleRecord(
            title=normalize_line(d["title"]),
            kind=d["kind"],
            meeting_date=d["meeting_date"],
            publish_date=d.get("publish_date"),
            place=normalize_line(d.get("place")) or None,
            chairs=lines_to_people(d.get("chairs") or ""),
            participants_named=lines_to_people(d.get("participants") or ""),
            opinion_counts={k: (Count(d[k]) if d.get(k) is not None else None) for k in ("written", "direct", "total")},
            issue_groups=_lines(d.get("issue_groups") or ""),
            directives=_lines(d.get("directives") or ""),
        )
