"""Writes of the cadre record and of evaluations. Each is atomic and writes its audit row(s).

Votes are in :mod:`sausat.cadres.vote_services` (same conventions). Every refusal is a Vietnamese
``ValidationError`` carrying the numbers that caused it, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sausat.cadres import policy
from sausat.cadres.models import (
    REPRIMAND_OR_WORSE,
    AccessKind,
    CadreProfile,
    DisciplineRecord,
    Evaluation,
    EvaluationDecision,
    EvaluationPeriod,
    PeriodKind,
    RecordAccess,
    Step,
    Track,
    TrainingRecord,
)
from sausat.cadres.rules import Kind, Level, Rule, rule_by_code, rule_for
from sausat.cadres.scoring import level_for, task_points
from sausat.core.actors import Actor, acting_user, actor_label
from sausat.core.models import AuditEvent
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_update, record_audit, snapshot
from sausat.directives.selectors import evidence_for
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person
from sausat.textkit.normalize import normalize, normalize_line

GOOD_OR_BETTER = (Level.EXCELLENT, Level.GOOD)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}".replace(".", ",").removesuffix(",0")


# --- The access log -------------------------------------------------------------------------------


def log_access(*, user: Actor, person: Person, what: str, object_id: Any = "") -> RecordAccess:
    """Note one read. Called by every view, API endpoint and export that shows record data."""
    with transaction.atomic():
        return RecordAccess.objects.create(
            person=person,
            user=acting_user(user),
            user_label=actor_label(user),
            what=AccessKind(what),
            object_id=str(object_id or ""),
            at=timezone.now(),
        )


# --- The record -----------------------------------------------------------------------------------


def ensure_profile(
    *,
    actor: Actor,
    person: Person,
    unit: AdministrativeUnit,
    is_party_member: bool = True,
    is_civil_servant: bool = False,
    group: str = "",
) -> CadreProfile:
    require_in_scope(actor, lambda: policy.can_manage(actor, unit))
    existing = CadreProfile.objects.filter(person=person).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        return do_create(
            CadreProfile,
            actor=actor,
            verb="cadres.profile.create",
            person=person,
            unit=unit,
            is_party_member=is_party_member,
            is_civil_servant=is_civil_servant,
            group=normalize_line(group),
        )


def _profile_unit(person: Person) -> AdministrativeUnit:
    profile = CadreProfile.objects.filter(person=person).select_related("unit").first()
    if profile is None:
        raise ValidationError(f"{person} chưa có hồ sơ cán bộ; Ban Tổ chức cần lập hồ sơ trước.")
    return profile.unit


def add_training(
    *, actor: Actor, person: Person, course: str, start: dt.date, end: dt.date | None = None
) -> TrainingRecord:
    require_in_scope(actor, lambda: policy.can_manage(actor, _profile_unit(person)))
    course = normalize_line(course)
    if not course:
        raise ValidationError({"course": "Vui lòng nhập tên lớp, khóa đào tạo."})
    with transaction.atomic():
        return do_create(
            TrainingRecord, actor=actor, verb="cadres.training.add", person=person, course=course, start=start, end=end
        )


def add_discipline(
    *, actor: Actor, person: Person, form: str, decided_on: dt.date, reason: str = ""
) -> DisciplineRecord:
    require_in_scope(actor, lambda: policy.can_manage(actor, _profile_unit(person)))
    with transaction.atomic():
        return do_create(
            DisciplineRecord,
            actor=actor,
            verb="cadres.discipline.add",
            person=person,
            form=form,
            decided_on=decided_on,
            reason=normalize(reason),
        )


# Planning and rotation writes: sausat.cadres.planning_services.


# --- Evaluation -----------------------------------------------------------------------------------


def open_period(
    *, actor: Actor, kind: str, label: str, start: dt.date, end: dt.date, unit: AdministrativeUnit
) -> EvaluationPeriod:
    require_in_scope(actor, lambda: policy.can_manage(actor, unit))
    if kind not in PeriodKind.values:
        raise ValidationError({"kind": "Loại kỳ đánh giá không hợp lệ."})
    if end < start:
        raise ValidationError({"end": f"Ngày kết thúc ({end:%d/%m/%Y}) trước ngày bắt đầu ({start:%d/%m/%Y})."})
    with transaction.atomic():
        return do_create(
            EvaluationPeriod,
            actor=actor,
            verb="cadres.period.open",
            kind=kind,
            label=normalize_line(label),
            start=start,
            end=end,
            unit=unit,
        )


def _rule_kind(track: str) -> Kind:
    return Kind.EVALUATION_STATE if track == Track.STATE else Kind.EVALUATION_PARTY


def open_evaluation(
    *,
    actor: Actor,
    period: EvaluationPeriod,
    person: Person | None = None,
    organ: Organ | None = None,
    track: str = Track.PARTY,
    group: str = "",
) -> Evaluation:
    """Put a subject on the period's list under the rule in force at the period's end."""
    if (person is None) == (organ is None):
        raise ValidationError("Chọn đúng một đối tượng đánh giá: một cá nhân hoặc một tập thể.")
    unit = _profile_unit(person) if person is not None else period.unit
    require_in_scope(actor, lambda: policy.can_manage(actor, unit))
    rule = rule_for(_rule_kind(track), period.end)
    if period.kind not in rule.get("periods", ()):
        raise ValidationError(
            f"{rule.code} không đánh giá theo kỳ “{period.get_kind_display()}” (chỉ: {', '.join(rule['periods'])})."
        )
    if not group and person is not None:
        group = CadreProfile.objects.get(person=person).group
    with transaction.atomic():
        return do_create(
            Evaluation,
            actor=actor,
            verb="cadres.evaluation.open",
            period=period,
            person=person,
            organ=organ,
            unit=unit,
            track=track,
            group=normalize_line(group),
            rule_code=rule.code,
        )


def _points(value: Any, maximum: int, field: str) -> Decimal:
    try:
        points = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: "Điểm không hợp lệ."}) from exc
    if not Decimal(0) <= points <= maximum:
        raise ValidationError({field: f"Điểm phải từ 0 đến {maximum} (đã nhập {points})."})
    return points


def _locked(evaluation: Evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("period", "person", "unit")
        .get(pk=evaluation.pk)
    )


def self_assess(*, actor: Actor, evaluation: Evaluation, general_points: Any, note: str = "") -> Evaluation:
    require_in_scope(actor, lambda: policy.can_self_assess(actor, evaluation))
    rule = rule_by_code(evaluation.rule_code)
    with transaction.atomic():
        current = _locked(evaluation)
        if current.step not in (Step.OPEN, Step.SELF):
            raise ValidationError(f"Bước tự đánh giá đã qua (hiện: {current.get_step_display()}).")
        points = _points(general_points, rule.get("general_max", 30), "general_points") if rule.scored else None
        return do_update(
            current,
            actor=actor,
            verb="cadres.evaluation.self_assess",
            self_general=points,
            self_note=normalize(note),
            self_by=acting_user(actor),
            self_at=timezone.now(),
            step=Step.SELF,
        )


def compute_tasks(evaluation: Evaluation) -> dict[str, Any]:
    """The task evidence and points of ``evaluation`` from the directives record, as stored."""
    rule = rule_by_code(evaluation.rule_code)
    period = evaluation.period
    evidence = evidence_for(
        person_id=evaluation.person_id, organ_id=evaluation.organ_id, start=period.start, end=period.end
    )
    if not rule.scored:
        return {
            "counted": 0,
            "points": None,
            "tasks": [],
            "note": f"{rule.code} xếp loại theo tiêu chí, không chấm điểm.",
        }
    return task_points(evidence, rule).as_json()


def automatic_flags(evaluation: Evaluation) -> list[str]:
    """The automatic "not complete" conditions the record shows (discipline of reprimand or worse
    within the period)."""
    if evaluation.person_id is None:
        return []
    period = evaluation.period
    found = DisciplineRecord.objects.filter(
        person_id=evaluation.person_id, form__in=REPRIMAND_OR_WORSE, decided_on__range=(period.start, period.end)
    )
    return [f"discipline:{d.form}:{d.decided_on.isoformat()}" for d in found]


def suggested_level(evaluation: Evaluation) -> Level | None:
    rule = rule_by_code(evaluation.rule_code)
    if not rule.scored or evaluation.score is None:
        return None
    return level_for(
        score=evaluation.score,
        tasks=evaluation.evidence or {},
        rule=rule,
        collective=evaluation.organ_id is not None,
        flags=evaluation.flags or [],
    )


def appraise(
    *,
    actor: Actor,
    evaluation: Evaluation,
    general_points: Any,
    proposed_level: str,
    note: str = "",
    task_points_adjusted: Any = None,
    adjustment_reason: str = "",
) -> Evaluation:
    """The board's appraisal: task points recomputed from the record; an adjustment needs a reason."""
    require_in_scope(actor, lambda: policy.can_manage(actor, evaluation.unit))
    rule = rule_by_code(evaluation.rule_code)
    if proposed_level not in Level.__members__.values():
        raise ValidationError({"proposed_level": "Mức xếp loại không hợp lệ."})
    adjustment_reason = normalize(adjustment_reason)
    adjusted = None
    if task_points_adjusted not in (None, ""):
        adjusted = _points(task_points_adjusted, rule.get("task_max", 70), "task_points_adjusted")
        if not adjustment_reason:
            raise ValidationError(
                {"adjustment_reason": "Điều chỉnh điểm kết quả nhiệm vụ phải nêu lý do bằng văn bản."}
            )
    with transaction.atomic():
        current = _locked(evaluation)
        if current.step == Step.DECIDED:
            raise ValidationError("Kết quả đã được quyết định; chỉ thay đổi bằng một quyết định mới.")
        tasks = compute_tasks(current)
        computed = Decimal(tasks["points"]) if tasks.get("points") is not None else None
        if rule.scored and computed is None and adjusted is None:
            raise ValidationError(
                {"task_points_adjusted": "Không có nhiệm vụ nào đến hạn trong kỳ: nhập điểm kết quả và nêu lý do."}
            )
        general = _points(general_points, rule.get("general_max", 30), "general_points") if rule.scored else None
        return do_update(
            current,
            actor=actor,
            verb="cadres.evaluation.appraise",
            general_points=general,
            task_points_computed=computed,
            task_points_adjusted=adjusted,
            adjustment_reason=adjustment_reason if adjusted is not None else "",
            evidence=tasks,
            flags=automatic_flags(current),
            proposed_level=proposed_level,
            appraisal_note=normalize(note),
            appraised_by=acting_user(actor),
            appraised_at=timezone.now(),
            step=Step.APPRAISED,
        )


