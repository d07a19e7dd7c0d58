"""Meetings: dialogue conferences, working sessions, voter and grassroots meetings."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from sausat.core.models import BusinessModel
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person


class MeetingKind(models.TextChoices):
    DIALOGUE = "dialogue", _("Hội nghị đối thoại")
    WORKING_SESSION = "working_session", _("Buổi làm việc định kỳ")
    REVIEW = "review", _("Hội nghị sơ kết, tổng kết")
    VOTER = "voter", _("Tiếp xúc cử tri")
    GRASSROOTS = "grassroots", _("Hội nghị ở cơ sở")
    # The committee head's periodic citizen-reception day (QĐ 11-QĐi/TW, amended by KL 215-KL/TW).
    RECEPTION = "reception", _("Tiếp công dân định kỳ")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    OPEN = "open", _("Đang nhận ý kiến")
    HELD = "held", _("Đã tổ chức")
    CONCLUDED = "concluded", _("Đã kết luận")


# The only transitions the services accept.
STATUS_FLOW = {
    MeetingStatus.PLANNED: (MeetingStatus.OPEN,),
    MeetingStatus.OPEN: (MeetingStatus.HELD,),
    MeetingStatus.HELD: (MeetingStatus.CONCLUDED,),
    MeetingStatus.CONCLUDED: (),
}

# Results can be made public only once the conference has taken place.
RESULTS_STATUSES = (MeetingStatus.HELD, MeetingStatus.CONCLUDED)


def new_form_token() -> str:
    return secrets.token_urlsafe(16)


def new_results_ref() -> str:
    """22 URL-safe characters (128 random bits): the public results page is found only by link."""
    return secrets.token_urlsafe(16)


class Meeting(BusinessModel):
    kind = models.CharField(max_length=30, choices=MeetingKind.choices, default=MeetingKind.DIALOGUE)
    title = models.CharField(max_length=500)
    search_key = models.CharField(max_length=500, db_index=True, editable=False, blank=True)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    online_points = models.TextField(blank=True, help_text="Online hall points, one per line.")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="meetings")
    organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    chairs = models.ManyToManyField(Person, blank=True, related_name="chaired_meetings")
    # Invited role codes as ",commune_cadre,secretary," so a plain LIKE finds them on any database.
    invite_roles = models.CharField(max_length=300, blank=True)
    invite_unit = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="invited_meetings"
    )
    invite_note = models.CharField(max_length=500, blank=True)
    agenda = models.TextField(blank=True)
    attendance = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    allow_anonymous = models.BooleanField(default=False)
    form_token = models.CharField(max_length=40, unique=True, default=new_form_token, editable=False)
    # Set by the publish service on first publication and kept afterwards, so a link already shared
    # works again after an unpublish/republish; the public page never takes the sequential id.
    results_ref = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    results_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    demo_key = models.CharField(max_length=50, null=True, blank=True, unique=True, editable=False)
    # Who gave the conclusion: a chair, or one of the persons attending (seed 000: the leaders
    # attend, the Party secretary concludes). Empty: the first chair (see conclusion_giver).
    concluded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="concluded_meetings"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def chairs_in_order(self) -> list[Person]:
        """Chairs in the order they were entered (protocol order), not alphabetical."""
        links = Meeting.chairs.through.objects.filter(meeting_id=self.pk).select_related("person").order_by("id")
        return [link.person for link in links]

    @property
    def conclusion_giver(self) -> Person | None:
        """The person who gave the conclusion: recorded, else the first chair."""
        if self.concluded_by_id:
            return self.concluded_by
        chairs = self.chairs_in_order()
        return chairs[0] if chairs else None

    def attendees_in_order(self) -> list[MeetingAttendee]:
        return list(self.attendees.select_related("person", "organ").order_by("sort_order", "id"))

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    @property
    def invite_role_list(self) -> list[str]:
        return [r for r in self.invite_roles.split(",") if r]

    @property
    def online_point_list(self) -> list[str]:
        return [line for line in self.online_points.splitlines() if line.strip()]


class AttendeeRole(models.TextChoices):
    ATTENDEE = "attendee", _("Tham dự")
    REPORTER = "reporter", _("Trình bày báo cáo")


class MeetingAttendee(BusinessModel):
    """Someone who attended without chairing: a person, a body (its representatives), or a group of
    delegates named as the record names them ("điểm cầu các huyện"). Chairs stay in ``Meeting.chairs``."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="attended_meetings"
    )
    organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="attended_meetings")
    label = models.CharField(max_length=300, blank=True, help_text="A group of delegates, when no body fits.")
    title = models.CharField(max_length=300, blank=True, help_text="Position at the meeting, as the record gives it.")
    role = models.CharField(max_length=20, choices=AttendeeRole.choices, default=AttendeeRole.ATTENDEE)
    sort_order = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        if self.person_id:
            return f"{self.person.full_name}, {self.title}" if self.title else self.person.full_name
        if self.organ_id:
            return f"{self.label} {self.organ.name}".strip() if self.label else self.organ.name
        return self.label


ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png")
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


class MeetingAttachment(BusinessModel):
    """A file of the meeting (invitation, report, slides, signed minutes); served only through the policy."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to="meetings/%Y/%m/")
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
