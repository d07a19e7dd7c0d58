"""A unit's page: the unit (from geo) with its organs and office holders (people's data).

It lives in people because it shows people's data; sausat/urls.py serves it at /dia-ban/<code>/ in the
``geo:`` URL namespace, where it always was (see sausat/people/unit_urls.py).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from sausat.core.calendar import local_date
from sausat.geo import selectors
from sausat.geo.models import AdministrativeUnit, Level
from sausat.geo.policy import can_manage_province
from sausat.people.forms import as_of_from
from sausat.people.models import OrganKind
from sausat.people.selectors import office_holders, organs_of


def unit_detail(request, code: str):
    try:
        unit = selectors.get_unit(code)
    except AdministrativeUnit.DoesNotExist as exc:
        raise Http404 from exc
    today = local_date(timezone.now())
    # An abolished unit is shown as it was on its last day unless another day is asked for.
    default_day = min(today, unit.valid_to) if unit.valid_to else today
    day, as_of_form = as_of_from(request.GET, default_day)
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
        "holders": office_holders(request.user, unit, today=day),
        "day": day,
        "is_today": day == today,
        "as_of_form": as_of_form,
        "children_count": unit.children.count(),
        "predecessors": unit.absorbed.select_related("predecessor__parent")[:200] if unit.is_current else [],
        "successors": unit.successions.select_related("successor") if not unit.is_current else [],
        "is_province": unit.level == Level.PROVINCE,
    }
    return render(request, "people/unit_detail.html", context, status=400 if as_of_form.errors else 200)