def _quota_check(rule: Rule, group_rows: list[tuple[int, str]], label: str) -> None:
    """``group_rows``: (evaluation id, level) of one group after the decision."""
    excellent = sum(1 for _, lv in group_rows if lv == Level.EXCELLENT)
    good_or_better = sum(1 for _, lv in group_rows if lv in GOOD_OR_BETTER)
    quota = rule.get("excellent_quota")
    if quota is None or not excellent:
        return
    allowed = int(quota * good_or_better + 1e-9)
    if excellent > allowed:
        raise ValidationError(
            f"Vượt tỷ lệ “Hoàn thành xuất sắc” trong nhóm “{label}”: {excellent} xuất sắc trên "
            f"{good_or_better} người từ hoàn thành tốt trở lên; tối đa {_pct(quota)}% tức {allowed} người ({rule.code})."
        )


def _share_check(unit_id: int, period_id: int, levels: Mapping[int, str]) -> None:
    """48/2023, 335/2025: the excellent share among civil servants <= that among party members."""
    rows = Evaluation.objects.filter(unit_id=unit_id, period_id=period_id, person__isnull=False)
    shares = {}
    for track in (Track.STATE, Track.PARTY):
        decided = [levels.get(e.pk, e.level) for e in rows if e.track == track]
        decided = [lv for lv in decided if lv]
        if not decided:
            return
        shares[track] = (sum(1 for lv in decided if lv == Level.EXCELLENT), len(decided))
    (cs_e, cs_n), (p_e, p_n) = shares[Track.STATE], shares[Track.PARTY]
    if cs_e * p_n > p_e * cs_n:
        raise ValidationError(
            f"Tỷ lệ công chức hoàn thành xuất sắc ({cs_e}/{cs_n} = {_pct(cs_e / cs_n)}%) vượt tỷ lệ đảng viên "
            f"hoàn thành xuất sắc cùng đơn vị ({p_e}/{p_n} = {_pct(p_e / p_n)}%)."
        )


