"""Reads of the cadre record. Callers have passed the policy; these only assemble."""

from __future__ import annotations

from dataclasses import dataclass

from sausat.cadres.models import (
    CadreProfile,
    DisciplineRecord,
    Evaluation,
    PlanningEntry,
    RecordAccess,
    Rotation,
    TrainingRecord,
    VoteCandidate,
)
from sausat.people.models import Position


@dataclass
class Record:
    profile: CadreProfile
    positions: list[Position]
    planning: list[PlanningEntry]
    rotations: list[Rotation]
    evaluations: list[Evaluation]
    votes: list[VoteCandidate]
    training: list[TrainingRecord]
    discipline: list[DisciplineRecord]
    reads: list[RecordAccess]


def record(profile: CadreProfile, *, with_reads: bool = True, reads_limit: int = 50) -> Record:
    """Everything on one person's record in a constant number of queries."""
    person = profile.person
    evaluations = list(
        Evaluation.objects.filter(person=person).select_related("period").order_by("-period__end", "-id")
    )
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
