from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sausat.geo.models import AdministrativeUnit
from sausat.meetings.models import AttendeeRole, Meeting, MeetingKind
from sausat.people.models import Organ, Person, Role


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=MeetingKind.choices, initial=MeetingKind.DIALOGUE)
    title = forms.CharField(label=_("Tên hội nghị"), max_length=500)
    starts_at = forms.DateTimeField(
        label=_("Thời gian"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    online_points = forms.CharField(
        label=_("Các điểm cầu trực tuyến (mỗi dòng một điểm)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    chairs = forms.ModelMultipleChoiceField(label=_("Chủ trì"), queryset=Person.objects.none(), required=False)
    invite_roles = forms.MultipleChoiceField(
        label=_("Thành phần mời (theo vai trò)"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    invite_note = forms.CharField(label=_("Mô tả thành phần mời"), max_length=500, required=False)
    agenda = forms.CharField(label=_("Chương trình"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    attendance = forms.CharField(
        label=_("Thành phần tham dự"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    minutes = forms.CharField(label=_("Biên bản"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    allow_anonymous = forms.BooleanField(label=_("Cho phép gửi ý kiến ẩn danh"), required=False)

    def __init__(self, *args, unit: AdministrativeUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chairs"].queryset = Person.objects.filter(
            home_unit__scope_path__startswith=unit.scope_path, positions__is_leadership=True
        ).distinct()

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "starts_at": meeting.starts_at,
            "place": meeting.place,
            "online_points": meeting.online_points,
            "chairs": list(meeting.chairs.all()),
            "invite_roles": meeting.invite_role_list,
            "invite_note": meeting.invite_note,
            "agenda": meeting.agenda,
            "attendance": meeting.attendance,
            "minutes": meeting.minutes,
            "allow_anonymous": meeting.allow_anonymous,
        }


class AttendeeForm(forms.Form):
    """One attendee: a person, a body, or a group of delegates as the record names them."""

    person = forms.ModelChoiceField(
        label=_("Người tham dự"), queryset=Person.objects.none(), required=False, empty_label=_("- Chọn -")
    )
    organ = forms.ModelChoiceField(
        label=_("Cơ quan tham dự"), queryset=Organ.objects.none(), required=False, empty_label=_("- Chọn -")
    )
    label = forms.CharField(label=_("Thành phần (nếu không chọn được)"), max_length=300, required=False)
    title = forms.CharField(label=_("Chức vụ khi dự"), max_length=300, required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=AttendeeRole.choices, initial=AttendeeRole.ATTENDEE)

    def __init__(self, *args, unit: AdministrativeUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            home_unit__scope_path__startswith=unit.scope_path, positions__is_leadership=True
        ).distinct()
        self.fields["organ"].queryset = Organ.objects.filter(unit=unit).order_by("sort_order", "name")
