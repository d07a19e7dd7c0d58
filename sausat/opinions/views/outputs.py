"""Meeting outputs: summary, live board, public results page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render

from sausat.meetings import policy as meeting_policy
from sausat.meetings.models import RESULTS_STATUSES
from sausat.opinions import draft_selectors, policy
from sausat.opinions.models import Answer, Channel, IssueGroup
from sausat.opinions.summary import summarise

BOARD_CHANNELS = (Channel.LIVE, Channel.ONLINE)


@login_required
def summary(request, meeting_pk: int):
    meeting = meeting_policy.meeting_or_404(request.user, meeting_pk)
    opinions = policy.meeting_opinions(request.user, meeting)
    s = summarise(opinions)
    return render(
        request,
        "opinions/summary.html",
        {
            "meeting": meeting,
            "s": s,
            "chart_data": s.chart_data(),
            "can_manage": meeting_policy.can_manage(request.user, meeting),
        },
    )


def _board_items(meeting, since: int):
    return list(
        meeting.opinions.filter(channel__in=BOARD_CHANNELS, pk__gt=since, merged_into__isnull=True)
        .select_related("group")
        .order_by("id")[:200]
    )


@login_required
def board(request, meeting_pk: int):
    """The chair's screen: direct and online opinions by issue group, refreshed every 2 s."""
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    groups = list(IssueGroup.objects.filter(meeting=meeting))
    recent = list(
        meeting.opinions.filter(channel__in=BOARD_CHANNELS, merged_into__isnull=True)
        .select_related("group")
        .order_by("-id")[:300]
    )
    recent.reverse()
    by_group: dict = {g.pk: [] for g in groups}
    by_group[None] = []
    for o in recent:
        by_group.setdefault(o.group_id, []).append(o)
    columns = [(g, by_group.get(g.pk, [])) for g in groups] + [(None, by_group[None])]
    last_id = recent[-1].pk if recent else 0
    return render(
        request,
        "opinions/board.html",
        {"meeting": meeting, "columns": columns, "last_id": last_id, "counts": _counts(meeting)},
    )


def _counts(meeting) -> dict:
    rows = (
        meeting.opinions.filter(channel__in=BOARD_CHANNELS, merged_into__isnull=True)
        .values("channel")
        .annotate(n=Count("id"))
    )
    return {r["channel"]: r["n"] for r in rows}


@login_required
def board_since(request, meeting_pk: int):
    """HTMX fragment: opinions newer than ``since``, appended to their group's column (out of band)."""
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    raw = request.GET.get("since", "0")
    since = int(raw) if raw.isdigit() else 0
    items = _board_items(meeting, since)
    grouped: dict = {}
    for o in items:
        grouped.setdefault(o.group_id, []).append(o)
    last_id = items[-1].pk if items else since
    return render(
        request,
        "opinions/_board_since.html",
        {
            "meeting": meeting,
            "grouped": grouped.items(),
            "last_id": last_id,
            "counts": _counts(meeting),
            "new": bool(items),
        },
    )


def _results_page(request, meeting, *, preview: bool):
    answers = (
        Answer.objects.filter(opinion__meeting=meeting, published=True, opinion__deleted_at__isnull=True)
        .select_related("opinion", "opinion__group", "opinion__unit", "opinion__author_person", "answered_by_organ")
        .order_by("opinion__group__sort_order", "opinion_id", "id")
    )
    page = Paginator(answers, 50).get_page(request.GET.get("page"))
    taken_in = draft_selectors.taken_into_drafts(meeting, published_only=True)
    return render(
        request, "opinions/results.html", {"meeting": meeting, "page": page, "preview": preview, "taken_in": taken_in}
    )


def public_results(request, ref: str):
    """Public page, reached only by the meeting's random reference once its results are published.
    Authors appear by name only with their consent; anonymous opinions show no one."""
    response = _results_page(request, meeting_policy.published_results_or_404(ref), preview=False)
    # Reachable by link only: keep it out of search engines too.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def results(request, meeting_pk: int):
    """The old address by sequential id. The public gets 404 (ids are guessable); a signed-in reader
    of a published meeting is sent to the public address; its managers get a preview before publishing."""
    if not request.user.is_authenticated:
        raise Http404
    meeting = meeting_policy.meeting_or_404(request.user, meeting_pk)
    if meeting.results_published and meeting.status in RESULTS_STATUSES:
        return redirect("meetings:public_results", meeting.results_ref)
    if not meeting_policy.can_manage(request.user, meeting):
        raise Http404
    return _results_page(request, meeting, preview=True)
