"""The register, one opinion, and the responder's queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sausat.core.calendar import local_date
from sausat.core.timeline import timeline
from sausat.opinions import policy, selectors, services
from sausat.opinions.forms import AnswerForm, NoteForm, PetitionForm, record_day
from sausat.opinions.models import Channel, Outcome
from sausat.opinions.rules import answer_rule_on

PER_PAGE = 50
SORT_CHOICES = [("", _("Mới nhất")), ("answers", _("Được trả lời nhiều nhất")), ("unanswered", _("Chưa trả lời trước"))]
DETAIL_PER_PAGE = 20


def opinion_page(request, qs, per_page: int = PER_PAGE):
    """One page of ``qs`` (already scoped), sorted by the request's ``sort``."""
    qs = selectors.sorted_opinions(qs.select_related(*selectors.LIST_RELATED), request.GET.get("sort", ""))
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


@login_required
def register(request):
    qs = selectors.register_opinions(request.user, request.GET)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": Paginator(qs, PER_PAGE).get_page(request.GET.get("page")),
        "params": params.urlencode(),
        "query": request.GET.get("q", ""),
        "channels": Channel.choices,
        "outcomes": Outcome.choices,
        "groups": selectors.meeting_groups(request.user, request.GET.get("meeting", "")),
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
    answers = Paginator(selectors.answers_of(opinion), DETAIL_PER_PAGE).get_page(request.GET.get("answers_page"))
    duplicates = selectors.duplicates_of(request.user, opinion)
    # Linked objects are shown only through their own app's policy (issue 11).
    tasks = selectors.linked_tasks(request.user, opinion)
    can_answer = policy.can_answer(request.user, opinion)
    notes = history = None
    if can_answer:
        notes = Paginator(selectors.notes_of(opinion), DETAIL_PER_PAGE).get_page(request.GET.get("notes_page"))
        # Its own rows and those of the writes that touched it (answers, notes, moves, the task made from it).
        history = selectors.opinion_history(opinion, DETAIL_PER_PAGE)
    if can_answer:
        # The empty petition form under each open petition, with ids of its own answer (no id repeats).
        answers.object_list = list(answers.object_list)  # the same instances in the template
        for a in answers.object_list:
            if a.outcome == Outcome.PETITIONED and not a.petition_closed_on:
                a.petition_form_html = PetitionForm(auto_id=f"petition-{a.pk}-%s").as_div()
    context = {
        "opinion": opinion,
        "answers": answers,
        "duplicates": duplicates,
        "tasks": tasks,
        "meeting": selectors.linked_meeting(request.user, opinion),
        "notes": notes,
        "history": history,
        "timeline": timeline(history, opinion) if history else None,
        "can_answer": can_answer,
        "answer_form": AnswerForm(
            unit=opinion.unit, on=record_day(opinion), drafts=policy.drafts_for_opinion(request.user, opinion)
        )
        if can_answer
        else None,
        # Its own element ids: the answer form below has a "text" field too.
        "note_form": NoteForm(auto_id="note-%s") if can_answer else None,
        "show_author": policy.show_author(opinion),
        # Which answer period applies, and on what basis (a dated setting, docs/rules.md).
        "answer_rule": answer_rule_on(local_date(opinion.created_at), opinion.unit),
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
    show_all = request.GET.get("all") == "1"
    page = Paginator(selectors.queue_opinions(request.user, show_all=show_all), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "opinions/queue.html",
        {
            "page": page,
            "groups": selectors.queue_groups(request.user),
            "today": selectors.today(),
            "show_all": show_all,
        },
    )
