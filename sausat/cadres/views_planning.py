"""Planning and rotation pages. Thin: policy -> form -> service -> render. A plan lists persons of
the cadre record, so each rendering writes one access row per person shown."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sausat.cadres import planning_selectors, planning_services, policy
from sausat.cadres.models import AccessKind, CadreProfile, PlanningReview, RecordAccess
from sausat.cadres.planning_forms import AddEntryForm, ReviewForm, RotationForm
from sausat.core.policy import get_or_404, require
from sausat.geo.models import AdministrativeUnit


def _today() -> dt.date:
    return timezone.localdate()


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def visible_plans(user) -> list[tuple[int, str, str]]:
    """The plans the user's board or committee keeps, for the index."""
    if not (policy.is_board(user) or policy.is_committee(user)):
        return []
    return planning_selectors.plans_kept(policy.visible_profiles(user).values("unit"))


def _managed_profiles(user, unit: AdministrativeUnit):
    return (
        policy.visible_profiles(user)
        .filter(Q(unit=unit) | Q(unit__scope_path__startswith=unit.scope_path))
        .select_related("person")
        .order_by("person__full_name")
    )


@login_required
def plan(request, unit_id: int, term: str):
    user = request.user
    unit = get_or_404(planning_selectors.units_by_pk([unit_id]), pk=unit_id)
    require(policy.can_manage(user, unit) or policy.can_decide(user, unit))
    manage = policy.can_manage(user, unit)
    today = _today()
    try:
        planning_selectors.term_years(term)
    except ValueError:
        require(False)
    profiles = _managed_profiles(user, unit)
    add_form = AddEntryForm(request.POST if request.POST.get("action") == "add" else None, profiles=profiles)
    if request.method == "POST":
        require(manage)
        action = request.POST.get("action")
        try:
            if action == "add" and add_form.is_valid():
                d = add_form.cleaned_data
                planning_services.add_planning(
                    actor=user, person=d["person"].person, post_title=d["post_title"], post_level=d["post_level"],
                    term=term, unit=unit, on=d["on"], reason=d["reason"],
                )  # fmt: skip
                messages.success(request, _("Đã bổ sung vào quy hoạch."))
                return redirect("cadres:plan", unit.pk, term)
            if action == "review":
                live = planning_selectors.plan(unit, term, today).rows
                form = ReviewForm(request.POST, entries=[r.entry for r in live], profiles=profiles)
                if form.is_valid():
                    d = form.cleaned_data
                    planning_services.review_plan(
                        actor=user, unit=unit, term=term, year=d["year"], on=d["on"], note=d["note"],
                        removals=form.removals(),
                        additions=[
                            planning_services.Addition(p.person, post, level, reason)
                            for p, post, level, reason in form.additions()
                        ],
                    )  # fmt: skip
                    messages.success(request, _("Đã ghi nhận kết quả rà soát quy hoạch."))
                    return redirect("cadres:plan", unit.pk, term)
                for field, errs in form.errors.items():
                    for e in errs:
                        messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {e}")
        except ValidationError as exc:
            _errors(request, exc)
    current = planning_selectors.plan(unit, term, today)
    now = timezone.now()
    RecordAccess.objects.bulk_create(
        [
            RecordAccess(person_id=pid, user=user, user_label=user.get_username(), what=AccessKind.RECORD,
                         object_id=f"quy-hoach {term}", at=now)
            for pid in {r.entry.person_id for r in current.rows}
        ]
    )  # fmt: skip
    reviews = list(
        PlanningReview.objects.filter(unit=unit, term=term).prefetch_related("changes__entry__person").order_by("-year")
    )
    return render(
        request,
        "cadres/plan.html",
        {
            "plan": current,
            "unit": unit,
            "term": term,
            "manage": manage,
            "add_form": add_form,
            "review_form": ReviewForm(
                entries=[r.entry for r in current.rows], profiles=profiles, initial={"year": today.year, "on": today}
            ),
            "reviews": reviews,
            "structure_rows": current.structure.rows(),
            "chart": current.structure.chart(),
        },
    )


@login_required
def rotation_add(request, person_id: int):
    """The board's rotation form, a page of its own: its two unit lists (every commune of the
    province) would cost the record page more than the rest of it."""
    user = request.user
    profile = policy.profile_or_404(user, person_id)
    require(policy.can_manage(user, profile.unit))
    if request.method != "POST":
        form = RotationForm(units=planning_selectors.rotation_units(profile), initial={"from_unit": profile.unit_id})
        return render(request, "cadres/rotation_form.html", {"form": form, "person": profile.person})
    form = RotationForm(request.POST, units=planning_selectors.rotation_units(profile))
    if form.is_valid():
        try:
            planning_services.add_rotation(actor=user, person=profile.person, **form.cleaned_data)
            messages.success(request, _("Đã ghi nhận luân chuyển."))
        except ValidationError as exc:
            _errors(request, exc)
    else:
        for field, errs in form.errors.items():
            for e in errs:
                messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {e}")
    return redirect("cadres:record", profile.person_id)


def record_context(user, profile: CadreProfile) -> dict:
    """What the record page adds for planning and rotation: whether to offer the rotation form."""
    return {"can_rotate": policy.can_manage(user, profile.unit)}
