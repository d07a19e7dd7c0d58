"""Writes of the appointment procedure (rules.md B.6; the steps and thresholds are the dated rule of
``Kind.APPOINTMENT`` in :mod:`sausat.cadres.rules`).

1. The board opens the procedure with the date of its written request: the competent level must
   give its policy within ``policy_working_days`` (10) working days.
2. The competent committee approves the policy: the unit must finish within
   ``finish_working_days`` (30) working days.
3. The board enters each step's conference: a quorum of 2/3 of those summoned (else refused with
   the count), a secret-ballot count, and the person chosen: the most votes among those with more
   than half of those summoned. The last step's choice is the appointment.

Candidates must be in the plan for the post or an equivalent one (:mod:`sausat.cadres.appointment_
eligibility`); otherwise only the competent committee may add them, with a written exception.
Every refusal says the numbers; a refused write leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from sausat.cadres import appointment_eligibility, policy
from sausat.cadres.models import Appointment, AppointmentCandidate, AppointmentStep
from sausat.cadres.models_appointments import AppointmentStatus, Source
from sausat.cadres.rules import Kind, Rule, fraction_exceeded, fraction_reached, rule_by_code, rule_for
from sausat.core.actors import Actor, SystemActor
from sausat.core.calendar import PeriodUnit, deadline
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_update
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Person
from sausat.textkit.normalize import normalize, normalize_line

POLICY_KEY = "agree"  # the votes key of a "policy" step: ballots agreeing with the proposal


def steps_of(appointment: Appointment) -> tuple[dict[str, str], ...]:
    return tuple(rule_by_code(appointment.rule_code)["steps"][appointment.source])


def open_appointment(
    *,
    actor: Actor,
    unit: AdministrativeUnit,
    post_title: str,
    post_level: str,
    source: str,
    requested_on: dt.date,
) -> Appointment:
    require_in_scope(actor, lambda: policy.can_manage(actor, unit))
    post_title, post_level = normalize_line(post_title), normalize_line(post_level)
    if not post_title:
        raise ValidationError({"post_title": "Vui lòng nhập chức vụ dự kiến bổ nhiệm."})
    if source not in Source.values:
        raise ValidationError({"source": "Vui lòng chọn nguồn nhân sự (tại chỗ hoặc từ nơi khác)."})
    rule = rule_for(Kind.APPOINTMENT, requested_on)
    due = deadline(requested_on, rule["policy_working_days"], PeriodUnit.WORKING_DAYS, place=unit)
    with transaction.atomic():
        return do_create(
            Appointment,
            actor=actor,
            verb="cadres.appointment.open",
            unit=unit,
            post_title=post_title,
            post_level=post_level,
            source=source,
            rule_code=rule.code,
            requested_on=requested_on,
            policy_due=due,
        )


def approve_policy(*, actor: Actor, appointment: Appointment, approved_on: dt.date, reference: str) -> Appointment:
    """The competent level's policy (chủ trương): starts the 30 working days of the procedure."""
    require_in_scope(actor, lambda: policy.can_decide(actor, appointment.unit))
    rule = rule_by_code(appointment.rule_code)
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.policy_approved_on is not None:
            raise ValidationError(f"Đã có chủ trương ngày {appointment.policy_approved_on:%d/%m/%Y}.")
        if approved_on < appointment.requested_on:
            raise ValidationError(
                f"Ngày cho chủ trương ({approved_on:%d/%m/%Y}) trước ngày đề nghị "
                f"({appointment.requested_on:%d/%m/%Y})."
            )
        finish = deadline(approved_on, rule["finish_working_days"], PeriodUnit.WORKING_DAYS, place=appointment.unit)
        return do_update(
            appointment,
            actor=actor,
            verb="cadres.appointment.policy",
            policy_approved_on=approved_on,
            policy_reference=normalize_line(reference)[:100],
            finish_due=finish,
            status=AppointmentStatus.IN_PROGRESS,
        )


