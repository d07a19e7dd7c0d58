"""Writes of confidence votes (96-QĐ/TW): the session, attendance, the paper tally and the
consequences raised as tasks for the organisation board through the directives services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sausat.cadres import policy
from sausat.cadres.models import BallotBox, Consequence, VoteCandidate, VoteSession
from sausat.cadres.rules import Kind, Rule, fraction_exceeded, fraction_reached, rule_by_code, rule_for
from sausat.core.actors import Actor
from sausat.core.calendar import PeriodUnit, deadline
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_update
from sausat.directives import services as directives
from sausat.directives.models import DeadlineKind, DocumentKind
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person
from sausat.textkit.normalize import normalize_line


def create_session(
    *,
    actor: Actor,
    unit: AdministrativeUnit,
    title: str,
    held_on: dt.date,
    summoned: int,
    candidates: Iterable[tuple[Person, str]],
) -> VoteSession:
    require_in_scope(actor, lambda: policy.can_manage(actor, unit))
    rule = rule_for(Kind.CONFIDENCE_VOTE, held_on)
    title = normalize_line(title)
    candidates = [(p, normalize_line(t)) for p, t in candidates]
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên hội nghị lấy phiếu."})
    if summoned <= 0:
        raise ValidationError({"summoned": "Số người được triệu tập phải lớn hơn 0."})
    if not candidates:
        raise ValidationError("Chưa có người nào được lấy phiếu.")
    with transaction.atomic():
        for person, _post in candidates:
            places = (
                VoteCandidate.objects.filter(person=person, session__held_on__year=held_on.year)
                .values("session_id")
                .distinct()
                .count()
            )
            if places >= rule["max_places"]:
                raise ValidationError(
                    f"{person} đã được lấy phiếu ở {places} nơi trong năm {held_on.year}; "
                    f"tối đa {rule['max_places']} nơi ({rule.code})."
                )
        session = do_create(
            VoteSession,
            actor=actor,
            verb="cadres.vote.create",
            unit=unit,
            title=title,
            held_on=held_on,
            rule_code=rule.code,
            summoned=summoned,
        )
        for person, post in candidates:
            do_create(
                VoteCandidate,
                actor=actor,
                verb="cadres.vote.add_candidate",
                session=session,
                person=person,
                post_title=post,
            )
    return session


def record_attendance(*, actor: Actor, session: VoteSession, present: int) -> VoteSession:
    """Quorum: >= 2/3 of those summoned, else refused with the count."""
    require_in_scope(actor, lambda: policy.can_manage(actor, session.unit))
    rule = rule_by_code(session.rule_code)
    if present < 0 or present > session.summoned:
        raise ValidationError(
            {"present": f"Số có mặt ({present}) phải từ 0 đến số được triệu tập ({session.summoned})."}
        )
    if not fraction_reached(present, session.summoned, rule["quorum"]):
        num, den = rule["quorum"]
        needed = -(-session.summoned * num // den)
        raise ValidationError(
            f"Không đủ số lượng: có mặt {present}/{session.summoned} người được triệu tập, "
            f"cần ít nhất {needed} ({num}/{den}, {rule.code}); hội nghị không hợp lệ."
        )
    with transaction.atomic():
        return do_update(session, actor=actor, verb="cadres.vote.attendance", present=present)


def _tally_errors(
    session: VoteSession,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    counts: Mapping[int, tuple[int, int, int]],
) -> list[str]:
    errors = []
    present = session.present or 0
    if issued > present:
        errors.append(
            f"Số phiếu phát ra ({issued}) lớn hơn số người có mặt ({session.present}): thừa {issued - present}."
        )
    if returned > issued:
        errors.append(f"Số phiếu thu về ({returned}) lớn hơn số phát ra ({issued}): thừa {returned - issued}.")
    if valid + invalid != returned:
        errors.append(
            f"Phiếu hợp lệ ({valid}) + không hợp lệ ({invalid}) = {valid + invalid}, "
            f"khác số thu về ({returned}): chênh {valid + invalid - returned:+d}."
        )
    for candidate in session.candidates.all():
        if candidate.pk not in counts:
            errors.append(f"Chưa nhập đủ kết quả của {candidate.person}.")
            continue
        high, conf, low = counts[candidate.pk]
        if high + conf + low != valid:
            errors.append(
                f"{candidate.person}: cao {high} + tín nhiệm {conf} + thấp {low} = {high + conf + low}, "
                f"khác số phiếu hợp lệ ({valid}): chênh {high + conf + low - valid:+d}."
            )
    return errors


def enter_tally(
    *,
    actor: Actor,
    session: VoteSession,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    counts: Mapping[int, tuple[int, int, int]],
) -> VoteSession:
    """The counting board's paper tally; refused whole, with the differences, when it does not
    add up. Low-confidence results raise their consequences as organisation-board tasks."""
    require_in_scope(actor, lambda: policy.can_manage(actor, session.unit))
    with transaction.atomic():
        session = VoteSession.objects.select_for_update().get(pk=session.pk)
        if session.present is None:
            raise ValidationError("Chưa ghi nhận số người có mặt (điều kiện hợp lệ của hội nghị).")
        if session.tallied_at is not None:
            raise ValidationError("Kết quả kiểm phiếu đã được nhập và khóa.")
        if BallotBox.objects.filter(session=session, closed_at__isnull=True).exists():
            # An open electronic box is counted by ballot_services.close_and_count, never by hand.
            raise ValidationError("Hội nghị đang bỏ phiếu điện tử: kết quả được kiểm từ phiếu điện tử khi kết thúc.")
        errors = _tally_errors(session, issued, returned, valid, invalid, counts)
        if errors:
            raise ValidationError(errors)
        session = do_update(
            session,
            actor=actor,
            verb="cadres.vote.tally",
            issued=issued,
            returned=returned,
            valid=valid,
            invalid=invalid,
            tallied_at=timezone.now(),
        )
        rule = rule_by_code(session.rule_code)
        flagged = []
        for candidate in session.candidates.select_related("person"):
            high, conf, low = counts[candidate.pk]
            consequence = Consequence.NONE
            if fraction_reached(low, returned, rule["low_dismiss"]):
                consequence = Consequence.DISMISS
            elif fraction_exceeded(low, returned, rule["low_consider"]):
                consequence = Consequence.CONSIDER
            updated = do_update(
                candidate,
                actor=actor,
                verb="cadres.vote.result",
                high=high,
                confidence=conf,
                low=low,
                consequence=consequence,
            )
            if consequence:
                flagged.append(updated)
        if flagged:
            _raise_consequences(actor=actor, session=session, candidates=flagged, rule=rule)
    return session


def _organ(unit: AdministrativeUnit, *keys: str) -> Organ:
    for key in keys:
        organ = Organ.objects.filter(unit=unit, key=key).first()
        if organ is not None:
            return organ
    raise ValidationError(f"{unit.name} chưa có cơ quan “{keys[0]}” để giao nhiệm vụ theo kết quả lấy phiếu.")


def _raise_consequences(*, actor: Actor, session: VoteSession, candidates: list[VoteCandidate], rule: Rule) -> None:
    board = _organ(session.unit, "party_organisation_board")
    issuer = _organ(session.unit, "party_standing", "party_committee")
    document = directives.register_document(
        actor=actor,
        kind=DocumentKind.CONCLUSION_NOTICE,
        issuing_organ=issuer,
        date=session.held_on,
        title=f"Xử lý kết quả lấy phiếu tín nhiệm: {session.title}",
        unit=session.unit,
    )
    days = rule.get("consequence_deadline_working_days", 15)
    due = deadline(session.held_on, days, PeriodUnit.WORKING_DAYS, place=session.unit)
    for candidate in candidates:
        share = 100 * (candidate.low or 0) / (session.returned or 1)  # a tally is recorded: returned > 0
        task = directives.add_task(
            actor=actor,
            document=document,
            title=(
                f"{candidate.get_consequence_display()}: {candidate.person} ({candidate.post_title}), "
                f"{candidate.low}/{session.returned} phiếu tín nhiệm thấp ({share:.1f}%)".replace(".", ",")
            ),
            lead_organ=board,
            deadline_kind=DeadlineKind.FIXED,
            deadline_date=due,
            priority=1,
        )
        do_update(candidate, actor=actor, verb="cadres.vote.consequence_task", consequence_task=task)
