"""Task points of a whole period at once: a province scores thousands of cadres for a year from
the directives record in a constant number of queries (the per-subject path,
:func:`sausat.cadres.services.compute_tasks`, is what the appraisal stores; both score with
:func:`sausat.cadres.scoring.task_points`, so they agree)."""

from __future__ import annotations

from sausat.cadres.models import Evaluation, EvaluationPeriod
from sausat.cadres.rules import rule_by_code
from sausat.cadres.scoring import TaskScore, task_points
from sausat.directives.selectors import evidence_for_persons


def period_task_scores(period: EvaluationPeriod) -> dict[int, TaskScore | None]:
    """{evaluation id: task score} for every individual evaluation of ``period``; None under a rule
    that classifies by criteria (no points). Collectives keep the per-subject path."""
    rows = list(
        Evaluation.objects.filter(period=period, person__isnull=False).values_list("pk", "person_id", "rule_code")
    )
    evidence = evidence_for_persons(
        Evaluation.objects.filter(period=period, person__isnull=False).values("person_id"),
        start=period.start,
        end=period.end,
    )
    rules = {code: rule_by_code(code) for code in {code for _pk, _pid, code in rows}}
    return {
        pk: task_points(evidence.get(person_id, []), rules[code]) if rules[code].scored else None
        for pk, person_id, code in rows
    }
