"""Reads on dialogue conferences for the meetings pages (and any app above meetings), already scoped
by :mod:`sausat.meetings.policy`."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from sausat.core.actors import Viewer
from sausat.core.policy import scope_for
from sausat.geo.models import AdministrativeUnit, Level
from sausat.meetings import policy
from sausat.meetings.models import Meeting, MeetingAttachment
from sausat.people.models import Role


def meeting_list(user: Viewer) -> QuerySet[Meeting]:
    """The meetings ``user`` may see, newest first, with their opinion counts."""
    return (
        policy.visible_meetings(user)
        .select_related("unit")
        .annotate(n_opinions=Count("opinions"))
        .order_by("-starts_at", "-id")
    )


def organising_unit(user: Viewer) -> AdministrativeUnit:
    """The unit a new meeting of ``user`` is organised at: that of their first leader, secretary or
    administrator grant; 404 when they have none."""
    grant = next(
        (g for g in scope_for(user).grants if g.role in policy.MANAGER_ROLES or g.role == Role.ADMIN),
        None,
    )
    if grant is None:
        raise Http404
    return AdministrativeUnit.objects.get(pk=grant.unit_id)


def secretary_provinces(user: Viewer) -> list[AdministrativeUnit]:
    """Province-level units (current and pre-2025) inside ``user``'s secretary scope (article import)."""
    scope = scope_for(user)
    units = AdministrativeUnit.objects.filter(level=Level.PROVINCE).order_by("valid_to", "name")
    return [u for u in units if scope.covers_path(u.scope_path, Role.SECRETARY)]


def attachments_of(meeting: Meeting) -> list[MeetingAttachment]:
    return list(meeting.attachments.all())
