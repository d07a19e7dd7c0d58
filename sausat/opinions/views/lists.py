"""The register, one opinion, and the responder's queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sausat.core.calendar import local_date
from sausat.core.models import AuditEvent
from sausat.core.policy import scope_for
from sausat.opinions import policy, selectors, services
from sausat.opinions.forms import AnswerForm, NoteForm, PetitionForm
from sausat.opinions.models import Channel, IssueGroup, Outcome
from sausat.people.models import Role
from sausat.textkit.normalize import search_key

LIST_RELATED = ("meeting", "unit", "author_person", "group", "responder_organ")
PER_PAGE = 50


# "sort" values of the register: newest first (default), most answered, unanswered first.
SORTS = {
    "": ("-id",),
    "answers": ("-answer_count", "-id"),
    "unanswered": (F("answered_at").desc(nulls_first=True), "-id"),
}
SORT_CHOICES = [("", _("Mới nhất")), ("answers", _("Được trả lời nhiều nhất")), ("unanswered", _("Chưa trả lời trước"))]
DETAIL_PER_PAGE = 20


def sorted_opinions(qs, sort: str = ""):
    return qs.order_by(*SORTS.get(sort, SORTS[""]))


def opinion_page(request, qs, per_page: int = PER_PAGE):
    qs = sorted_opinions(qs.select_related(*LIST_RELATED), request.GET.get("sort", ""))
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
    group = params.get("group", "")
    if group.isdigit():
        qs = qs.filter(group_id=int(group))
    elif group == "none":
        qs = qs.filter(group__isnull=True)
    return qs


@login_required
def register(request):
    qs = filter_opinions(policy.listed_opinions(request.user, request.GET.get("meeting", "")), request.GET)
    params = request.GET.copy()
    params.pop("page", None)
    meeting_id = request.GET.get("meeting", "")
    groups = []
    if meeting_id.isdigit():
        groups = list(
            policy.visible_groups(request.user).filter(meeting_id=int(meeting_id)).order_by("sort_order", "id")
        )
    context = {
        "page": opinion_page(request, qs),
        "params": params.urlencode(),
        "query": request.GET.get("q", ""),
        "channels": Channel.choices,
        "outcomes": Outcome.choices,
        "groups": groups,
        "sorts": SORT_CHOICES,
        "current": request.GET,
    }
    if request.htmx:
        return render(request, "opinions/_opinion_rows.html", context)
    return render(request, "opinions/register.html", context)


@login_required
def detail(request, pk: int):
    """One opinion: its answers, follow-up notes and history, each newest first, 20 at a time."""
    opinion = policy.opinion_or_404(request.user, pk)
    answers = Paginator(
        opinion.answers.select_related("answered_by_person", "answered_by_organ", "directed_organ").order_by(
            "-answered_at", "-id"
        ),
        DETAIL_PER_PAGE,
    ).get_page(request.GET.get("answers_page"))
    duplicates = list(
        policy.visible_opinions(request.user).filter(merged_into=opinion).select_related("author_person")[:50]
    )
    # Linked objects are shown only through their own app's policy (issue 11).
    tasks = selectors.linked_tasks(request.user, opinion)
    can_answer = policy.can_answer(request.user, opinion)
    notes = history = None
    if can_answer:
        notes = Paginator(opinion.notes.order_by("-created_at", "-id"), DETAIL_PER_PAGE).get_page(
            request.GET.get("notes_page")
        )
        history = list(
            AuditEvent.objects.filter(object_type="opinions.opinion", object_id=str(opinion.pk)).order_by("-at", "-id")[
                :DETAIL_PER_PAGE
            ]
        )
    context = {
        "opinion": opinion,
        "answers": answers,
        "duplicates": duplicates,
        "tasks": tasks,
        "meeting": selectors.linked_meeting(request.user, opinion),
        "notes": notes,
        "history": history,
        "can_answer": can_answer,
        "answer_form": AnswerForm(unit=opinion.unit) if can_answer else None,
        "note_form": NoteForm() if can_answer else None,
        # Rendered once: the same empty form sits under every open petition on the page.
        "petition_form_html": PetitionForm().as_div() if can_answer else "",
        "show_author": policy.show_author(opinion),
    }
    return render(request, "opinions/detail.html", context)


@login_required
@require_POST
def add_note(request, pk: int):
    opinion = policy.opinion_or_404(request.user, pk)
    if not policy.can_answer(request.user, opinion):
        raise Http404
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(actor=request.user, opinion=opinion, text=form.cleaned_data["text"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã ghi chú theo dõi."))
    else:
        messages.error(request, _("Ghi chú không hợp lệ: vui lòng nhập nội dung (tối đa 10.000 ký tự)."))
    return redirect(reverse("opinions:detail", args=[opinion.pk]) + "#notes")


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
