"""The "no task missed" check, the quarterly review pack (page, .xlsx, .docx) and the leaders' dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation

from sausat.core.calendar import local_date
from sausat.core.dated_rules import setting_for
from sausat.directives import exports, pack_page, policy, selectors
from sausat.directives.pack import ROMAN, PackScope, quarterly_pack, recent_quarters, trend
from sausat.people.models import OrganKind
from sausat.people.selectors import office_unit


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
def check(request):
    policy.require(policy.is_overseer(request.user) or policy.own_organs(request.user).exists())
    today = local_date(timezone.now())
    # The thresholds in force, with their basis (dated settings, docs/rules.md).
    silent_rule = setting_for("directives.silent_days", on=today)
    days = max(1, min(_int(request.GET.get("days"), int(silent_rule.value)), 365))
    report = selectors.no_task_missed(request.user, silent_days=days)
    return render(
        request,
        "directives/check.html",
        {
            "report": report,
            "days": days,
            "silent_rule": silent_rule,
            "done_rule": setting_for("directives.done_means", on=today),
            "reminder_rule": setting_for("directives.reminders", on=today),
        },
    )


def _pack_args(request):
    now = timezone.now()
    year, quarter = selectors.quarter_of(local_date(now))
    year = _int(request.GET.get("year"), year)
    quarter = _int(request.GET.get("quarter"), quarter)
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise Http404
    overseer = policy.is_overseer(request.user)
    own = list(policy.own_organs(request.user))
    scope = PackScope.parse(request.GET.get("scope", "province" if overseer else ""))
    if not overseer:
        # Bodies see their own pack only; anything else answers 404.
        if scope.kind != "organ":
            if not own:
                raise Http404
            scope = PackScope("organ", organ=own[0])
        elif scope.organ not in own:
            raise Http404
    return year, quarter, scope, overseer, own


@login_required
def pack(request):
    year, quarter, scope, overseer, own = _pack_args(request)
    if overseer:
        organs = selectors.lead_organs(request.user)
    else:
        organs = own
    context = {
        "pack": pack_page.pack_head(year, quarter, scope),
        # The tables and lists, from the cache until a task (or who sees it) changes (pack_page.py).
        "pack_body": pack_page.pack_body(request.user, year, quarter, scope),
        "organs": organs,
        "blocks": OrganKind.choices if overseer else [],
        "years": list(range(year - 5, year + 2)),
        "quarters": [(q, ROMAN[q]) for q in (1, 2, 3, 4)],
        "query": f"year={year}&quarter={quarter}&scope={scope.key}",
    }
    return render(request, "directives/pack.html", context)


@login_required
def pack_xlsx(request):
    year, quarter, scope, _o, _own = _pack_args(request)
    # Exported documents stay Vietnamese (status and deadline labels too) whatever the UI language.
    with translation.override("vi"):
        data = quarterly_pack(request.user, year, quarter, scope)
        content = exports.pack_xlsx(data)
    return exports.attachment_response(content, exports.pack_filename(data, "xlsx"), exports.XLSX)


@login_required
def pack_docx(request):
    year, quarter, scope, _o, _own = _pack_args(request)
    with translation.override("vi"):
        data = quarterly_pack(request.user, year, quarter, scope)
        content = exports.pack_docx(data, unit=office_unit(request.user))
    return exports.attachment_response(content, exports.pack_filename(data, "docx"), exports.DOCX)


@login_required
def dashboard(request):
    policy.require(policy.is_overseer(request.user))
    now = timezone.now()
    count = max(2, min(_int(request.GET.get("n"), 4), 12))
    quarters = recent_quarters(now, count)
    anchor = request.GET.get("year"), request.GET.get("quarter")
    if anchor[0] and anchor[1]:
        y, q = _int(anchor[0], 0), _int(anchor[1], 0)
        if 2000 <= y <= 2100 and 1 <= q <= 4:
            quarters = []
            for _ in range(count):
                quarters.append((y, q))
                y, q = (y - 1, 4) if q == 1 else (y, q - 1)
            quarters.reverse()
    data = trend(request.user, quarters, PackScope(), now=now)
    totals = data.pop("totals")
    return render(request, "directives/dashboard.html", {"trend": data, "totals": totals})
