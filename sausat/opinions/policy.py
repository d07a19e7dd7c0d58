"""Who sees which opinions.

- Admins see every opinion (anonymous ones carry no author data to see).
- Leaders and secretaries see every opinion of the meetings organised in their subtree and every
  opinion from units in their subtree.
- Responders see the opinions and groups assigned to their organ.
- Commune cadres and liaison officers see the named opinions from their own subtree; everyone
  signed in sees the opinions they submitted themselves.
A commune B cadre asking for commune A's named opinion gets 404, like a missing one.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sausat.core.policy import get_or_404, require, scope_for, unit_q
from sausat.meetings.models import Meeting
from sausat.meetings.policy import MANAGER_ROLES, can_manage
from sausat.opinions.models import Answer, DraftPolicy, IssueGroup, Opinion
from sausat.people.models import Role

LOCAL_ROLES = (Role.COMMUNE_CADRE, Role.LIAISON)


def opinions_q(user) -> Q | None:
    """The filter of visible opinions; None means everything (admin)."""
    scope = scope_for(user)
    if scope.is_admin:
        return None
    if not scope.is_authenticated:
        return Q(pk__in=[])
    # The meeting branch as a subquery on meeting ids, not a join through ``meeting__unit``: every
    # column the filter reads is then the opinion's own, so counting a province's opinions is an
    # index-only scan of ``opinion_live_scope`` (issue 17). ``all_objects``: the join kept
    # soft-deleted meetings too.
    meetings = Meeting.all_objects.filter(unit_q(scope, "unit", *MANAGER_ROLES)).values("pk")
    q = Q(meeting_id__in=meetings) | unit_q(scope, "unit", *MANAGER_ROLES)
    organs = scope.organ_ids(Role.RESPONDER)
    if organs:
        q |= Q(responder_organ_id__in=organs)
    q |= Q(anonymous=False) & unit_q(scope, "unit", *LOCAL_ROLES)
    q |= Q(submitted_by_id=scope.user_id)
    return q


def visible_opinions(user) -> QuerySet[Opinion]:
    q = opinions_q(user)
    qs = Opinion.objects.all()
    return qs if q is None else qs.filter(q)


def opinion_or_404(user, pk) -> Opinion:
    return get_or_404(
        visible_opinions(user).select_related(
            "meeting",
            "meeting__unit",
            "unit",
            "author_person",
            "author_unit",
            "group",
            "responder_organ",
            "merged_into",
        ),
        pk=pk,
    )


def visible_groups(user) -> QuerySet[IssueGroup]:
    scope = scope_for(user)
    qs = IssueGroup.objects.all()
    if scope.is_admin:
        return qs
    q = unit_q(scope, "meeting__unit", *MANAGER_ROLES)
    organs = scope.organ_ids(Role.RESPONDER)
    if organs:
        q |= Q(responder_organ_id__in=organs)
    return qs.filter(q)


def group_or_404(user, pk) -> IssueGroup:
    return get_or_404(visible_groups(user).select_related("meeting", "meeting__unit", "responder_organ"), pk=pk)


def can_answer(user, opinion: Opinion) -> bool:
    scope = scope_for(user)
    if scope.is_admin or (opinion.meeting_id and can_manage(user, opinion.meeting)):
        return True
    if opinion.meeting_id is None and scope.covers_path(opinion.unit.scope_path, *MANAGER_ROLES):
        return True
    return bool(opinion.responder_organ_id and opinion.responder_organ_id in scope.organ_ids(Role.RESPONDER))


def answerable_opinion_or_404(user, pk) -> Opinion:
    """An opinion ``user`` may answer, with what the write services and :func:`can_answer` read (its
    meeting with its unit, its unit); else 404, like a missing one.

    Read by its key and checked here rather than through :func:`visible_opinions`: whoever may answer an
    opinion may see it (each branch of :func:`can_answer` is a branch of :func:`opinions_q`; a test
    keeps the two in step), and compiling and planning that filter was most of a note post's time
    (issue 17, S6)."""
    opinion = get_or_404(Opinion.objects.select_related("meeting", "meeting__unit", "unit"), pk=pk)
    require(can_answer(user, opinion))
    return opinion


def can_register_at(user, unit, meeting=None) -> bool:
    """Staff registering an opinion for a unit (API, other processes): the unit must lie in the subtree
    they manage and the meeting, when given, must be one they manage."""
    if meeting is not None and not can_manage(user, meeting):
        return False
    scope = scope_for(user)
    return scope.is_admin or scope.covers_path(unit.scope_path, *MANAGER_ROLES)


def can_answer_group(user, group: IssueGroup) -> bool:
    scope = scope_for(user)
    if scope.is_admin or can_manage(user, group.meeting):
        return True
    return bool(group.responder_organ_id and group.responder_organ_id in scope.organ_ids(Role.RESPONDER))


def answer_or_404(user, pk) -> Answer:
    answer = get_or_404(Answer.objects.select_related("opinion", "opinion__meeting", "opinion__unit"), pk=pk)
    require(visible_opinions(user).filter(pk=answer.opinion_id).exists() and can_answer(user, answer.opinion))
    return answer


def show_author(opinion: Opinion) -> bool:
    """Anonymous opinions have no author to show, for every role."""
    return not opinion.anonymous


def meeting_opinions(user, meeting) -> QuerySet[Opinion]:
    """The opinions of ``meeting`` the user may see; its managers see all of them (a cheaper query)."""
    if can_manage(user, meeting):
        return Opinion.objects.filter(meeting=meeting)
    return visible_opinions(user).filter(meeting=meeting)


def listed_opinions(user, meeting_param: str = "") -> QuerySet[Opinion]:
    """What a list of opinions starts from: one meeting's (see :func:`meeting_opinions`) when the list
    is filtered to a meeting, else every opinion the user may see."""
    if meeting_param.isdigit():
        # Only what can_manage reads: not the meeting's agenda and minutes on every list load.
        meeting = Meeting.objects.select_related("unit").only("unit__scope_path").filter(pk=int(meeting_param)).first()
        if meeting is not None:
            return meeting_opinions(user, meeting)
    return visible_opinions(user)


def visible_drafts(user) -> QuerySet[DraftPolicy]:
    """Draft policies: admins; leaders and secretaries over the draft's unit; responders of the body drafting it."""
    scope = scope_for(user)
    qs = DraftPolicy.objects.all()
    if scope.is_admin:
        return qs
    if not scope.is_authenticated:
        return qs.none()
    q = unit_q(scope, "unit", *MANAGER_ROLES)
    organs = scope.organ_ids(Role.RESPONDER)
    if organs:
        q |= Q(owner_organ_id__in=organs)
    return qs.filter(q)


def draft_or_404(user, pk) -> DraftPolicy:
    return get_or_404(visible_drafts(user).select_related("unit", "owner_organ"), pk=pk)


def can_manage_drafts_at(user, unit) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers_path(unit.scope_path, *MANAGER_ROLES)


def drafts_over(user, *units) -> QuerySet[DraftPolicy]:
    """The visible drafts an answer may take opinions of ``units`` into: those whose unit covers one of them."""
    paths = [u.scope_path for u in units if u is not None]
    drafts = visible_drafts(user).select_related("unit").only("pk", "unit__scope_path")
    ids = [d.pk for d in drafts if any(p.startswith(d.unit.scope_path) for p in paths)]
    return DraftPolicy.objects.filter(pk__in=ids).order_by("title")


def drafts_for_opinion(user, opinion: Opinion) -> QuerySet[DraftPolicy]:
    return drafts_over(user, opinion.unit, opinion.meeting.unit if opinion.meeting_id else None)
