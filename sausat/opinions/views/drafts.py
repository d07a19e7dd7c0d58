"""Draft policies (đề án, chính sách): the list and one draft with its stages and the opinions taken into it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render

from sausat.opinions import draft_selectors, policy
from sausat.opinions.models import Outcome

PER_PAGE = 50


@login_required
def draft_list(request):
    drafts = (
        policy.visible_drafts(request.user)
        .select_related("unit", "owner_organ")
        .annotate(
            n_taken=Count(
                "accepted_answers__opinion",
                filter=Q(
                    accepted_answers__deleted_at__isnull=True, accepted_answers__outcome=Outcome.ACCEPTED_IN_POLICY
                ),
                distinct=True,
            )
        )
        .order_by("-id")
    )
    return render(request, "opinions/drafts.html", {"drafts": drafts})


@login_required
def draft_detail(request, pk: int):
    draft = policy.draft_or_404(request.user, pk)
    answers = draft_selectors.draft_answers(draft, policy.visible_opinions(request.user))
    page = Paginator(answers, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "opinions/draft_detail.html",
        {"draft": draft, "stages": draft.stages(), "page": page, "total": page.paginator.count},
    )
