"""Writes for grassroots liaison. Each service is atomic and writes exactly one audit row.

Field submissions (activities, reports) are idempotent: the form carries a key generated when it
was rendered; a retry with the same key returns the row the first attempt created, and a
database UniqueConstraint on the key settles concurrent retries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from sausat.core.actors import Actor, acting_user
from sausat.core.calendar import deadline, local_date
from sausat.core.dated_rules import setting_for
from sausat.core.models import AuditEvent
from sausat.core.policy import require_in_scope
from sausat.core.references import reference_source
from sausat.core.services import do_create, do_update, record_audit, snapshot
from sausat.geo.models import AdministrativeUnit
from sausat.liaison import photos as photo_store
from sausat.liaison import policy
from sausat.liaison.feedback_specificity import METHOD, specificity
from sausat.liaison.models import (
    TEXT_LIMIT,
    Activity,
    ActivityKind,
    ActivityPhoto,
    Assignment,
    AssignmentDecision,
    AssignmentRole,
    Escalation,
    FeedbackItem,
    PressingIssue,
    Schedule,
    SituationReport,
)
from sausat.liaison.periods import Period, report_due
from sausat.people import services as people_services
from sausat.people.models import Organ, Person, Role
from sausat.textkit.normalize import normalize, normalize_line

# The escalation period is a dated setting ("liaison.escalation_period", docs/rules.md); this is
# its code default, kept for readers of the old name.
ESCALATION_WORKING_DAYS = 10
ESCALATION_PERIOD = "liaison.escalation_period"


def _text(value: str | None, label: str, *, required: bool = False, limit: int = TEXT_LIMIT) -> str:
    value = normalize(value or "")
    if required and not value:
        raise ValidationError({label: "Vui lòng nhập nội dung."})
    if len(value) > limit:
        raise ValidationError({label: f"Nội dung dài {len(value)} ký tự, vượt giới hạn {limit} ký tự."})
    return value


def _line(value: str | None, label: str, *, required: bool = False, limit: int = 300) -> str:
    value = normalize_line(value or "")
    if required and not value:
        raise ValidationError({label: "Vui lòng nhập thông tin này."})
    return value[:limit]


def _key(value: str | None) -> str:
    key = normalize_line(value or "")[:64]
    if len(key) < 8:
        raise ValidationError({"idempotency_key": "Thiếu mã gửi biểu mẫu. Vui lòng tải lại trang."})
    return key


def _replay[T](existing: T | None, actor: Actor) -> T | None:
    """The row a first submission with the same key created; another user's key is refused."""
    if existing is None:
        return None
    author_id = getattr(existing, "author_id", None)
    user = acting_user(actor)
    if author_id and user is not None and author_id != user.pk:
        raise ValidationError({"idempotency_key": "Mã gửi biểu mẫu không hợp lệ. Vui lòng tải lại trang."})
    return existing


def _today() -> dt.date:
    return local_date(timezone.now())


# --- Decisions and assignments ------------------------------------------------------------------


def create_decision(
    *,
    actor: Actor,
    unit: AdministrativeUnit,
    number: str,
    issued_on: dt.date,
    term_start: dt.date,
    term_end: dt.date | None = None,
    **extra: Any,
) -> AssignmentDecision:
    number = _line(number, "number", required=True, limit=100)
    if term_end and term_end < term_start:
        raise ValidationError({"term_end": "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."})
    if AssignmentDecision.objects.filter(unit=unit, number=number).exists():
        raise ValidationError({"number": f"Quyết định số {number} đã có trong hệ thống."})
    for name in ("title", "issuing_body", "related_documents"):
        if name in extra:
            extra[name] = _line(extra[name], name, limit=500)
    if "duties" in extra:
        extra["duties"] = _text(extra["duties"], "duties")
    return do_create(
        AssignmentDecision,
        actor=actor,
        verb="liaison.decision.create",
        unit=unit,
        number=number,
        issued_on=issued_on,
        term_start=term_start,
        term_end=term_end,
        **extra,
    )


