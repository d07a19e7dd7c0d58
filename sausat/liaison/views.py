"""Field views (phone first): my units, log an activity, file a situation report, photos."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sausat.core.calendar import local_date
from sausat.core.dated_rules import setting_for
from sausat.core.policy import require, scope_for
from sausat.core.validation import add_service_errors
from sausat.geo.selectors import units_by_pk
from sausat.liaison import bridge, policy, services
from sausat.liaison.feedback_specificity import vague_below, vague_rule
from sausat.liaison.forms import ActivityForm, ReportForm
from sausat.liaison.models import Escalation, SituationReport
from sausat.liaison.periods import period_containing
from sausat.opinions.selectors import latest_answer
from sausat.people.models import Person, Role
from sausat.people.selectors import person_of


def _today():
    return local_date(timezone.now())


# The field forms post through offline.js, whose fetch follows the redirect (and would consume a
# session message) before the browser loads the page: the confirmation rides on the URL instead.
SAVED = "da-luu"


def _saved_redirect(name: str, pk: int):
    response = redirect(name, pk)
    response["Location"] += f"?{SAVED}=1"
    return response


def _confirm_saved(request, text: str) -> None:
    if request.GET.get(SAVED):
        messages.success(request, text)


def _my_person(user) -> Person | None:
    return person_of(user)


@login_required
def index(request):
    today = _today()
    assignments = list(policy.current_assignments(request.user).order_by("unit__name"))
    scope = scope_for(request.user)
    assigned_ids = {a.unit_id for a in assignments}
    own_units = [
        u
        for u in units_by_pk(g.unit_id for g in scope.grants if g.role in (Role.COMMUNE_CADRE, Role.LIAISON))
        if u.pk not in assigned_ids
    ]
    period = period_containing(today)
    reported = set(
        SituationReport.objects.filter(
            author=request.user, period_start=period.previous().start, unit_id__in=assigned_ids
        ).values_list("unit_id", flat=True)
    )
    context = {
        "assignments": assignments,
        "own_units": own_units,
        "is_office": policy.is_office(request.user),
        "reported": reported,
        "last_period": period.previous(),
    }
    return render(request, "liaison/index.html", context)


@login_required
def unit_detail(request, unit_id: int):
    unit = policy.unit_or_404(request.user, unit_id)
    activities = (
        policy.visible_activities(request.user)
        .filter(unit=unit)
        .select_related("cadre")
        .prefetch_related("photos", "feedback_items")[:20]
    )
    reports = policy.visible_reports(request.user).filter(unit=unit).select_related("cadre")[:12]
    escalations = list(
        policy.visible_escalations(request.user)
        .filter(unit=unit)
        .select_related("organ", "issue", "opinion")
        .prefetch_related("opinion__answers")
        .order_by("-id")[:20]
    )
    for e in escalations:
        e.answer = latest_answer(e.opinion) if e.opinion_id else None
    assignments = unit.liaison_assignments.select_related("cadre", "decision").order_by("-start_date")[:20]
    context = {
        "unit": unit,
        "activities": activities,
        "reports": reports,
        "escalations": escalations,
        "assignments": assignments,
        "can_log": policy.can_log_at(request.user, unit),
        "today": _today(),
    }
    return render(request, "liaison/unit_detail.html", context)


def _field_context(request, unit_id: int):
    unit = policy.unit_or_404(request.user, unit_id)
    require(policy.can_log_at(request.user, unit))
    assignment = policy.assignment_for(request.user, unit)
    cadre = assignment.cadre if assignment else _my_person(request.user)
    require(cadre is not None)
    return unit, assignment, cadre


@login_required
def activity_new(request, unit_id: int):
    unit, assignment, cadre = _field_context(request, unit_id)
    status = 200
    tasks = bridge.task_choices(request.user, unit)
    if request.method == "POST":
        form = ActivityForm(request.POST, request.FILES, tasks=tasks)
        if form.is_valid():
            try:
                activity, _created = services.log_activity(
                    actor=request.user,
                    cadre=cadre,
                    unit=unit,
                    assignment=assignment,
                    data=form.to_input(),
                    photos=form.cleaned_data["photos"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return _saved_redirect("liaison:activity", activity.pk)
        status = 400
    else:
        form = ActivityForm(tasks=tasks)
    return render(request, "liaison/activity_form.html", {"form": form, "unit": unit}, status=status)


@login_required
def activity_detail(request, pk: int):
    activity = policy.activity_or_404(request.user, pk)
    _confirm_saved(request, _("Đã ghi hoạt động."))
    return render(
        request,
        "liaison/activity_detail.html",
        {
            "activity": activity,
            "photos": activity.photos.all(),
            "feedback": activity.feedback_items.all(),
            "vague_below": vague_below(activity.date, activity.unit),
            "vague_rule": vague_rule(activity.date, activity.unit),
            "linked": bridge.linked_task(request.user, activity),
        },
    )


@login_required
@require_GET
def photo(request, pk: int):
    row = policy.photo_or_404(request.user, pk)
    try:
        handle = default_storage.open(row.file.name, "rb")
    except OSError as exc:
        raise Http404 from exc
    ext = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(row.content_type, "bin")
    response = FileResponse(handle, content_type=row.content_type)
    response["Content-Disposition"] = f'inline; filename="anh-{row.pk}.{ext}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _report_periods(assignment, today):
    schedule = services.default_schedule(assignment)
    current = period_containing(today, schedule)
    return [current.previous(), current, current.previous().previous()]


@login_required
def report_new(request, unit_id: int):
    unit, assignment, cadre = _field_context(request, unit_id)
    periods = _report_periods(assignment, _today())
    organs = list(services.escalation_organs(unit))
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST, periods=periods, organs=organs)
        if form.is_valid():
            try:
                report, _created = services.submit_report(
                    actor=request.user,
                    cadre=cadre,
                    unit=unit,
                    assignment=assignment,
                    data=form.to_input(),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return _saved_redirect("liaison:report", report.pk)
        status = 400
    else:
        form = ReportForm(periods=periods, organs=organs, initial={"period": periods[0].key})
    return render(request, "liaison/report_form.html", {"form": form, "unit": unit}, status=status)


@login_required
def report_detail(request, pk: int):
    report = policy.report_or_404(request.user, pk)
    _confirm_saved(request, _("Đã gửi báo cáo tình hình."))
    issues = list(report.issues.all())
    escalations = {
        e.issue_id: e
        for e in Escalation.objects.filter(issue__report=report)
        .select_related("organ", "opinion")
        .prefetch_related("opinion__answers")
    }
    for issue in issues:
        issue.esc = escalations.get(issue.pk)
        issue.answer = latest_answer(issue.esc.opinion) if issue.esc and issue.esc.opinion_id else None
    sent = local_date(report.submitted_at) if report.submitted_at else _today()
    escalation_rule = setting_for(services.ESCALATION_PERIOD, on=sent, unit=report.unit)
    return render(
        request,
        "liaison/report_detail.html",
        {"report": report, "issues": issues, "today": _today(), "escalation_rule": escalation_rule},
    )
