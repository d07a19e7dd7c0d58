"""The register, notes on one opinion, and the responder's queue (the opinion's page: ``detail``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sausat.opinions import list_cache, policy, selectors, services
from sausat.opinions.forms import NoteForm
from sausat.opinions.models import Channel, Outcome

PER_PAGE = list_cache.PER_PAGE
SORT_CHOICES = [("", _("Mới nhất")), ("answers", _("Được trả lời nhiều nhất")), ("unanswered", _("Chưa trả lời trước"))]


def opinion_page(request, qs, per_page: int = PER_PAGE):
    """One page of ``qs`` (already scoped), sorted by the request's ``sort``."""
    qs = selectors.sorted_opinions(qs.select_related(*selectors.LIST_RELATED), request.GET.get("sort", ""))
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


@login_required
def register(request):
    body = list_cache.register_body(request.user, request.GET)
    if request.htmx:
        return HttpResponse(body.rows)
    context = {
        "rows": body.rows,
        "query": request.GET.get("q", ""),
        "channels": Channel.choices,
        "outcomes": Outcome.choices,
        "groups": body.groups,
        "sorts": SORT_CHOICES,
        "current": request.GET,
    }
    return render(request, "opinions/register.html", context)


@login_required
@require_POST
def add_note(request, pk: int):
    opinion = policy.answerable_opinion_or_404(request.user, pk)
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
    body = list_cache.queue_body(request.user, request.GET)
    return render(request, "opinions/queue.html", {"body": body, "show_all": request.GET.get("all") == "1"})
