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

    class Meta:
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def chairs_in_order(self) -> list[Person]:
        """Chairs in the order they were entered (protocol order), not alphabetical."""
        links = Meeting.chairs.through.objects.filter(meeting_id=self.pk).select_related("person").order_by("id")
        return [link.person for link in links]

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    @property
    def invite_role_list(self) -> list[str]:
        return [r for r in self.invite_roles.split(",") if r]

    @property
    def online_point_list(self) -> list[str]:
        return [line for line in self.online_points.splitlines() if line.strip()]


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
