"""Reads of the cadre record. Callers have passed the policy; these only assemble."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sausat.cadres.models import CadreProfile, Evaluation, RecordAccess, VoteCandidate
from sausat.cadres.rules import rule_by_code


@dataclass
class Record:
    profile: CadreProfile
    positions: list
    planning: list
    rotations: list
    evaluations: list
    votes: list
    training: list
    discipline: list
    reads: list


def record(profile: CadreProfile, *, with_reads: bool = True, reads_limit: int = 50) -> Record:
    """Everything on one person's record in a constant number of queries."""
    person = profile.person
    evaluations = list(
        Evaluation.objects.filter(person=person).select_related("period").order_by("-period__end", "-id")
    )
    for ev in evaluations:
        ev.rule = rule_by_code(ev.rule_code)
    return Record(
        profile=profile,
        positions=list(person.positions.select_related("organ", "unit").order_by("-start_date", "sort_order")),
        planning=list(person.planning_entries.select_related("unit").order_by("-term", "id")),
        rotations=list(person.rotations.select_related("from_unit", "to_unit")),
        evaluations=evaluations,
        votes=list(VoteCandidate.objects.filter(person=person).select_related("session").order_by("-session__held_on")),
        training=list(person.training_records.all()),
        discipline=list(person.discipline_records.all()),
        reads=list(RecordAccess.objects.filter(person=person)[:reads_limit]) if with_reads else [],
    )


def current_positions(rec: Record, today: dt.date) -> list:
    return [p for p in rec.positions if p.is_held_on(today)]
