"""Writes of planning (377-QĐ/TW) and rotation (65-QĐ/TW). Each is atomic and audited; every
addition and removal also leaves a :class:`PlanningChange` row with its reason and the flags that
stood at that moment. Refusals are Vietnamese ``ValidationError`` with the numbers, raised before
anything is written (a failed review writes nothing at all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sausat.cadres import planning_selectors as sel
from sausat.cadres import policy
from sausat.cadres.models import (
    CadreProfile,
    ChangeKind,
    DisciplineRecord,
    PlanningChange,
    PlanningEntry,
    PlanningReview,
    Rotation,
    VoteCandidate,
)
from sausat.cadres.rules import Kind, rule_for
from sausat.cadres.services import _profile_unit
from sausat.core.actors import Actor, acting_user, actor_label
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_update
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Person
from sausat.textkit.normalize import normalize, normalize_line, search_key


def _term(term: str) -> str:
    term = normalize_line(term).replace("–", "-").replace(" ", "")
    try:
        first, last = sel.term_years(term)
    except ValueError:
        raise ValidationError({"term": f"Nhiệm kỳ “{term}” không hợp lệ; ghi theo dạng 2025-2030."}) from None
    if last <= first:
        raise ValidationError({"term": f"Nhiệm kỳ “{term}”: năm kết thúc phải sau năm bắt đầu."})
    return f"{first}-{last}"


def _flags_now(entry: PlanningEntry, on: dt.date) -> list[str]:
    profile = CadreProfile.objects.filter(person_id=entry.person_id).first()
    flags = sel.entry_flags(
        entry,
        profile=profile,
        discipline=DisciplineRecord.objects.filter(person_id=entry.person_id),
        votes=VoteCandidate.objects.filter(person_id=entry.person_id).select_related("session"),
        rule=rule_for(Kind.PLANNING, on),
    )
    return [f.text for f in flags if f.blocking]


def _log(
    actor: Actor, entry: PlanningEntry, kind: str, on: dt.date, reason: str, review: PlanningReview | None = None
) -> PlanningChange:
    return PlanningChange.objects.create(
        entry=entry,
        review=review,
        kind=kind,
        on=on,
        reason=reason,
        flags=_flags_now(entry, on),
        by=acting_user(actor),
        by_label=actor_label(actor),
        at=timezone.now(),
    )


def _add(
    *, actor: Actor, person: Person, post_title: str, post_level: str, term: str, unit: AdministrativeUnit,
    on: dt.date, reason: str, review: PlanningReview | None = None,
) -> PlanningEntry:  # fmt: skip
    """Inside a transaction: the limits with the counts, then the entry and its log row."""
    rule = rule_for(Kind.PLANNING, on)
    post_title = normalize_line(post_title)
    post_level = normalize_line(post_level)
    if not post_title or not post_level:
        raise ValidationError({"post_title": "Vui lòng nhập chức danh quy hoạch và cấp của chức danh."})
    live = PlanningEntry.objects.select_for_update().filter(sel.live_on_q(on), term=term)
    same_post = [e for e in live.filter(unit=unit) if search_key(e.post_title) == search_key(post_title)]
    if any(e.person_id == person.pk for e in same_post):
        raise ValidationError(f"{person} đã có trong quy hoạch chức danh “{post_title}” nhiệm kỳ {term}.")
    if len(same_post) >= rule["max_per_post"]:
        raise ValidationError(
            f"Chức danh “{post_title}” nhiệm kỳ {term} đã có {len(same_post)} người trong quy hoạch; "
            f"tối đa {rule['max_per_post']} người một chức danh ({rule.code})."
        )
    n_level = live.filter(person=person, post_level=post_level).count()
    if n_level >= rule["max_posts_per_level"]:
        raise ValidationError(
            f"{person} đã được quy hoạch {n_level} chức danh cùng cấp; "
            f"tối đa {rule['max_posts_per_level']} chức danh cùng cấp ({rule.code})."
        )
    entry = do_create(
        PlanningEntry, actor=actor, verb="cadres.planning.add", person=person, post_title=post_title,
        post_level=post_level, term=term, unit=unit, rule_code=rule.code, added_on=on,
        related=[review] if review is not None else (),
    )  # fmt: skip
    _log(actor, entry, ChangeKind.ADD, on, reason, review)
    return entry


def add_planning(
    *,
    actor: Actor,
    person: Person,
    post_title: str,
    post_level: str,
    term: str,
    unit: AdministrativeUnit,
    on: dt.date,
    reason: str = "",
) -> PlanningEntry:
    """Plan ``person`` for a higher post; refused past the rule's limits, with the counts."""
    require_in_scope(actor, lambda: policy.can_manage(actor, unit))
    _profile_unit(person)  # only a managed cadre (with a record) is planned
    term = _term(term)
    with transaction.atomic():
        return _add(
            actor=actor, person=person, post_title=post_title, post_level=post_level, term=term, unit=unit, on=on,
            reason=normalize(reason),
        )  # fmt: skip


