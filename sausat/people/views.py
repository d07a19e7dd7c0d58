from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from sausat.people import policy, selectors


def directory(request):
    query = request.GET.get("q", "")
    page = Paginator(selectors.search_persons(request.user, query), 25).get_page(request.GET.get("page"))
    context = {"query": query, "page": page}
    if request.htmx:
        return render(request, "people/_person_rows.html", context)
    return render(request, "people/directory.html", context)


def person_detail(request, pk: int):
    person = policy.person_or_404(request.user, pk)
    positions = person.positions.select_related("organ", "unit").order_by("sort_order", "start_date")
    return render(request, "people/person_detail.html", {"person": person, "positions": positions})