def assign_cadre(
    *,
    actor: Actor,
    decision: AssignmentDecision,
    cadre: Person,
    unit: AdministrativeUnit,
    start_date: dt.date,
    end_date: dt.date | None = None,
    role: str = AssignmentRole.LEAD,
    duties: str = "",
    cadre_title: str = "",
) -> Assignment:
    """Assign ``cadre`` to follow ``unit``; their account (if any) gets a liaison grant on it."""
    if role not in AssignmentRole.values:
        raise ValidationError({"role": "Vai trò phân công không hợp lệ."})
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
    if Assignment.objects.filter(decision=decision, cadre=cadre, unit=unit).exists():
        raise ValidationError(
            {"unit": f"{cadre.full_name} đã được phân công theo dõi {unit.name} theo quyết định này."}
        )
    with transaction.atomic():
        grant = None
        if cadre.user is not None:
            grant = people_services.grant_role(
                actor=actor, user=cadre.user, role=Role.LIAISON, unit=unit, valid_from=start_date, valid_to=end_date
            )
        assignment = Assignment(
            decision=decision,
            cadre=cadre,
            user_id=cadre.user_id,
            unit=unit,
            role=role,
            duties=_text(duties, "duties"),
            cadre_title=_line(cadre_title, "cadre_title"),
            start_date=start_date,
            end_date=end_date,
            role_grant=grant,
        )
        assignment.full_clean()
        assignment.save()
        record_audit(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=assignment,
            after=snapshot(assignment),
            verb="liaison.assignment.create",
        )
    return assignment


def end_assignment(assignment: Assignment, *, actor: Actor, last_day: dt.date) -> Assignment:
    """End an assignment after ``last_day``; the cadre loses access to the unit from the next day."""
    if last_day < assignment.start_date:
        last_day = assignment.start_date - dt.timedelta(days=1)
    with transaction.atomic():
        if assignment.role_grant_id:
            from sausat.people.models import RoleGrant

            grant = RoleGrant.objects.filter(pk=assignment.role_grant_id).first()
            if grant is not None:
                people_services.revoke_role(grant, actor=actor, on=last_day)
        return do_update(assignment, actor=actor, verb="liaison.assignment.end", end_date=last_day)


def reassign(assignment: Assignment, *, actor: Actor, new_unit: AdministrativeUnit, on: dt.date) -> Assignment:
    """Move a cadre to another unit from ``on``: the old assignment ends the day before."""
    with transaction.atomic():
        end_assignment(assignment, actor=actor, last_day=on - dt.timedelta(days=1))
        return assign_cadre(
            actor=actor,
            decision=assignment.decision,
            cadre=assignment.cadre,
            unit=new_unit,
            start_date=on,
            end_date=assignment.decision.term_end,
            role=assignment.role,
            duties=assignment.duties,
            cadre_title=assignment.cadre_title,
        )


# --- Activities ------------------------------------------------------------------------------------


@dataclass
class FeedbackInput:
    addressee: str
    content: str
    expected_response: str = ""


@dataclass
class ActivityInput:
    kind: str
    date: dt.date
    place: str = ""
    met: str = ""
    notes: str = ""
    formal_feedback: bool = False
    feedback: list[FeedbackInput] = field(default_factory=list)
    # "cầu nối" only: the decision conveyed, as a directives task id or as typed (number: title).
    linked_task_id: int | None = None
    linked_ref: str = ""


TASK_SOURCE = "directives.task"  # registered by directives (sausat.directives.references)


def _bridge_link(actor: Actor, data: ActivityInput) -> tuple[int | None, str]:
    """(task id, citation) of a "cầu nối" activity; nothing for the other kinds."""
    typed = _line(data.linked_ref, "linked_ref")
    if data.kind != ActivityKind.BRIDGE:
        if data.linked_task_id or typed:
            raise ValidationError(
                {"linked_ref": "Chỉ hoạt động cầu nối (truyền đạt chủ trương, quyết định) mới ghi văn bản truyền đạt."}
            )
        return None, ""
    if data.linked_task_id:
        source = reference_source(TASK_SOURCE)
        found = source.get(actor, data.linked_task_id) if source is not None else None
        if found is None:
            raise ValidationError({"linked_task_id": "Không tìm thấy nhiệm vụ này trong phạm vi của bạn."})
        return found.pk, found.label[:300]
    if not typed:
        raise ValidationError(
            {
                "linked_ref": "Hoạt động cầu nối cần ghi chủ trương, quyết định đã truyền đạt: "
                "chọn nhiệm vụ hoặc ghi số, ký hiệu và trích yếu văn bản."
            }
        )
    return None, typed


