"""A unit's page: the unit (from geo) with its organs and office holders (people's data).

It lives in people because it shows people's data; sausat/urls.py serves it at /dia-ban/<code>/ in the
``geo:`` URL namespace, where it always was (see sausat/people/unit_urls.py).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from sausat.geo import selectors
from sausat.geo.models import AdministrativeUnit, Level
from sausat.geo.policy import can_manage_province
from sausat.people.models import OrganKind
from sausat.people.selectors import office_holders, organs_of


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
    return render(request, "people/unit_detail.html", context)
