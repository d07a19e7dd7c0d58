"""Test helpers: a meeting at the cast's province, created through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sausat.meetings import services as meeting_services
from sausat.meetings.models import MeetingStatus
from sausat.people.models import Organ, Role


def make_meeting(cast, *, allow_anonymous: bool = True, title: str = "Hội nghị đối thoại thử", status: str = ""):
    meeting = meeting_services.create_meeting(
        actor=cast.secretary,
        title=title,
        starts_at=timezone.now() + dt.timedelta(days=7),
        place="Hội trường tỉnh",
        unit=cast.province,
        allow_anonymous=allow_anonymous,
        invite_roles=[Role.COMMUNE_CADRE],
        invite_unit=cast.province,
    )
    if status == MeetingStatus.OPEN:
        meeting = meeting_services.set_status(actor=cast.secretary, meeting=meeting, status=MeetingStatus.OPEN)
    return meeting


def responder_organ(cast) -> Organ:
    return Organ.objects.get(pk=cast.responder.role_grants.get().organ_id)