def log_activity(
    *,
    actor: Actor,
    cadre: Person,
    unit: AdministrativeUnit,
    assignment: Assignment | None,
    data: ActivityInput,
    photos: list[File[bytes]] | None = None,
    idempotency_key: str,
) -> tuple[Activity, bool]:
    """Record one field activity with its feedback items and photos. Returns (activity, created)."""
    key = _key(idempotency_key)
    existing = _replay(Activity.all_objects.filter(idempotency_key=key).first(), actor)
    if existing is not None:
        return existing, False
    # The target is checked against the actor's scope here, not only in the views, before any write.
    require_in_scope(actor, lambda: policy.is_own_current_assignment(actor, unit, assignment))
    if data.kind not in ActivityKind.values:
        raise ValidationError({"kind": "Loại hoạt động không hợp lệ."})
    linked_task_id, linked_ref = _bridge_link(actor, data)
    if data.date is None:
        raise ValidationError({"date": "Vui lòng nhập ngày."})
    if data.date > _today():
        raise ValidationError({"date": "Ngày hoạt động không được sau hôm nay."})
    feedback = []
    for i, item in enumerate(data.feedback):
        addressee = _line(item.addressee, "feedback")
        content = _text(item.content, "feedback")
        if not addressee and not content:
            continue
        if not addressee or not content:
            raise ValidationError({"feedback": f"Góp ý thứ {i + 1}: cần ghi cả người nhận và nội dung góp ý."})
        feedback.append(FeedbackInput(addressee, content, _line(item.expected_response, "feedback", limit=500)))
    checked = photo_store.check_photos(photos or [])
    stored: list[str] = []
    try:
        with transaction.atomic():
            activity = Activity(
                unit=unit,
                assignment=assignment,
                cadre=cadre,
                author=acting_user(actor),
                kind=data.kind,
                date=data.date,
                place=_line(data.place, "place"),
                met=_line(data.met, "met", limit=500),
                notes=_text(data.notes, "notes"),
                formal_feedback=bool(data.formal_feedback or feedback),
                linked_task_id=linked_task_id,
                linked_ref=linked_ref,
                idempotency_key=key,
            )
            activity.full_clean()
            activity.save()
            items = [
                FeedbackItem(
                    activity=activity,
                    unit=unit,
                    addressee=f.addressee,
                    content=f.content,
                    expected_response=f.expected_response,
                    specificity=specificity(f.content + " " + f.expected_response),
                    specificity_method=METHOD,
                )
                for f in feedback
            ]
            FeedbackItem.objects.bulk_create(items)
            rows = []
            for photo in checked:
                name = photo_store.store(photo)
                stored.append(name)
                rows.append(
                    ActivityPhoto(
                        activity=activity,
                        unit=unit,
                        file=name,
                        content_type=photo.content_type,
                        size=photo.size,
                        original_name=photo.original_name,
                    )
                )
            ActivityPhoto.objects.bulk_create(rows)
            after = snapshot(activity)
            after["feedback_items"] = [snapshot(i) for i in items]
            after["photos"] = [{"file": r.file.name, "content_type": r.content_type, "size": r.size} for r in rows]
            record_audit(
                actor=actor, action=AuditEvent.Action.CREATE, obj=activity, after=after, verb="liaison.activity.log"
            )
    except IntegrityError:
        photo_store.discard(stored)
        existing = Activity.all_objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing, False
        raise
    except BaseException:
        photo_store.discard(stored)
        raise
    return activity, True


# --- Situation reports and escalations -------------------------------------------------------------


@dataclass
class IssueInput:
    text: str
    escalate: bool = False
    organ: Organ | None = None


@dataclass
class ReportInput:
    period: Period
    party_organisation: str = ""
    public_sentiment: str = ""
    socio_economic: str = ""
    security_order: str = ""
    issues: list[IssueInput] = field(default_factory=list)


def province_of(unit: AdministrativeUnit) -> AdministrativeUnit:
    """The province ``unit`` lies in today: for a unit dissolved in a reorganisation (a pre-2025
    commune of a merged province), the province that took it over, whose organs answer now."""
    return AdministrativeUnit.objects.get(code=unit.province_prefix.strip("/"))


def escalation_organs(unit: AdministrativeUnit) -> QuerySet[Organ]:
    """Provincial organs a pressing issue from ``unit`` can be routed to."""
    return Organ.objects.filter(unit=province_of(unit)).order_by("sort_order", "name")


