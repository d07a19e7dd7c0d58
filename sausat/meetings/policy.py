"""Who sees and manages meetings.

- Admins see every meeting; leaders and secretaries see the meetings organised in their subtree
  and manage them.
- Apps above meetings may widen this through :mod:`sausat.meetings.extensions` (opinions: responders
  see meetings with opinions assigned to their organ).
- Invitees (a role the meeting invites, in the invited unit's subtree) see the meeting.
Everything else answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sausat.core.policy import Scope, get_or_404, scope_for, unit_q
from sausat.meetings import extensions
from sausat.meetings.models import RESULTS_STATUSES, Meeting
from sausat.people.models import Role

MANAGER_ROLES = (Role.LEADER, Role.SECRETARY)


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _invited_q(scope: Scope) -> Q:
    q = Q(pk__in=[])
    for grant in scope.grants:
        q |= Q(invite_roles__contains=f",{grant.role},", invite_unit__scope_path__in=_ancestor_paths(grant.scope_path))
    return q


def visible_meetings(user) -> QuerySet[Meeting]:
    scope = scope_for(user)
    qs = Meeting.objects.all()
    if scope.is_admin:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    q = unit_q(scope, "unit", *MANAGER_ROLES) | _invited_q(scope) | extensions.extra_visibility(scope)
    return qs.filter(q)


def meeting_or_404(user, pk) -> Meeting:
    return get_or_404(visible_meetings(user).select_related("unit", "organ", "invite_unit", "concluded_by"), pk=pk)


def meeting_in_subtrees_or_404(pk, scope_paths: list[str]) -> Meeting:
    """A meeting organised in one of these unit subtrees, for an app above that works from a
    province's meetings without seeing their pages (the portal's editors drafting news from a
    conference of their province); 404 for any other."""
    q = Q(pk__in=[])
    for path in scope_paths:
        q |= Q(unit__scope_path__startswith=path)
    return get_or_404(Meeting.objects.filter(q).select_related("unit"), pk=pk)


def can_manage(user, meeting: Meeting) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers_path(meeting.unit.scope_path, *MANAGER_ROLES)


def managed_meeting_or_404(user, pk) -> Meeting:
    meeting = meeting_or_404(user, pk)
    if not can_manage(user, meeting):
        from django.http import Http404

        raise Http404
    return meeting


def published_results_or_404(ref: str) -> Meeting:
    """The meeting behind a public results reference: published and held, else the same 404 as a
    reference that never existed (no sequential id is ever accepted here)."""
    published = Meeting.objects.filter(results_published_at__isnull=False, status__in=RESULTS_STATUSES)
    return get_or_404(published.select_related("unit"), results_ref=ref)


def form_meeting_or_404(token: str) -> Meeting:
    """The meeting behind an online form link (QR code): the unguessable token is the access; a wrong
    one answers 404 like a missing meeting. Whether it still accepts opinions is the caller's check."""
    return get_or_404(Meeting.objects.select_related("unit"), form_token=token)


def attachment_or_404(user, meeting_pk, attachment_pk):
    """An attachment of a meeting ``user`` may see; else 404 as for a missing one."""
    meeting = meeting_or_404(user, meeting_pk)
    return get_or_404(meeting.attachments.all(), pk=attachment_pk)


def can_import_articles(user) -> bool:
    """Creating meetings from news articles is the secretaries' (of any unit; the page then offers
    only the provinces in their scope)."""
    return scope_for(user).has_role(Role.SECRETARY)


def can_create_at(user) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.paths(*MANAGER_ROLES))


def published_results_ref(meeting_id: int) -> str | None:
    """The public results reference of a meeting whose results are published, else None (for links
    from public pages, e.g. the news article drafted from the meeting)."""
    return (
        Meeting.objects.filter(pk=meeting_id, results_published_at__isnull=False, status__in=RESULTS_STATUSES)
        .values_list("results_ref", flat=True)
        .first()
    )
