"""Cadre record pages. Thin: policy -> form -> service -> render; every read is logged."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sausat.cadres import policy, selectors, services, views_planning, vote_services
from sausat.cadres.exports import record_docx
from sausat.cadres.forms import AppraiseForm, AttendanceForm, DecideForm, SelfAssessForm, TallyForm
from sausat.cadres.models import AccessKind, CadreProfile, EvaluationPeriod, RecordAccess, Step
from sausat.cadres.rules import LEVEL_CHOICES, Level, rule_by_code
from sausat.core.exports.http import DOCX_CONTENT_TYPE, attachment_response
from sausat.core.policy import get_or_404, require


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011  (a calendar date for display and defaults)


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def index(request):
    user = request.user
    reader = policy.is_board(user) or policy.is_committee(user)
    if not reader:
        own = CadreProfile.objects.filter(person__user=user).first()
        require(own is not None)
        return redirect("cadres:record", own.person_id)
    profiles = policy.visible_profiles(user).select_related("person", "unit").order_by("person__full_name")
    periods = EvaluationPeriod.objects.filter(unit__in=policy.visible_profiles(user).values("unit")).order_by("-end")
    return render(
        request,
        "cadres/index.html",
        {
            "profiles": profiles,
            "periods": periods,
            "sessions": policy.visible_sessions(user).order_by("-held_on"),
            "plans": views_planning.visible_plans(user),
        },
    )


@login_required
def record(request, person_id: int):
    profile = policy.profile_or_404(request.user, person_id)
    services.log_access(user=request.user, person=profile.person, what=AccessKind.RECORD, object_id=profile.pk)
    rec = selectors.record(profile, with_reads=policy.can_view_access_log(request.user, profile))
    return render(
        request,
        "cadres/record.html",
        {
            "rec": rec,
            "person": profile.person,
            "today": _today(),
            "show_reads": policy.can_view_access_log(request.user, profile),
            **views_planning.record_context(request.user, profile),
        },
    )


@login_required
def record_export(request, person_id: int):
    profile = policy.profile_or_404(request.user, person_id)
    services.log_access(user=request.user, person=profile.person, what=AccessKind.EXPORT, object_id=profile.pk)
    content = record_docx(selectors.record(profile, with_reads=False), today=_today())
    return attachment_response(content, f"Hồ sơ cán bộ - {profile.person.full_name}.docx", DOCX_CONTENT_TYPE)


@login_required
def period(request, pk: int):
    user = request.user
    period = get_or_404(EvaluationPeriod.objects.select_related("unit"), pk=pk)
    require(policy.can_manage(user, period.unit) or policy.can_decide(user, period.unit))
    evaluations = list(
        policy.visible_evaluations(user).filter(period=period).select_related("person", "organ").order_by("group", "id")
    )
    RecordAccess.objects.bulk_create(
        [
            RecordAccess(
                person=e.person, user=user, user_label=user.get_username(), what=AccessKind.EVALUATION,
                object_id=str(e.pk), at=timezone.now(),
            )
            for e in evaluations
            if e.person_id
        ]
    )  # fmt: skip
    return render(
        request,
        "cadres/period.html",
        {
            "period": period,
            "evaluations": evaluations,
            "levels": LEVEL_CHOICES,
            "can_decide": policy.can_decide(user, period.unit),
            "today": _today(),
        },
    )


@login_required
@require_POST
def period_decide(request, pk: int):
    user = request.user
    period = get_or_404(EvaluationPeriod.objects.select_related("unit"), pk=pk)
    require(policy.can_decide(user, period.unit))
    evaluations = policy.visible_evaluations(user).filter(period=period, step__in=[Step.APPRAISED])
    chosen = [(e, request.POST.get(f"level_{e.pk}", "")) for e in evaluations]
    chosen = [(e, lv) for e, lv in chosen if lv in Level.__members__.values()]
    try:
        decided_on = dt.date.fromisoformat(request.POST.get("decided_on", ""))
        services.decide(
            actor=user, decisions=chosen, decided_on=decided_on, reference=request.POST.get("reference", "")
        )
    except ValueError:
        messages.error(request, _("Ngày quyết định không hợp lệ."))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Đã quyết định xếp loại %(n)s trường hợp.") % {"n": len(chosen)})
    return redirect("cadres:period", period.pk)


@login_required
def evaluation(request, pk: int):
    user = request.user
    ev = policy.evaluation_or_404(user, pk)
    if ev.person_id:
        services.log_access(user=user, person=ev.person, what=AccessKind.EVALUATION, object_id=ev.pk)
    forms = {}
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "self":
                require(policy.can_self_assess(user, ev))
                form = forms["self_form"] = SelfAssessForm(request.POST)
                if form.is_valid():
                    services.self_assess(actor=user, evaluation=ev, **form.cleaned_data)
                    messages.success(request, _("Đã ghi nhận bản tự đánh giá."))
                    return redirect("cadres:evaluation", ev.pk)
            elif action == "appraise":
                require(policy.can_manage(user, ev.unit))
                form = forms["appraise_form"] = AppraiseForm(request.POST)
                if form.is_valid():
                    services.appraise(actor=user, evaluation=ev, **form.cleaned_data)
                    messages.success(request, _("Đã thẩm định và đề xuất mức xếp loại."))
                    return redirect("cadres:evaluation", ev.pk)
            elif action == "decide":
                require(policy.can_decide(user, ev.unit))
                form = forms["decide_form"] = DecideForm(request.POST)
                if form.is_valid():
                    d = form.cleaned_data
                    services.decide(
                        actor=user,
                        decisions=[(ev, d["level"])],
                        decided_on=d["decided_on"],
                        reference=d["reference"],
                        reason=d["reason"],
                    )
                    messages.success(request, _("Đã quyết định xếp loại."))
                    return redirect("cadres:evaluation", ev.pk)
            else:
                require(False)
        except ValidationError as exc:
            _errors(request, exc)
    ev.refresh_from_db()
    rule = rule_by_code(ev.rule_code)
    context = {
        "ev": ev,
        "rule": rule,
        "suggested": services.suggested_level(ev),
        "preview": services.compute_tasks(ev) if ev.step != Step.DECIDED else ev.evidence,
        "decisions": ev.decisions.select_related("decided_by"),
        "can_self": policy.can_self_assess(user, ev) and ev.step in (Step.OPEN, Step.SELF),
        "can_appraise": policy.can_manage(user, ev.unit) and ev.step != Step.DECIDED,
        "can_decide": policy.can_decide(user, ev.unit) and ev.step in (Step.APPRAISED, Step.DECIDED),
        "self_form": forms.get("self_form") or SelfAssessForm(initial={"general_points": ev.self_general}),
        "appraise_form": forms.get("appraise_form")
        or AppraiseForm(initial={"general_points": ev.self_general, "proposed_level": services.suggested_level(ev)}),
        "decide_form": forms.get("decide_form")
        or DecideForm(initial={"level": ev.proposed_level, "decided_on": _today()}),
    }
    return render(request, "cadres/evaluation.html", context)


@login_required
def session(request, pk: int):
    user = request.user
    s = policy.session_or_404(user, pk)
    candidates = list(s.candidates.select_related("person", "consequence_task"))
    RecordAccess.objects.bulk_create(
        [
            RecordAccess(
                person=c.person, user=user, user_label=user.get_username(), what=AccessKind.VOTE,
                object_id=str(c.pk), at=timezone.now(),
            )
            for c in candidates
        ]
    )  # fmt: skip
    manage = policy.can_manage(user, s.unit)
    attendance_form = AttendanceForm(request.POST if request.POST.get("action") == "attendance" else None)
    tally_form = TallyForm(request.POST if request.POST.get("action") == "tally" else None, candidates=candidates)
    if request.method == "POST":
        require(manage)
        try:
            if request.POST.get("action") == "attendance" and attendance_form.is_valid():
                vote_services.record_attendance(actor=user, session=s, **attendance_form.cleaned_data)
                messages.success(request, _("Hội nghị đủ điều kiện; đã ghi nhận số người có mặt."))
                return redirect("cadres:session", s.pk)
            if request.POST.get("action") == "tally" and tally_form.is_valid():
                d = tally_form.cleaned_data
                vote_services.enter_tally(
                    actor=user,
                    session=s,
                    issued=d["issued"],
                    returned=d["returned"],
                    valid=d["valid"],
                    invalid=d["invalid"],
                    counts=tally_form.counts(),
                )
                messages.success(request, _("Đã nhập kết quả kiểm phiếu."))
                return redirect("cadres:session", s.pk)
        except ValidationError as exc:
            _errors(request, exc)
    for c in candidates:
        c.shares = [c.share(c.high), c.share(c.confidence), c.share(c.low)]
    return render(
        request,
        "cadres/session.html",
        {
            "s": s,
            "candidates": candidates,
            "manage": manage,
            "attendance_form": attendance_form,
            "tally_form": tally_form,
        },
    )
