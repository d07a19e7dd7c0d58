"""Reads of the cadre record. Callers have passed the policy; these only assemble."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

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
from sausat.cadres.planning_selectors import Flag, RotationView, record_flags, rotations_with_evaluations

# Re-exported: the planning hook for appointment eligibility (see sausat.cadres.planning_selectors).
from sausat.cadres.planning_selectors import planned_entries as planned_entries
from sausat.cadres.planning_selectors import planned_for as planned_for
from sausat.liaison.selectors import FieldAssignment, field_assignments
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
    # Planning flags per live entry, rotations with the evaluations during them, liaison
    # assignments counted as field training (seed 003): see sausat.cadres.planning_selectors.
    planning_flags: dict[int, list[Flag]] = field(default_factory=dict)
    rotation_views: list[RotationView] = field(default_factory=list)
    field_training: list[FieldAssignment] = field(default_factory=list)


def record(profile: CadreProfile, *, with_reads: bool = True, reads_limit: int = 50) -> Record:
    """Everything on one person's record in a constant number of queries."""
    person = profile.person
    evaluations = list(
        Evaluation.objects.filter(person=person).select_related("period").order_by("-period__end", "-id")
    )
    today = timezone.localdate()  # flags and open rotations as of today, in Vietnam
    rec = Record(
        profile=profile,
        positions=list(person.positions.select_related("organ", "unit").order_by("-start_date", "sort_order")),
        planning=list(person.planning_entries.select_related("unit").order_by("-term", "id")),
        rotations=list(person.rotations.select_related("from_unit", "to_unit")),
        evaluations=evaluations,
        votes=list(VoteCandidate.objects.filter(person=person).select_related("session").order_by("-session__held_on")),
        training=list(person.training_records.all()),
        discipline=list(person.discipline_records.all()),
        reads=list(RecordAccess.objects.filter(person=person)[:reads_limit]) if with_reads else [],
        field_training=field_assignments(person.pk),
    )
    rec.planning_flags = record_flags(profile, rec.planning, rec.discipline, rec.votes, today)
    for entry in rec.planning:
        entry.auto_flags = rec.planning_flags.get(entry.pk, [])  # type: ignore[attr-defined]  # for templates
    rec.rotation_views = rotations_with_evaluations(rec.rotations, rec.evaluations, today)
    return rec
