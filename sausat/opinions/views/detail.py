"""One opinion's page. The answer form is not part of it until asked for: its organ and draft lists
cost more than the rest of the page together (issue 17). The page's button fetches the form with HTMX
from the answer URL; without JavaScript the same button is a link to the page with the form inline.
The history, at the bottom, comes the same way when it is scrolled to (``?lich-su=1``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.shortcuts import render

from sausat.core.calendar import local_date
from sausat.core.policy import require
from sausat.core.timeline import timeline
from sausat.opinions import policy, selectors
from sausat.opinions.forms import AnswerForm, NoteForm, PetitionForm, record_day
from sausat.opinions.models import Outcome
from sausat.opinions.rules import answer_rule_on

DETAIL_PER_PAGE = 20
# "?tra-loi=1": the page with the answer form inline (links from the inbox, browsers without JavaScript).
WITH_FORM = "tra-loi"
# "?lich-su=1": the page with its history inline; with HTMX, the history alone (fetched when scrolled to).
WITH_HISTORY = "lich-su"


def section_page(qs, number, count: int | None) -> Page:
    """The page ``number`` of ``qs``; ``count``, when the opinion's query brought it, spares the COUNT
    (and an empty list is not asked for at all)."""
    paginator = Paginator(qs, DETAIL_PER_PAGE)
    if count is not None:
        paginator.count = count  # a cached_property
    return paginator.get_page(number)


def answer_form_for(user, opinion, data=None) -> AnswerForm:
    return AnswerForm(data, unit=opinion.unit, on=record_day(opinion), drafts=policy.drafts_for_opinion(user, opinion))


@login_required
def detail(request, pk: int):
    """One opinion: its answers, follow-up notes and history, each newest first, 20 at a time. The
    history is below the fold: the page fetches it when it is scrolled to (HTMX)."""
    with_history = request.GET.get(WITH_HISTORY) == "1"
    if with_history and request.htmx:
        opinion = selectors.opinion_page_or_404(request.user, pk, counts=False)
        require(policy.can_answer(request.user, opinion))
        return render(request, "opinions/_history.html", {"opinion": opinion, **_history(opinion)})
    opinion = selectors.opinion_page_or_404(request.user, pk)
    return render_detail(request, opinion, with_form=request.GET.get(WITH_FORM) == "1", with_history=with_history)


def _history(opinion) -> dict:
    # Its own rows and those of the writes that touched it (answers, notes, moves, the task made from it).
    history = selectors.opinion_history(opinion, DETAIL_PER_PAGE)
    return {"history": history, "timeline": timeline(history, opinion) if history else None}


def render_detail(
    request, opinion, *, answer_form: AnswerForm | None = None, with_form: bool = False, with_history: bool = False
):
    """The page of ``opinion`` (from :func:`selectors.opinion_page_or_404`); the answer form inline
    when ``with_form`` or when given (a posted form with its errors), the history when ``with_history``."""
    answers = section_page(
        selectors.answers_of(opinion), request.GET.get("answers_page"), getattr(opinion, "page_answers", None)
    )
    merged = getattr(opinion, "page_merged", True)
    duplicates = selectors.duplicates_of(request.user, opinion) if merged else []
    # Linked objects are shown only through their own app's policy (issue 11).
    tasks = selectors.linked_tasks(request.user, opinion)
    can_answer = policy.can_answer(request.user, opinion)
    notes = None
    history: dict = {"history": None, "timeline": None}
    if can_answer:
        notes = section_page(
            selectors.notes_of(opinion), request.GET.get("notes_page"), getattr(opinion, "page_notes", None)
        )
        if with_history:
            history = _history(opinion)
        # The empty petition form under each open petition, with ids of its own answer (no id repeats).
        answers.object_list = list(answers.object_list)  # the same instances in the template
        for a in answers.object_list:
            if a.outcome == Outcome.PETITIONED and not a.petition_closed_on:
                a.petition_form_html = PetitionForm(auto_id=f"petition-{a.pk}-%s").as_div()
        if answer_form is None and with_form:
            answer_form = answer_form_for(request.user, opinion)
    context = {
        "opinion": opinion,
        "answers": answers,
        "duplicates": duplicates,
        "tasks": tasks,
        "meeting": selectors.linked_meeting(request.user, opinion),
        "notes": notes,
        **history,
        "can_answer": can_answer,
        "answer_form": answer_form if can_answer else None,
        # Its own element ids: the answer form has a "text" field too.
        "note_form": NoteForm(auto_id="note-%s") if can_answer else None,
        "show_author": policy.show_author(opinion),
        # Which answer period applies, and on what basis (a dated setting, docs/rules.md).
        "answer_rule": answer_rule_on(local_date(opinion.created_at), opinion.unit),
    }
    return render(request, "opinions/detail.html", context)
