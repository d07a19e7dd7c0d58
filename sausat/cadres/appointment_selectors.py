"""Reads of an appointment procedure for its page: the steps against the rule, the candidates and
the two deadlines shown like tasks (the directives statuses: within, overdue, done on time, late).
Callers have passed the policy; these only assemble."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sausat.cadres.appointment_services import next_step, steps_of
from sausat.cadres.models import Appointment, AppointmentCandidate, AppointmentStep
from sausat.cadres.rules import rule_by_code
from sausat.directives.status import Status


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: dt.date | None
    done_on: dt.date | None
    status: Status


def _status(due: dt.date | None, done_on: dt.date | None, today: dt.date) -> Status:
    if due is None:
        return Status.NO_DEADLINE
    if done_on is not None:
        return Status.COMPLETED_ON_TIME if done_on <= due else Status.COMPLETED_LATE
    return Status.OVERDUE if today > due else Status.IN_PROGRESS


def deadlines(appointment: Appointment, today: dt.date) -> list[DeadlineRow]:
    rule = rule_by_code(appointment.rule_code)
    return [
        DeadlineRow(
            f"Cấp có thẩm quyền cho chủ trương ({rule['policy_working_days']} ngày làm việc)",
            appointment.policy_due,
            appointment.policy_approved_on,
            _status(appointment.policy_due, appointment.policy_approved_on, today),
        ),
        DeadlineRow(
            f"Hoàn thành quy trình ({rule['finish_working_days']} ngày làm việc từ khi có chủ trương)",
            appointment.finish_due,
            appointment.finished_on,
            _status(appointment.finish_due, appointment.finished_on, today),
        ),
    ]


@dataclass
class StepRow:
    number: int
    title: str
    ballot: str
    attempts: list[AppointmentStep]
    is_next: bool


def step_rows(appointment: Appointment) -> list[StepRow]:
    held: dict[int, list[AppointmentStep]] = {}
    for step in appointment.steps.select_related("chosen__person").order_by("number", "id"):
        held.setdefault(step.number, []).append(step)
    upcoming = next_step(appointment)
    return [
        StepRow(i, s["title"], s["ballot"], held.get(i, []), upcoming == i)
        for i, s in enumerate(steps_of(appointment), 1)
    ]


def vote_lines(step: AppointmentStep, candidates: dict[int, AppointmentCandidate]) -> list[tuple[str, Any]]:
    """(who, ballots) of a held step, in candidate order."""
    out: list[tuple[str, Any]] = []
    for key, n in step.votes.items():
        label = "Đồng ý" if key == "agree" else str(candidates[int(key)].person) if int(key) in candidates else key
        out.append((label, n))
    return out