def decide(
    *,
    actor: Actor,
    decisions: Iterable[tuple[Evaluation, str]],
    decided_on: dt.date,
    reference: str = "",
    reason: str = "",
) -> list[Evaluation]:
    """The competent level decides levels, one or a whole list at once. A level the points and
    conditions do not reach, or past the quota, is refused with the numbers; nothing is written
    then. Changing a decided result needs a reason and writes a new decision."""
    leveled = [(e, Level(lv)) for e, lv in decisions]
    reason = normalize(reason)
    for evaluation, _lv in leveled:
        require_in_scope(actor, functools.partial(policy.can_decide, actor, evaluation.unit))
    with transaction.atomic():
        current = {e.pk: _locked(e) for e, _ in leveled}
        levels = {e.pk: lv for e, lv in leveled}
        for pk, ev in current.items():
            if ev.step not in (Step.APPRAISED, Step.DECIDED):
                raise ValidationError(f"{ev.subject_name}: chưa qua bước thẩm định (hiện: {ev.get_step_display()}).")
            if ev.step == Step.DECIDED and not reason:
                raise ValidationError(f"{ev.subject_name}: kết quả đã quyết định; thay đổi phải nêu lý do.")
            ceiling = suggested_level(ev)
            if ceiling is not None and levels[pk].rank < ceiling.rank:
                raise ValidationError(
                    f"{ev.subject_name}: {ev.score} điểm ({ev.evidence.get('on_time', 0)}/"
                    f"{ev.evidence.get('counted', 0)} nhiệm vụ đúng hạn, {ev.evidence.get('beyond', 0)} vượt yêu cầu) "
                    f"chỉ đạt mức “{ceiling.label}” theo {ev.rule_code}, không thể quyết định “{levels[pk].label}”."
                )
        groups = {(ev.period_id, ev.unit_id, ev.track, ev.group) for ev in current.values()}
        for period_id, unit_id, track, group in groups:
            rows = Evaluation.objects.filter(period_id=period_id, unit_id=unit_id, track=track, group=group)
            group_rows = [(e.pk, levels.get(e.pk, e.level)) for e in rows]
            rule = rule_by_code(next(ev.rule_code for ev in current.values() if ev.period_id == period_id))
            _quota_check(rule, group_rows, group or "chung")
            if track == Track.STATE and rule.get("civil_servant_share_capped_by_party"):
                _share_check(unit_id, period_id, levels)
        out = []
        now = timezone.now()
        for pk, ev in current.items():
            before = snapshot(ev, ["level", "step"])
            row = EvaluationDecision.objects.create(
                evaluation=ev,
                level=levels[pk],
                score=ev.score,
                rule_code=ev.rule_code,
                reference=normalize_line(reference),
                reason=reason,
                decided_by=acting_user(actor),
                decided_on=decided_on,
                at=now,
            )
            Evaluation.objects.filter(pk=pk).update(
                level=levels[pk], step=Step.DECIDED, updated_at=now, version=ev.version + 1
            )
            ev.refresh_from_db()
            record_audit(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                obj=ev,
                verb="cadres.evaluation.redecide" if before["step"] == Step.DECIDED else "cadres.evaluation.decide",
                before=before,
                after={"level": ev.level, "step": ev.step, "decision_id": row.pk, "reason": reason},
            )
            out.append(ev)
    return out