def add_candidate(
    *, actor: Actor, appointment: Appointment, person: Person, exception_reason: str = ""
) -> AppointmentCandidate:
    """Eligible when in the plan for the post or an equivalent one; otherwise only the competent
    committee adds the person, with the written exception it makes."""
    unit = appointment.unit
    require_in_scope(actor, lambda: policy.can_manage(actor, unit) or policy.can_decide(actor, unit))
    reason = normalize(exception_reason).strip()
    on = appointment.policy_approved_on or appointment.requested_on
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status == AppointmentStatus.APPOINTED:
            raise ValidationError("Quy trình đã chọn được nhân sự; không bổ sung người nữa.")
        if appointment.candidates.filter(person=person).exists():
            raise ValidationError(f"{person} đã có trong danh sách nhân sự.")
        check = appointment_eligibility.check(person, appointment, on)
        if check.entry is None:
            if not reason:
                raise ValidationError(f"{check.message} Cần ý kiến ngoại lệ bằng văn bản của cấp có thẩm quyền.")
            if not _is_committee(actor, unit):
                raise ValidationError(f"{check.message} Chỉ cấp ủy có thẩm quyền được quyết định ngoại lệ.")
        return do_create(
            AppointmentCandidate,
            actor=actor,
            verb="cadres.appointment.candidate",
            appointment=appointment,
            person=person,
            planning_entry=check.entry,
            exception_reason=reason if check.entry is None else "",
            related=[appointment],
        )


def _is_committee(actor: Actor, unit: AdministrativeUnit) -> bool:
    return isinstance(actor, SystemActor) or policy.can_decide(actor, unit)


def next_step(appointment: Appointment) -> int | None:
    """The number of the step to hold next: after the latest passed one; a step that did not pass
    is held again. None once the procedure has chosen its person."""
    if appointment.status == AppointmentStatus.APPOINTED:
        return None
    latest = appointment.steps.order_by("-number", "-id").first()
    if latest is None:
        return 1
    return latest.number + 1 if latest.passed else latest.number


def chosen_of(votes: Mapping[int, int], summoned: int, rule: Rule) -> tuple[int | None, list[int]]:
    """(the chosen candidate id or None, the ids above the threshold): the most votes among those
    with more than ``chosen_over`` of those summoned; a tie at the top chooses nobody."""
    above = [pk for pk, n in votes.items() if fraction_exceeded(n, summoned, rule["chosen_over"])]
    if not above:
        return None, []
    best = max(votes[pk] for pk in above)
    top = [pk for pk in above if votes[pk] == best]
    return (top[0] if len(top) == 1 else None), above


