"""The register, one opinion, and the responder's queue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import render

from sausat.core.calendar import local_date
from sausat.core.policy import scope_for
from sausat.opinions import policy
from sausat.opinions.forms import AnswerForm, PetitionForm
from sausat.opinions.models import Channel, IssueGroup, Outcome
from sausat.people.models import Role
from sausat.textkit.normalize import search_key

LIST_RELATED = ("meeting", "unit", "author_person", "group", "responder_organ")
PER_PAGE = 50


def opinion_page(request, qs, per_page: int = PER_PAGE):
    qs = qs.select_related(*LIST_RELATED).order_by("-id")
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def _today():
    from django.utils import timezone

    return local_date(timezone.now())


def filter_opinions(qs, params):
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
        qs = qs.filter(outcome="", deadline__lt=_today())
    if params.get("meeting", "").isdigit():
        qs = qs.filter(meeting_id=int(params["meeting"]))
    return qs


@login_required
def register(request):
    qs = filter_opinions(policy.visible_opinions(request.user), request.GET)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": opinion_page(request, qs),
        "params": params.urlencode(),
        "query": request.GET.get("q", ""),
        "channels": Channel.choices,
        "outcomes": Outcome.choices,
        "current": request.GET,
    }
    if request.htmx:
        return render(request, "opinions/_opinion_rows.html", context)
    return render(request, "opinions/register.html", context)


@login_required
def detail(request, pk: int):
    opinion = policy.opinion_or_404(request.user, pk)
    answers = list(
        opinion.answers.select_related("answered_by_person", "answered_by_organ", "directed_organ").order_by(
            "answered_at", "id"
        )
    )
    duplicates = list(policy.visible_opinions(request.user).filter(merged_into=opinion).select_related("author_person"))
    tasks = []
    if hasattr(opinion, "directed_tasks"):
        tasks = list(opinion.directed_tasks.all()[:50])
    can_answer = policy.can_answer(request.user, opinion)
    context = {
        "opinion": opinion,
        "answers": answers,
        "duplicates": duplicates,
        "tasks": tasks,
        "can_answer": can_answer,
        "answer_form": AnswerForm(unit=opinion.unit) if can_answer else None,
        "petition_form": PetitionForm(),
        "show_author": policy.show_author(opinion),
    }
    return render(request, "opinions/detail.html", context)


@login_required
def queue(request):
    """What the user's organ must answer, soonest deadline first; overdue flagged."""
    scope = scope_for(request.user)
    organs = scope.organ_ids(Role.RESPONDER)
    qs = policy.visible_opinions(request.user).filter(responder_organ__isnull=False, merged_into__isnull=True)
    if organs and not scope.has_role(Role.LEADER, Role.SECRETARY):
        qs = qs.filter(responder_organ_id__in=organs)
    if request.GET.get("all") != "1":
        qs = qs.filter(outcome="")
    qs = qs.select_related(*LIST_RELATED).order_by(F("deadline").asc(nulls_last=True), "id")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    groups = (
        policy.visible_groups(request.user)
        .filter(responder_organ__isnull=False)
        .select_related("meeting", "responder_organ")
        .annotate(open_count=Count("opinions", filter=Q(opinions__outcome="", opinions__deleted_at__isnull=True)))
        .filter(open_count__gt=0)
        .order_by("deadline", "id")
    )
    if organs and not scope.has_role(Role.LEADER, Role.SECRETARY):
        groups = groups.filter(responder_organ_id__in=organs)
    return render(
        request,
        "opinions/queue.html",
        {"page": page, "groups": list(groups[:50]), "today": _today(), "show_all": request.GET.get("all") == "1"},
    )


def group_rows(meeting):
    return list(
        IssueGroup.objects.filter(meeting=meeting)
        .select_related("responder_organ")
        .annotate(
            n=Count("opinions", filter=Q(opinions__deleted_at__isnull=True)),
            answered=Count("opinions", filter=~Q(opinions__outcome="") & Q(opinions__deleted_at__isnull=True)),
            overdue=Count(
                "opinions",
                filter=Q(opinions__outcome="", opinions__deadline__lt=_today(), opinions__deleted_at__isnull=True),
            ),
        )
    )
