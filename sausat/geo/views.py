from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from sausat.geo import selectors
from sausat.geo.models import AdministrativeUnit


def unit_index(request):
    """The unit picker: provinces, then communes of the chosen province (HTMX fragment)."""
    query = request.GET.get("q", "")
    context = {
        "provinces": selectors.provinces(),
        "query": query,
        "results": selectors.search_units(query, current_only=request.GET.get("all") != "1") if query else [],
    }
    if request.htmx:
        return render(request, "geo/_unit_results.html", context)
    return render(request, "geo/unit_index.html", context)


def unit_picker(request):
    return unit_children(request, request.GET.get("code", ""))


def unit_children(request, code: str):
    try:
        unit = selectors.get_unit(code)
    except AdministrativeUnit.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "geo/_unit_children.html", {"unit": unit, "children": selectors.children_of(unit)})
