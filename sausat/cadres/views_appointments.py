"""Appointment procedure pages: the list (and opening one), and one procedure with its steps,
candidates and deadlines. The board and the competent committee of the unit only; others 404."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sausat.cadres import appointment_selectors, appointment_services, policy
from sausat.cadres.appointment_forms import CandidateForm, OpenForm, PolicyForm, StepForm
from sausat.core.policy import require


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011  (a calendar date for deadlines shown)


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def index(request):
    user = request.user
    require(policy.is_board(user) or policy.is_committee(user))
    units = list(policy.visible_profiles(user).values_list("unit_id", flat=True).distinct())
    form = OpenForm(request.POST or None, units=units)
    if request.method == "POST":
        require(policy.is_board(user))
        if form.is_valid():
            try:
                appointment = appointment_services.open_appointment(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Đã mở quy trình bổ nhiệm."))
                return redirect("cadres:appointment", appointment.pk)
    appointments = policy.visible_appointments(user).select_related("unit", "appointed__person")
    return render(
        request,
        "cadres/appointments.html",
        {"appointments": appointments, "form": form, "can_open": policy.is_board(user)},
    )


@login_required
def detail(request, pk: int):
    user = request.user
    appointment = policy.appointment_or_404(user, pk)
    manage = policy.can_manage(user, appointment.unit)
    decide = policy.can_decide(user, appointment.unit)
    candidates = list(appointment.candidates.select_related("person", "planning_entry"))
    upcoming = appointment_services.next_step(appointment)
    steps = appointment_services.steps_of(appointment)
    ballot = steps[upcoming - 1]["ballot"] if upcoming else "policy"
    action = request.POST.get("action") if request.method == "POST" else None
    persons = policy.visible_profiles(user).values_list("person_id", flat=True)
    policy_form = PolicyForm(request.POST if action == "policy" else None)
    candidate_form = CandidateForm(request.POST if action == "candidate" else None, persons=list(persons))
    step_form = StepForm(request.POST if action == "step" else None, ballot=ballot, candidates=candidates)
    if action:
        try:
            if action == "policy":
                require(decide)
                if policy_form.is_valid():
                    appointment_services.approve_policy(actor=user, appointment=appointment, **policy_form.cleaned_data)
                    messages.success(request, _("Đã ghi nhận chủ trương của cấp có thẩm quyền."))
                    return redirect("cadres:appointment", appointment.pk)
            elif action == "candidate":
                require(manage or decide)
                if candidate_form.is_valid():
                    appointment_services.add_candidate(
                        actor=user, appointment=appointment, **candidate_form.cleaned_data
                    )
                    messages.success(request, _("Đã bổ sung nhân sự."))
                    return redirect("cadres:appointment", appointment.pk)
            elif action == "step":
                require(manage and upcoming is not None)
                if step_form.is_valid():
                    d = step_form.cleaned_data
                    appointment_services.record_step(
                        actor=user, appointment=appointment, number=upcoming, held_on=d["held_on"],
                        summoned=d["summoned"], present=d["present"], votes=step_form.votes(),
                    )  # fmt: skip
                    messages.success(request, _("Đã ghi nhận kết quả bước %(n)s.") % {"n": upcoming})
                    return redirect("cadres:appointment", appointment.pk)
            else:
                require(False)
        except ValidationError as exc:
            _errors(request, exc)
    by_id = {c.pk: c for c in candidates}
    rows = appointment_selectors.step_rows(appointment)
    for row in rows:
        for attempt in row.attempts:
            attempt.lines = appointment_selectors.vote_lines(attempt, by_id)
    return render(
        request,
        "cadres/appointment.html",
        {
            "a": appointment,
            "candidates": candidates,
            "rows": rows,
            "deadlines": appointment_selectors.deadlines(appointment, _today()),
            "upcoming": upcoming,
            "manage": manage,
            "decide": decide,
            "policy_form": policy_form,
            "candidate_form": candidate_form,
            "step_form": step_form,
        },
    )