def submit_report(
    *,
    actor: Actor,
    cadre: Person,
    unit: AdministrativeUnit,
    assignment: Assignment | None,
    data: ReportInput,
    idempotency_key: str,
    submitted_at: dt.datetime | None = None,
) -> tuple[SituationReport, bool]:
    """File a situation report; escalated issues become opinions routed with a deadline."""
    key = _key(idempotency_key)
    existing = _replay(SituationReport.all_objects.filter(idempotency_key=key).first(), actor)
    if existing is not None:
        return existing, False
    require_in_scope(actor, lambda: policy.is_own_current_assignment(actor, unit, assignment))
    period = data.period
    duplicate = SituationReport.objects.filter(unit=unit, cadre=cadre, period_start=period.start).first()
    if duplicate is not None:
        raise ValidationError(
            {"period": f"Báo cáo {period.label.lower()} về {unit.name} đã được nộp. Mở báo cáo đã nộp để xem."}
        )
    sections = {
        name: _text(getattr(data, name), name)
        for name in ("party_organisation", "public_sentiment", "socio_economic", "security_order")
    }
    issues = []
    for i, issue in enumerate(data.issues):
        text = _text(issue.text, "issues")
        if not text:
            if issue.escalate:
                raise ValidationError({"issues": f"Vấn đề thứ {i + 1}: chưa nhập nội dung nên không thể kiến nghị."})
            continue
        if issue.escalate and issue.organ is None:
            raise ValidationError({"issues": f"Vấn đề thứ {i + 1}: chọn cơ quan cấp tỉnh để chuyển kiến nghị."})
        issues.append(IssueInput(text, issue.escalate, issue.organ))
    if not any(sections.values()) and not issues:
        raise ValidationError({"party_organisation": "Báo cáo chưa có nội dung. Vui lòng nhập ít nhất một mục."})
    due_days = assignment.decision.report_due_days if assignment else 5
    submitted_at = submitted_at or timezone.now()
    day = local_date(submitted_at)
    try:
        with transaction.atomic():
            report = SituationReport(
                unit=unit,
                assignment=assignment,
                cadre=cadre,
                author=acting_user(actor),
                period_start=period.start,
                period_end=period.end,
                due_date=report_due(period.end, due_days, unit),
                submitted_at=submitted_at,
                idempotency_key=key,
                **sections,
            )
            report.full_clean()
            report.save()
            escalations = []
            for order, issue in enumerate(issues):
                row = PressingIssue.objects.create(report=report, unit=unit, text=issue.text, sort_order=order)
                if issue.escalate and issue.organ is not None:  # an escalation names its organ (checked above)
                    escalations.append(_escalate(actor, row, issue.organ, day, cadre))
            after = snapshot(report)
            after["issues"] = [i.text for i in issues]
            after["escalations"] = [snapshot(e) for e in escalations]
            record_audit(
                actor=actor,
                action=AuditEvent.Action.CREATE,
                obj=report,
                after=after,
                verb="liaison.report.submit",
                # The opinions it escalated list the report in their history.
                related=[("opinions.opinion", e.opinion_id, "escalated") for e in escalations],
            )
    except IntegrityError:
        existing = SituationReport.all_objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing, False
        raise
    return report, True


def _escalate(actor: Actor, issue: PressingIssue, organ: Organ, day: dt.date, cadre: Person) -> Escalation:
    from sausat.opinions.services import register_opinion

    period = setting_for(ESCALATION_PERIOD, on=day, unit=issue.unit)
    due = deadline(day, period["amount"], period["unit"], place=issue.unit)
    opinion = register_opinion(
        actor=actor,
        text=issue.text,
        channel="liaison",
        unit=issue.unit,
        idempotency_key=f"liaison-issue-{issue.report.idempotency_key}-{issue.sort_order}",
        source_ref=f"Báo cáo tình hình #{issue.report_id} · {cadre.full_name}",
        responder_organ=organ,
        deadline=due,
        author_person=cadre,
    )
    escalation = Escalation(issue=issue, unit=issue.unit, organ=organ, deadline=due, opinion=opinion)
    escalation.full_clean()
    escalation.save()
    return escalation


def report_due_for(assignment: Assignment | None, period: Period) -> dt.date:
    if assignment is None:
        return report_due(period.end, 5)
    return report_due(period.end, assignment.decision.report_due_days, assignment.unit)


def default_schedule(assignment: Assignment | None) -> str:
    return assignment.decision.report_schedule if assignment else Schedule.MONTHLY
