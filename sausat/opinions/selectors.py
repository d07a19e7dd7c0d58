"""Reads on the opinion register: the register's filters and sorts, one opinion's page, the responder's
queue, and what other apps read (the latest answer, linked meeting and tasks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from sausat.core.actors import Viewer
from sausat.core.calendar import local_date
from sausat.core.models import AuditEvent
from sausat.core.policy import get_or_404, scope_for
from sausat.core.selectors import history_for
from sausat.meetings.models import Meeting
from sausat.opinions import figures, policy
from sausat.opinions.hooks import linked_exists, linked_reader
from sausat.opinions.models import Answer, Channel, FollowUpNote, IssueGroup, Opinion, Outcome
from sausat.people.models import Role
from sausat.textkit.normalize import search_key


def latest_answer(opinion: Opinion) -> Answer | None:
    """The most recent answer to ``opinion`` (uses prefetched ``answers`` when present)."""
    cache = getattr(opinion, "_prefetched_objects_cache", {})
    if "answers" in cache:
        answers = [a for a in cache["answers"] if a.deleted_at is None]
        return max(answers, key=lambda a: (a.answered_at, a.pk), default=None)
    return Answer.objects.filter(opinion=opinion).order_by("-answered_at", "-id").first()


def linked_meeting(user: Viewer, opinion: Opinion) -> Meeting | None:
    """The opinion's meeting when the meetings policy lets ``user`` open it, else None: a reader who
    may see the opinion is not thereby allowed to learn the meeting's title."""
    if opinion.meeting_id is None:
        return None
    from sausat.meetings.policy import can_manage, visible_meetings

    # Its managers see it (visible_meetings holds the same unit rule): no query for the office's pages
    # when the opinion came with its meeting (policy.opinion_or_404 selects it).
    cached: Meeting | None = opinion._state.fields_cache.get("meeting")
    if cached is not None and cached.deleted_at is None and can_manage(user, cached):
        return cached
    return visible_meetings(user).filter(pk=opinion.meeting_id).first()


def linked_tasks(user: Viewer, opinion: Opinion, limit: int = 50) -> list[Any]:
    """Tasks directed from the opinion that the directives policy lets ``user`` open (none when no
    app registered a ``tasks`` reader, see :mod:`sausat.opinions.hooks`)."""
    reader = linked_reader("tasks")
    if reader is None or getattr(opinion, "page_tasks", True) is False:  # no task was made from it
        return []
    return reader(user, opinion, limit)


# --- The register: filters and sorts (the pages and the API share them) -------------------------

# Related rows every list of opinions shows.
LIST_RELATED = ("meeting", "unit", "author_person", "group", "responder_organ")
# What an item of the JSON list (sausat.opinions.api.OpinionOut) reads: the meeting row, its agenda
# and minutes and the other columns of five related rows cost more to plan and fetch than the page.
API_RELATED = ("unit", "author_person", "group", "responder_organ")
API_FIELDS = (
    *("meeting", "channel", "text", "anonymous", "author_name", "merged_into", "deadline", "outcome"),
    *("answered_at", "answer_count", "created_at", *API_RELATED),
    *("unit__code", "author_person__full_name", "group__title", "responder_organ__name"),
)

# "sort" values of the register: newest first (default), most answered, unanswered first.
SORTS = {
    "": ("-id",),
    "answers": ("-answer_count", "-id"),
    "unanswered": (F("answered_at").desc(nulls_first=True), "-id"),
}


def today() -> dt.date:
    return local_date(timezone.now())


def sorted_opinions(qs: QuerySet[Opinion], sort: str = "") -> QuerySet[Opinion]:
    return qs.order_by(*SORTS.get(sort, SORTS[""]))


def filter_opinions(qs: QuerySet[Opinion], params: Mapping[str, str]) -> QuerySet[Opinion]:
    """The register's filters, from query parameters: ``q`` (diacritics-free search), ``channel``,
    ``outcome`` ("none": unanswered), ``overdue=1``, ``meeting``, ``group`` ("none": outside any group).
    Unknown values are ignored. ``qs`` is already scoped by :mod:`sausat.opinions.policy`."""
    query = params.get("q", "").strip()
    if query:
        qs = qs.filter(search_key__contains=search_key(query))
    if params.get("channel") in Channel.values:
        qs = qs.filter(channel=params["channel"])
    if params.get("outcome") in Outcome.values:
        qs = qs.filter(outcome=params["outcome"])
    elif params.get("outcome") == "none":
        qs = qs.filter(outcome="")
    if params.get("overdue") == "1":
        qs = qs.filter(figures.overdue_q(today()))
    if params.get("meeting", "").isdigit():
        qs = qs.filter(meeting_id=int(params["meeting"]))
    group = params.get("group", "")
    if group.isdigit():
        qs = qs.filter(group_id=int(group))
    elif group == "none":
        qs = qs.filter(group__isnull=True)
    return qs


def register_opinions(user: Viewer, params: Mapping[str, str]) -> QuerySet[Opinion]:
    """The register as ``user`` may see it, filtered and sorted by the query parameters (the page reads its
    rows as values: ``list_rows.rows_of``)."""
    qs = filter_opinions(policy.listed_opinions(user, params.get("meeting", "")), params)
    return sorted_opinions(qs, params.get("sort", ""))


def meeting_groups(user: Viewer, meeting_param: str) -> list[IssueGroup]:
    """The issue groups of the meeting a list is filtered to, for the group filter."""
    if not meeting_param.isdigit():
        return []
    groups = policy.visible_groups(user).filter(meeting_id=int(meeting_param)).order_by("sort_order", "id")
    return list(groups.only("title"))  # the filter shows the title; the id is its value


