"""One opinion's page. The answer form is not part of it until asked for: its organ and draft lists
cost more than the rest of the page together (issue 17). The page's button fetches the form with HTMX
from the answer URL; without JavaScript the same button is a link to the page with the form inline.
The history, at the bottom, comes the same way when it is scrolled to (``?lich-su=1``).

A plain load (no form, no history inline) takes the page's body from the process cache, kept like the
lists' (:mod:`sausat.opinions.list_cache`): under the reader and the grants this request read, the
opinion, the answers' and notes' page numbers, the day and the versions of what the body reads
(:data:`PAGE_DATA` and the linked readers' data). An entry exists only for an opinion the reader could
open under those grants and versions, so a hit needs no scope query; an opinion out of scope is never
cached and answers 404 as before. The body's forms carry :data:`CSRF_MARK` in place of the token, put
back for the request on every load (a token is per browser, rotated at sign-in)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sausat.core.calendar import local_date
from sausat.core.data_versions import cached_markup
from sausat.core.policy import require
from sausat.core.timeline import timeline
from sausat.opinions import policy, selectors
from sausat.opinions.forms import AnswerForm, NoteForm, PetitionForm, record_day
from sausat.opinions.hooks import linked_data
from sausat.opinions.list_cache import LIST_DATA, LIST_SECONDS, reader_parts
from sausat.opinions.models import Outcome
from sausat.opinions.rules import answer_rule_on

DETAIL_PER_PAGE = 20
# "?tra-loi=1": the page with the answer form inline (links from the inbox, browsers without JavaScript).
WITH_FORM = "tra-loi"
# "?lich-su=1": the page with its history inline; with HTMX, the history alone (fetched when scrolled to).
WITH_HISTORY = "lich-su"
# What the body reads beyond the lists' data: the dated answer-period setting.
PAGE_DATA = (*LIST_DATA, "settings")
CSRF_MARK = "csrf-token-of-this-request"


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
    with_form = request.GET.get(WITH_FORM) == "1"
    if with_form or with_history:
        opinion = selectors.opinion_page_or_404(request.user, pk)
        return render_detail(request, opinion, with_form=with_form, with_history=with_history)
    return render(request, "opinions/detail.html", {"pk": pk, "body": _cached_body(request, pk)})


def _cached_body(request, pk: int) -> SafeString:
    def build() -> SafeString:
        opinion = selectors.opinion_page_or_404(request.user, pk)
        context = {**detail_context(request, opinion), "csrf_token": CSRF_MARK}
        return SafeString(render_to_string("opinions/_detail_body.html", context, request=request))

    pages = (request.GET.get("answers_page", ""), request.GET.get("notes_page", ""))
    parts = ("page", reader_parts(request.user), pk, pages)
    body = cached_markup("opinions.page", PAGE_DATA + linked_data(), parts, build, seconds=LIST_SECONDS)
    return SafeString(body.replace(CSRF_MARK, get_token(request))) if CSRF_MARK in body else body


def _history(opinion) -> dict:
    # Its own rows and those of the writes that touched it (answers, notes, moves, the task made from it).
    history = selectors.opinion_history(opinion, DETAIL_PER_PAGE)
    return {"history": history, "timeline": timeline(history, opinion) if history else None}


def render_detail(
    request, opinion, *, answer_form: AnswerForm | None = None, with_form: bool = False, with_history: bool = False
):
    """The page of ``opinion`` (from :func:`selectors.opinion_page_or_404`); the answer form inline
    when ``with_form`` or when given (a posted form with its errors), the history when ``with_history``."""
    context = detail_context(request, opinion, answer_form=answer_form, with_form=with_form, with_history=with_history)
    return render(request, "opinions/detail.html", {"pk": opinion.pk, **context})


def detail_context(
    request, opinion, *, answer_form: AnswerForm | None = None, with_form: bool = False, with_history: bool = False
) -> dict:
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
    return {
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
