from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from sausat.geo import selectors
from sausat.geo.models import AdministrativeUnit, Level
from sausat.geo.policy import can_manage_province
from sausat.people.models import OrganKind
from sausat.people.selectors import office_holders, organs_of


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


def unit_detail(request, code: str):
    try:
        unit = selectors.get_unit(code)
    except AdministrativeUnit.DoesNotExist as exc:
        raise Http404 from exc
    organs = list(organs_of(request.user, unit).order_by("sort_order", "name"))
    groups: dict[str, list] = {}
    for organ in organs:
        groups.setdefault(organ.kind, []).append(organ)
    order = list(OrganKind.values)
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "organs": organs,
        "organ_groups": [
            (OrganKind(kind).label, items) for kind, items in sorted(groups.items(), key=lambda kv: order.index(kv[0]))
        ],
        "can_import_hamlets": unit.level == Level.PROVINCE
        and unit.is_current
        and can_manage_province(request.user, unit),
        "holders": office_holders(request.user, unit),
        "children_count": unit.children.count(),
        "predecessors": unit.absorbed.select_related("predecessor__parent")[:200] if unit.is_current else [],
        "successors": unit.successions.select_related("successor") if not unit.is_current else [],
        "is_province": unit.level == Level.PROVINCE,
    }
    return render(request, "geo/unit_detail.html", context)
