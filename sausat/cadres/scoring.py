"""The 70 task points computed from the directives record, and the level a score reaches.

Each task that fell due (or was done) in the period weighs ``task_max / n``. Of that weight a
share ``progress_share`` is for progress: a task done late loses ``late_product_penalty`` (25 %)
of it per late product (one product per task here); a task not done by the period's end earns
nothing. Tasks still within their deadline at the period's end are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sausat.cadres.rules import LEVEL_ORDER, Level, Rule

DONE_ON_TIME = "completed_on_time"
DONE_LATE = "completed_late"
NOT_DUE = ("in_progress", "not_started", "no_deadline")

TWO = Decimal("0.01")


def _d(value: float) -> Decimal:
    return Decimal(str(value)).quantize(TWO, rounding=ROUND_HALF_UP)


@dataclass
class TaskScore:
    points: Decimal | None  # None: no task to judge; the evaluator enters points with a reason
    counted: int = 0
    on_time: int = 0
    late: int = 0
    not_done: int = 0
    beyond: int = 0
    rows: list[dict] = field(default_factory=list)

    @property
    def all_on_time(self) -> bool:
        return self.counted > 0 and self.on_time == self.counted

    @property
    def all_done(self) -> bool:
        return self.not_done == 0

    def share(self, n: int) -> float:
        return n / self.counted if self.counted else 0.0

    def as_json(self) -> dict:
        return {
            "counted": self.counted,
            "on_time": self.on_time,
            "late": self.late,
            "not_done": self.not_done,
            "beyond": self.beyond,
            "points": str(self.points) if self.points is not None else None,
            "tasks": self.rows,
        }


def task_points(evidence, rule: Rule) -> TaskScore:
    """Score ``evidence`` (:class:`sausat.directives.selectors.TaskEvidence` rows) under ``rule``."""
    judged = [e for e in evidence if e.status not in NOT_DUE]
    score = TaskScore(points=None, counted=len(judged))
    if not judged:
        score.rows = [_row(e, None) for e in evidence]
        return score
    weight = rule["task_max"] / len(judged)
    progress = weight * rule["progress_share"]
    total = 0.0
    for e in evidence:
        if e.status in NOT_DUE:
            score.rows.append(_row(e, None))
            continue
        if e.status == DONE_ON_TIME:
            earned = weight
            score.on_time += 1
        elif e.status == DONE_LATE:
            earned = weight - progress * rule["late_product_penalty"]
            score.late += 1
        else:
            earned = 0.0
            score.not_done += 1
        if e.beyond_requirement and e.status in (DONE_ON_TIME, DONE_LATE):
            score.beyond += 1
        total += earned
        score.rows.append(_row(e, earned))
    score.points = _d(min(total, rule["task_max"]))
    return score


def _row(e, earned: float | None) -> dict:
    return {
        "task_id": e.task_id,
        "title": e.title,
        "due_date": e.due_date.isoformat() if e.due_date else None,
        "completed_on": e.completed_on.isoformat() if e.completed_on else None,
        "status": e.status,
        "beyond": e.beyond_requirement,
        "points": str(_d(earned)) if earned is not None else None,
    }


def level_for(*, score: Decimal, tasks: dict, rule: Rule, collective: bool, flags: list[str]) -> Level:
    """The highest level whose points and extra conditions are met (366-QĐ/TW, 335/2025)."""
    if flags:
        return Level.NOT_COMPLETE
    counted = tasks.get("counted", 0)
    on_time, late, not_done, beyond = (tasks.get(k, 0) for k in ("on_time", "late", "not_done", "beyond"))
    thresholds = rule["thresholds"]
    all_on_time = on_time == counted
    for level in LEVEL_ORDER[:-1]:
        if score < thresholds[level]:
            continue
        if level == Level.EXCELLENT and not (
            all_on_time and counted and beyond / counted >= rule["excellent_beyond_share"]
        ):
            continue
        if level == Level.GOOD and not all_on_time:
            continue
        if level == Level.COMPLETE:
            if not_done:
                continue
            if collective and counted and late / counted > rule["complete_late_share_collective"]:
                continue
        return level
    return Level.NOT_COMPLETE