def group_rows(meeting: Meeting) -> list[IssueGroup]:
    """A meeting's issue groups with their counts: opinions, answered, overdue."""
    counts = figures.count_annotations(today(), "opinions__", live=Q(opinions__deleted_at__isnull=True))
    return list(
        IssueGroup.objects.filter(meeting=meeting)
        .select_related("responder_organ")
        .annotate(n=counts["n"], answered=counts["answered"], overdue=counts["overdue"])
    )


# --- One opinion's page -------------------------------------------------------------------------

# What the page and its answer form read of the opinion's related rows: not its author's unit nor the
# opinion it was merged into (their ids do). Each join more costs PostgreSQL planning time on the
# scoped query, past eight tables most of all (issue 17).
PAGE_RELATED = ("meeting", "meeting__unit", "unit", "author_person", "group", "responder_organ")


def _count_of(model: type[Answer] | type[FollowUpNote]) -> Coalesce:
    rows = model.objects.filter(opinion=OuterRef("pk")).order_by().values("opinion")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def opinion_page_or_404(user: Viewer, pk: int, *, counts: bool = True) -> Opinion:
    """The opinion as :func:`policy.opinion_or_404` gives it, with the related rows of its page and,
    with ``counts``, its live answers and notes (``page_answers``, ``page_notes``) and whether opinions
    were merged into it (``page_merged``): in the same query, so the page asks no COUNT and skips
    the lists that are empty."""
    qs = policy.visible_opinions(user).select_related(*PAGE_RELATED)
    if counts:
        qs = qs.annotate(
            page_answers=_count_of(Answer),
            page_notes=_count_of(FollowUpNote),
            page_merged=Exists(Opinion.objects.filter(merged_into=OuterRef("pk"))),
        )
        tasks_exist = linked_exists("tasks")
        if tasks_exist is not None:
            qs = qs.annotate(page_tasks=tasks_exist())
    return get_or_404(qs, pk=pk)


def opinion_to_act_on_or_404(user: Viewer, pk: int) -> Opinion:
    """The opinion as :func:`policy.opinion_or_404` gives it, with only its meeting with its unit and its
    unit: the answers' JSON list does not pay for the eight-table join of the page (issue 17, S5). What
    only those who may answer reach (notes) uses :func:`policy.answerable_opinion_or_404`."""
    return get_or_404(policy.visible_opinions(user).select_related("meeting", "meeting__unit", "unit"), pk=pk)


def answers_of(opinion: Opinion) -> QuerySet[Answer]:
    """The opinion's answers, newest first."""
    return opinion.answers.select_related("answered_by_person", "answered_by_organ", "directed_organ").order_by(
        "-answered_at", "-id"
    )


def notes_of(opinion: Opinion) -> QuerySet[FollowUpNote]:
    """The opinion's follow-up notes, newest first (internal: the caller checks ``policy.can_answer``)."""
    return opinion.notes.order_by("-created_at", "-id")


def duplicates_of(user: Viewer, opinion: Opinion, limit: int = 50) -> list[Opinion]:
    """The opinions merged into ``opinion`` that ``user`` may see."""
    return list(policy.visible_opinions(user).filter(merged_into=opinion).select_related("author_person")[:limit])


def opinion_history(opinion: Opinion, limit: int) -> list[AuditEvent]:
    """The latest audit rows of the opinion and of the writes that touched it (answers, notes, moves
    between groups, the task made from it), newest first (internal: the caller checks ``policy.can_answer``)."""
    return list(history_for(opinion)[:limit])


# --- The responder's queue ----------------------------------------------------------------------


def _queue_organs(user: Viewer) -> list[int] | None:
    """The responder organs whose queue ``user`` sees; None: every organ in scope (office, leaders)."""
    scope = scope_for(user)
    organs = scope.organ_ids(Role.RESPONDER)
    if organs and not scope.has_role(Role.LEADER, Role.SECRETARY):
        return list(organs)
    return None


def queue_opinions(user: Viewer, *, show_all: bool = False) -> QuerySet[Opinion]:
    """What the user's organ must answer (all of it with ``show_all``), soonest deadline first (the page
    reads its rows as values: ``list_rows.rows_of``)."""
    qs = policy.visible_opinions(user).filter(responder_organ__isnull=False, merged_into__isnull=True)
    organs = _queue_organs(user)
    if organs is not None:
        qs = qs.filter(responder_organ_id__in=organs)
    if not show_all:
        qs = qs.filter(outcome="")
    return qs.order_by(F("deadline").asc(nulls_last=True), "id")


def queue_groups(user: Viewer, limit: int = 50) -> QuerySet[IssueGroup]:
    """Assigned issue groups with open opinions (``open_count``), soonest deadline first (the queue page
    reads them as values: ``list_rows.group_rows_of``)."""
    # A count per group from the partial index ``opinion_open_by_group``, rather than joining every
    # opinion of the groups and grouping by the wide meeting and organ rows (issue 17).
    open_opinions = (
        Opinion.objects.filter(group=OuterRef("pk"), outcome="")
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    groups = (
        policy.visible_groups(user)
        .filter(responder_organ__isnull=False)
        .annotate(open_count=Coalesce(Subquery(open_opinions), 0))
        .filter(open_count__gt=0)
        .order_by("deadline", "id")
    )
    organs = _queue_organs(user)
    if organs is not None:
        groups = groups.filter(responder_organ_id__in=organs)
    return groups[:limit]
