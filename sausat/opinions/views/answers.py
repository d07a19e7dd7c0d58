"""Answering: one opinion, a whole group (each opinion keeps its own outcome), petitions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from sausat.core.calendar import local_date
from sausat.core.policy import require
from sausat.core.validation import add_service_errors
from sausat.opinions import policy, selectors, services
from sausat.opinions.forms import AnswerForm, PetitionForm
from sausat.opinions.models import Opinion, Outcome
from sausat.opinions.views.detail import WITH_FORM, answer_form_for, render_detail

_FIELDS = (
    "place",
    "directed_organ",
    "directed_deadline",
    "petition_authority",
    "petition_sent_on",
    "policy_name",
    "draft_policy",
    "rejection_reason",
    "published",
)


def _answer_kwargs(request, data) -> dict:
    person = getattr(request.user, "person", None)
    kwargs = {name: data.get(name) for name in _FIELDS}
    for name in ("petition_authority", "policy_name", "rejection_reason"):
        kwargs[name] = kwargs[name] or ""
    kwargs["published"] = bool(kwargs["published"])
    kwargs["answered_by_person"] = person
    return kwargs


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    """POST: record an answer; a form with errors comes back on the opinion's page, as typed. GET: the
    form alone, which the opinion's page fetches with HTMX (see ``detail``); without HTMX, that page
    with the form inline."""
    # The page's counts only for the page, which a refused answer shows again.
    opinion = selectors.opinion_page_or_404(request.user, pk, counts=request.method == "POST")
    require(policy.can_answer(request.user, opinion))
    if request.method == "GET":
        if request.htmx:
            form = answer_form_for(request.user, opinion)
            # The form replaces the button that asked for it: the cursor goes where the button was.
            form.fields["text"].widget.attrs["autofocus"] = True
            return render(request, "opinions/_answer_form.html", {"opinion": opinion, "answer_form": form})
        return redirect(f"{reverse('opinions:detail', args=[opinion.pk])}?{WITH_FORM}=1#answer-form")
    form = answer_form_for(request.user, opinion, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_opinion(
                actor=request.user,
                opinion=opinion,
                text=data["text"],
                outcome=data["outcome"],
                **_answer_kwargs(request, data),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận trả lời."))
            return redirect("opinions:detail", opinion.pk)
    messages.error(request, _("Vui lòng kiểm tra lại nội dung trả lời."))
    return render_detail(request, opinion, answer_form=form)


@login_required
def answer_group(request, pk: int):
    group = policy.group_or_404(request.user, pk)
    require(policy.can_answer_group(request.user, group))
    opinions = list(
        Opinion.objects.filter(group=group, merged_into__isnull=True).select_related("unit", "author_person")[:500]
    )
    form = AnswerForm(
        request.POST or None,
        unit=group.meeting.unit,
        on=local_date(group.meeting.starts_at),
        drafts=policy.drafts_over(request.user, group.meeting.unit),
        conditional=False,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcomes = {}
        for o in opinions:
            value = request.POST.get(f"outcome_{o.pk}", "")
            if value in Outcome.values:
                outcomes[o.pk] = value
        try:
            answers = services.answer_group(
                actor=request.user,
                group=group,
                text=data["text"],
                outcome=data["outcome"],
                outcomes=outcomes,
                **_answer_kwargs(request, data),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "Đã trả lời %(n)s ý kiến của nhóm “%(group)s”.",
                    "Đã trả lời %(n)s ý kiến của nhóm “%(group)s”.",
                    len(answers),
                )
                % {"n": len(answers), "group": group.title},
            )
            return redirect("opinions:queue")
    return render(
        request,
        "opinions/answer_group.html",
        {"group": group, "opinions": opinions, "form": form, "outcomes": Outcome.choices},
    )


@login_required
@require_POST
def petition(request, pk: int):
    answer_obj = policy.answer_or_404(request.user, pk)
    form = PetitionForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    try:
        services.update_petition(
            actor=request.user,
            answer=answer_obj,
            sent_on=data["sent_on"],
            reply=data["reply"] or None,
            reply_on=data["reply_on"],
            closed_on=data["closed_on"],
            reply_due=data.get("reply_due"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã cập nhật theo dõi kiến nghị."))
    return redirect("opinions:detail", answer_obj.opinion_id)


@login_required
@require_POST
def publish(request, pk: int):
    """Show or hide an answer on the meeting's public results page."""
    answer_obj = policy.answer_or_404(request.user, pk)
    published = request.POST.get("published") == "1"
    services.set_published(actor=request.user, answer=answer_obj, published=published)
    messages.success(request, _("Đã công bố trả lời.") if published else _("Đã thôi công bố trả lời."))
    return redirect("opinions:detail", answer_obj.opinion_id)
