"""Office views: the coverage dashboard, the review report (.docx / .xlsx), the decision import."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sausat.core.calendar import local_date
from sausat.core.exports.http import DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE, attachment_response
from sausat.core.policy import STAFF_ROLES, get_or_404, scope_for
from sausat.core.precomputed import dmy, pk_url
from sausat.geo.models import AdministrativeUnit
from sausat.geo.selectors import find_unit
from sausat.liaison import (
    assignment_import,
    dashboard_selectors,
    policy,
    review,
    review_criteria,
    selectors,
    services,
)
from sausat.liaison.feedback_specificity import vague_rule
from sausat.liaison.forms import ImportForm
from sausat.liaison.models import Assignment
from sausat.liaison.periods import parse_period
from sausat.people.selectors import office_unit
from sausat.textkit.normalize import normalize_line


def _no_contact_rule(request, today):
    """The "no contact for N days" threshold in force for the office's province (a dated setting)."""
    paths = [g.scope_path for g in scope_for(request.user).grants if g.role in STAFF_ROLES]
    return selectors.no_contact_rule(today, min(paths, key=len) if paths else None)


def _coverage_args(request, rule=None):
    """(period, today, no-contact days) asked for, after the office check."""
    policy.require_office(request.user)
    today = local_date(timezone.now())
    period = parse_period(request.GET.get("ky"), today)
    default_days = int((rule or _no_contact_rule(request, today)).value)
    try:
        days = max(1, min(365, int(request.GET.get("n", default_days))))
    except ValueError:
        days = default_days
    return period, today, days


def _coverage(request, rule=None):
    return selectors.coverage(request.user, *_coverage_args(request, rule))


@login_required
def dashboard(request):
    policy.require_office(request.user)
    rule = _no_contact_rule(request, local_date(timezone.now()))
    # The tables come from the cache until a write to what they read (dashboard_selectors).
    cov = dashboard_selectors.dashboard(request.user, *_coverage_args(request, rule))
    report_url = pk_url("liaison:report")
    for e in cov.escalations:
        e.url, e.deadline_on = report_url(e.issue.report_id), dmy(e.deadline)
    context = {
        "cov": cov,
        "commune_rows": cov.commune_rows,
        "cadre_rows": cov.cadre_rows,
        "totals": cov.figures.as_dict(),
        "chart": cov.chart,
        "prev": cov.period.previous(),
        "next": cov.period.next(),
        "historical_bodies": cov.historical_bodies,
        "seed_criteria": review_criteria.SEED_CRITERIA,
        "product_metrics": review_criteria.PRODUCT_METRICS,
        "no_contact_rule": rule,
        "vague_rule": vague_rule(cov.today),
    }
    return render(request, "liaison/dashboard.html", context)


@login_required
@require_GET
def review_xlsx(request):
    cov = _coverage(request)
    # The review report stays Vietnamese (period and choice labels too) whatever the UI language.
    with translation.override("vi"):
        content = review.review_xlsx(cov)
    return attachment_response(content, f"so-ket-theo-doi-co-so-{cov.period.key}.xlsx", XLSX_CONTENT_TYPE)


@login_required
@require_GET
def review_docx(request):
    cov = _coverage(request)
    with translation.override("vi"):
        content = review.review_docx(cov, _office_unit(request.user))
    return attachment_response(content, f"so-ket-theo-doi-co-so-{cov.period.key}.docx", DOCX_CONTENT_TYPE)


def _office_unit(user) -> AdministrativeUnit | None:
    return office_unit(user)


@login_required
def import_decision(request):
    policy.require_office(request.user)
    result = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        unit = _office_unit(request.user)
        if form.is_valid() and unit is not None:
            data = form.cleaned_data
            try:
                result = assignment_import.import_assignments(
                    actor=request.user,
                    province=unit,
                    header=assignment_import.DecisionHeader(
                        number=data["number"],
                        issued_on=data["issued_on"],
                        issuing_body=data["issuing_body"],
                        term_start=data["term_start"],
                        term_end=data["term_end"],
                        visits_required=data["visits_required"],
                        visit_period=data["visit_period"],
                        report_schedule=data["report_schedule"],
                    ),
                    fileobj=data["file"],
                    dry_run=data["dry_run"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
                status = 400
            else:
                if not result.dry_run and not result.errors:
                    messages.success(
                        request,
                        _("Đã ghi %(created)s phân công mới (%(skipped)s đã có).")
                        % {"created": result.created, "skipped": result.skipped},
                    )
                status = 200 if not result.errors else 400
        else:
            status = 400
    else:
        form = ImportForm()
    return render(request, "liaison/import.html", {"form": form, "result": result}, status=status)


@login_required
@require_GET
def import_template(request):
    policy.require_office(request.user)
    return attachment_response(
        assignment_import.template_xlsx(), "mau-phan-cong-theo-doi-co-so.xlsx", XLSX_CONTENT_TYPE
    )


@login_required
def decisions(request):
    policy.require_office(request.user)
    rows = policy.visible_decisions(request.user).select_related("unit").order_by("-issued_on", "id")
    return render(request, "liaison/decisions.html", {"decisions": rows})


@login_required
def decision_detail(request, pk: int):
    decision = policy.office_decision_or_404(request.user, pk)
    assignments = (
        Assignment.all_objects.filter(decision=decision)
        .filter(policy.office_unit_filter(request.user))
        .select_related("cadre", "unit", "unit__successor")
        .order_by("unit__name", "role", "-start_date")
    )
    return render(
        request,
        "liaison/decision_detail.html",
        {"decision": decision, "assignments": assignments, "today": local_date(timezone.now())},
    )


def _office_assignment(user, pk: int) -> Assignment:
    policy.require_office(user)
    return get_or_404(Assignment.objects.filter(policy.office_unit_filter(user)).select_related("decision"), pk=pk)


@login_required
@require_POST
def assignment_end(request, pk: int):
    assignment = _office_assignment(request.user, pk)
    today = local_date(timezone.now())
    services.end_assignment(assignment, actor=request.user, last_day=today - dt.timedelta(days=1))
    messages.success(
        request,
        _("Đã kết thúc phân công %(cadre)s theo dõi %(unit)s.") % {"cadre": assignment.cadre, "unit": assignment.unit},
    )
    return redirect("liaison:decision", assignment.decision_id)


@login_required
@require_POST
def assignment_move(request, pk: int):
    assignment = _office_assignment(request.user, pk)
    code = normalize_line(request.POST.get("unit_code", ""))
    unit = find_unit(code)
    if unit is None or not policy.office_covers(request.user, unit):
        messages.error(request, _("Không tìm thấy địa bàn có mã “%(code)s” trong phạm vi của bạn.") % {"code": code})
        return redirect("liaison:decision", assignment.decision_id)
    try:
        services.reassign(assignment, actor=request.user, new_unit=unit, on=local_date(timezone.now()))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Đã chuyển %(cadre)s sang theo dõi %(unit)s. Quyền xem địa bàn cũ kết thúc ngay.")
            % {"cadre": assignment.cadre, "unit": unit},
        )
    return redirect("liaison:decision", assignment.decision_id)