def _check_counts(summoned: int, present: int, rule: Rule) -> None:
    if summoned <= 0:
        raise ValidationError({"summoned": "Số người được triệu tập phải lớn hơn 0."})
    if present < 0 or present > summoned:
        raise ValidationError({"present": f"Số có mặt ({present}) phải từ 0 đến số được triệu tập ({summoned})."})
    if not fraction_reached(present, summoned, rule["quorum"]):
        num, den = rule["quorum"]
        needed = -(-summoned * num // den)
        raise ValidationError(
            f"Không đủ số lượng: có mặt {present}/{summoned} người được triệu tập, cần ít nhất {needed} "
            f"({num}/{den}, {rule.code}); hội nghị không hợp lệ."
        )


def _check_votes(
    votes: Mapping[int | str, int], present: int, ballot: str, candidates: dict[int, AppointmentCandidate]
) -> None:
    errors = []
    if ballot == "policy":
        if set(votes) != {POLICY_KEY}:
            errors.append("Bước này biểu quyết về chủ trương: chỉ nhập số phiếu đồng ý.")
    else:
        if not votes:
            errors.append("Chưa nhập số phiếu của nhân sự nào.")
        unknown = [k for k in votes if k not in candidates]
        if unknown:
            errors.append(f"{len(unknown)} người không có trong danh sách nhân sự của quy trình.")
    for key, n in votes.items():
        who = "Phiếu đồng ý" if key == POLICY_KEY else str(candidates[key]) if key in candidates else str(key)
        if n < 0 or n > present:
            errors.append(f"{who}: {n} phiếu, phải từ 0 đến số có mặt ({present}).")
    total = sum(votes.values())
    if ballot != "policy" and total > present:
        errors.append(f"Tổng số phiếu giới thiệu ({total}) lớn hơn số có mặt ({present}): thừa {total - present}.")
    if errors:
        raise ValidationError(errors)


def _check_nominee_only(
    appointment: Appointment,
    ballot: str,
    votes: Mapping[int | str, int],
    candidates: dict[int, AppointmentCandidate],
) -> None:
    """The opinion and decision steps are about the person the last nomination chose: votes for
    anyone else are refused (a procedure without a nomination step names its person up front)."""
    if ballot not in ("opinion", "decide"):
        return
    nominated = (
        appointment.steps.filter(passed=True, chosen__isnull=False)
        .order_by("-number", "-id")
        .values_list("chosen_id", flat=True)
        .first()
    )
    if nominated is None:
        return
    others = [candidates[int(k)] for k, n in votes.items() if k != POLICY_KEY and int(k) != nominated and n > 0]
    if others:
        names = ", ".join(str(c) for c in others)
        raise ValidationError(
            f"Bước này chỉ lấy phiếu về nhân sự đã được giới thiệu ở bước trước ({candidates[nominated]}); "
            f"có phiếu cho người khác: {names}."
        )


def record_step(
    *,
    actor: Actor,
    appointment: Appointment,
    number: int,
    held_on: dt.date,
    summoned: int,
    present: int,
    votes: Mapping[int | str, int],
) -> AppointmentStep:
    """One step's conference and its secret-ballot count. Refused whole (with the numbers) when the
    step is out of order, the quorum is missing or the count does not fit."""
    require_in_scope(actor, lambda: policy.can_manage(actor, appointment.unit))
    rule = rule_by_code(appointment.rule_code)
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        steps = steps_of(appointment)
        if appointment.policy_approved_on is None:
            raise ValidationError("Chưa có chủ trương của cấp có thẩm quyền: chưa thể tiến hành các bước.")
        expected = next_step(appointment)
        if expected is None:
            raise ValidationError("Quy trình đã chọn được nhân sự.")
        if number != expected:
            raise ValidationError(f"Bước tiếp theo là bước {expected}/{len(steps)}, không phải bước {number}.")
        last = appointment.steps.order_by("-held_on").values_list("held_on", flat=True).first()
        earliest = max(d for d in (appointment.policy_approved_on, last) if d is not None)
        if held_on < earliest:
            raise ValidationError(
                f"Ngày họp ({held_on:%d/%m/%Y}) trước bước đã làm hoặc chủ trương ({earliest:%d/%m/%Y})."
            )
        _check_counts(summoned, present, rule)
        step = steps[number - 1]
        candidates = {c.pk: c for c in appointment.candidates.select_related("person")}
        _check_votes(votes, present, step["ballot"], candidates)
        _check_nominee_only(appointment, step["ballot"], votes, candidates)
        chosen_id = None
        if step["ballot"] == "policy":
            passed = fraction_exceeded(votes[POLICY_KEY], summoned, rule["chosen_over"])
        else:
            chosen_id, _above = chosen_of({int(k): n for k, n in votes.items()}, summoned, rule)
            passed = step["ballot"] == "opinion" or chosen_id is not None
        row = do_create(
            AppointmentStep,
            actor=actor,
            verb="cadres.appointment.step",
            appointment=appointment,
            number=number,
            title=step["title"],
            held_on=held_on,
            summoned=summoned,
            present=present,
            votes={str(k): n for k, n in votes.items()},
            passed=passed,
            chosen=candidates.get(chosen_id) if chosen_id else None,
            related=[appointment],
        )
        if step["ballot"] == "decide" and chosen_id is not None:
            do_update(
                appointment,
                actor=actor,
                verb="cadres.appointment.chosen",
                status=AppointmentStatus.APPOINTED,
                appointed=candidates[chosen_id],
                finished_on=held_on,
            )
    return row