def _remove(
    actor: Actor, entry: PlanningEntry, on: dt.date, reason: str, review: PlanningReview | None = None
) -> PlanningEntry:
    if not reason:
        raise ValidationError({"reason": f"Vui lòng nêu lý do đưa {entry.person} ra khỏi quy hoạch."})
    current = PlanningEntry.objects.select_for_update().get(pk=entry.pk)
    if current.removed_on is not None:
        raise ValidationError(f"{entry.person} đã được đưa ra khỏi quy hoạch ngày {current.removed_on:%d/%m/%Y}.")
    if on < current.added_on:
        raise ValidationError(
            f"Ngày đưa ra ({on:%d/%m/%Y}) trước ngày đưa vào quy hoạch ({current.added_on:%d/%m/%Y})."
        )
    updated = do_update(
        current, actor=actor, verb="cadres.planning.remove", removed_on=on, removal_reason=reason,
        related=[review] if review is not None else (),
    )  # fmt: skip
    _log(actor, updated, ChangeKind.REMOVE, on, reason, review)
    return updated


def remove_planning(*, actor: Actor, entry: PlanningEntry, on: dt.date, reason: str) -> PlanningEntry:
    require_in_scope(actor, lambda: policy.can_manage(actor, entry.unit))
    with transaction.atomic():
        return _remove(actor, entry, on, normalize(reason))


@dataclass(frozen=True)
class Addition:
    person: Person
    post_title: str
    post_level: str
    reason: str


def review_plan(
    *,
    actor: Actor,
    unit: AdministrativeUnit,
    term: str,
    year: int,
    on: dt.date,
    removals: Sequence[tuple[PlanningEntry, str]] = (),
    additions: Sequence[Addition] = (),
    note: str = "",
) -> PlanningReview:
    """The yearly review of ``unit``'s plan for ``term``: removals first (freeing places), then
    additions, each with its reason. All or nothing: one refusal leaves the plan as it was."""
    require_in_scope(actor, lambda: policy.can_manage(actor, unit))
    term = _term(term)
    first, last = sel.term_years(term)
    if on.year != year:
        raise ValidationError({"on": f"Ngày rà soát ({on:%d/%m/%Y}) không thuộc năm {year}."})
    if not first - 5 <= year <= last:
        raise ValidationError({"year": f"Năm rà soát {year} ngoài thời gian của quy hoạch nhiệm kỳ {term}."})
    if not removals and not additions:
        raise ValidationError("Rà soát chưa có thay đổi nào: ghi nhận ít nhất một trường hợp đưa ra hoặc bổ sung.")
    for entry, _reason in removals:
        if entry.unit_id != unit.pk or entry.term != term:
            raise ValidationError(f"{entry.person} không thuộc quy hoạch nhiệm kỳ {term} của {unit.name}.")
    for addition in additions:
        _profile_unit(addition.person)
        if not normalize(addition.reason):
            raise ValidationError({"reason": f"Vui lòng nêu lý do bổ sung {addition.person} vào quy hoạch."})
    with transaction.atomic():
        if PlanningReview.objects.filter(unit=unit, term=term, year=year).exists():
            raise ValidationError(f"Quy hoạch nhiệm kỳ {term} của {unit.name} đã được rà soát năm {year}.")
        review = do_create(
            PlanningReview, actor=actor, verb="cadres.planning.review", unit=unit, term=term, year=year,
            reviewed_on=on, rule_code=rule_for(Kind.PLANNING, on).code, note=normalize(note),
        )  # fmt: skip
        for entry, reason in removals:
            _remove(actor, entry, on, normalize(reason), review)
        for a in additions:
            _add(
                actor=actor, person=a.person, post_title=a.post_title, post_level=a.post_level, term=term,
                unit=unit, on=on, reason=normalize(a.reason), review=review,
            )  # fmt: skip
    return review


def set_birth_date(*, actor: Actor, profile: CadreProfile, birth_date: dt.date | None) -> CadreProfile:
    """The exact birth date the age limit is counted from (else 1/1 of the birth year)."""
    require_in_scope(actor, lambda: policy.can_manage(actor, profile.unit))
    if birth_date is not None and profile.person.birth_year and birth_date.year != profile.person.birth_year:
        raise ValidationError(
            {"birth_date": f"Ngày sinh {birth_date:%d/%m/%Y} khác năm sinh đã ghi ({profile.person.birth_year})."}
        )
    with transaction.atomic():
        return do_update(profile, actor=actor, verb="cadres.profile.birth_date", birth_date=birth_date)


def add_rotation(
    *,
    actor: Actor,
    person: Person,
    from_title: str,
    from_unit: AdministrativeUnit,
    to_title: str,
    to_unit: AdministrativeUnit,
    start: dt.date,
    end: dt.date | None = None,
) -> Rotation:
    """65-QĐ/TW: only a cadre in the plan on the first day of the rotation is rotated."""
    require_in_scope(actor, lambda: policy.can_manage(actor, _profile_unit(person)))
    from_title, to_title = normalize_line(from_title), normalize_line(to_title)
    if not from_title or not to_title:
        raise ValidationError({"to_title": "Vui lòng nhập chức vụ hiện tại và chức vụ nơi đến."})
    if end is not None and end <= start:
        raise ValidationError({"end": f"Ngày kết thúc ({end:%d/%m/%Y}) phải sau ngày bắt đầu ({start:%d/%m/%Y})."})
    planned = sel.planned_entries(person, start)
    if not planned:
        raise ValidationError(
            f"{person} không có trong quy hoạch ngày {start:%d/%m/%Y} (0 chức danh) nên không thể luân chuyển "
            "(65-QĐ/TW: cán bộ luân chuyển phải nằm trong quy hoạch)."
        )
    with transaction.atomic():
        return do_create(
            Rotation,
            actor=actor,
            verb="cadres.rotation.add",
            person=person,
            from_title=from_title,
            from_unit=from_unit,
            to_title=to_title,
            to_unit=to_unit,
            start=start,
            end=end,
            related=planned,
        )
