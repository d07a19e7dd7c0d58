"""Writes on draft policies (đề án, chính sách) that opinions are taken into. Re-exported by services.py.

Each write is atomic and leaves one audit row. The stages' dates must follow each other: drafting,
then consultation, then adoption.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sausat.core.actors import Actor
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_soft_delete, do_update
from sausat.geo.models import AdministrativeUnit
from sausat.opinions import policy
from sausat.opinions.models import DraftPolicy, Opinion
from sausat.people.models import Organ
from sausat.textkit.normalize import normalize, normalize_line, search_key

DATE_FIELDS = ("drafting_from", "drafting_to", "consultation_from", "consultation_to", "adopted_on")
# Pairs (earlier, later) the dates must respect, with the message when they do not.
_ORDER = (
    ("drafting_from", "drafting_to", "Ngày kết thúc xây dựng dự thảo phải sau ngày bắt đầu."),
    ("consultation_from", "consultation_to", "Ngày kết thúc lấy ý kiến phải sau ngày bắt đầu."),
    ("drafting_from", "consultation_from", "Chỉ lấy ý kiến sau khi đã bắt đầu xây dựng dự thảo."),
    ("consultation_from", "adopted_on", "Đề án được thông qua sau khi đã lấy ý kiến."),
    ("consultation_to", "adopted_on", "Đề án được thông qua sau khi kết thúc lấy ý kiến."),
    ("drafting_from", "adopted_on", "Đề án được thông qua sau khi đã xây dựng dự thảo."),
)


def _check_dates(values: dict[str, dt.date | None]) -> None:
    errors: dict[str, str] = {}
    for early, late, message in _ORDER:
        start, end = values.get(early), values.get(late)
        if start and end and end < start:
            errors.setdefault(late, message)
    if errors:
        raise ValidationError(errors)


def _can_manage(actor: Actor, unit: AdministrativeUnit) -> bool:
    return policy.can_manage_drafts_at(actor, unit)


def check_draft_for(draft: DraftPolicy, opinion: Opinion) -> None:
    """An opinion can be taken only into a draft of its own unit's tree (the meeting's or the author's)."""
    paths = [opinion.unit.scope_path]
    if opinion.meeting is not None:
        paths.append(opinion.meeting.unit.scope_path)
    if draft.is_deleted or not any(p.startswith(draft.unit.scope_path) for p in paths):
        raise ValidationError({"draft_policy": "Đề án này không thuộc địa bàn của ý kiến."})


def create_draft_policy(
    *,
    actor: Actor,
    title: str,
    unit: AdministrativeUnit,
    owner_organ: Organ,
    summary: str = "",
    adoption_ref: str = "",
    demo_key: str | None = None,
    **dates: dt.date | None,
) -> DraftPolicy:
    require_in_scope(actor, lambda: _can_manage(actor, unit))
    title = normalize_line(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên đề án."})
    unknown = set(dates) - set(DATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown stage dates: {sorted(unknown)}")
    _check_dates(dates)
    stage_dates: dict[str, Any] = dict(dates)
    with transaction.atomic():
        return do_create(
            DraftPolicy,
            actor=actor,
            verb="opinion.draft_policy.create",
            title=title,
            search_key=search_key(title)[:500],
            unit=unit,
            owner_organ=owner_organ,
            summary=normalize(summary),
            adoption_ref=normalize_line(adoption_ref),
            demo_key=demo_key,
            **stage_dates,
        )


def update_draft_policy(
    draft: DraftPolicy, *, actor: Actor, expected_version: int | None = None, **changes: Any
) -> DraftPolicy:
    """Change the title, owner, summary or a stage's dates (optimistic-locked with ``expected_version``)."""
    require_in_scope(actor, lambda: _can_manage(actor, draft.unit))
    allowed = {"title", "owner_organ", "summary", "adoption_ref", *DATE_FIELDS}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot change: {sorted(unknown)}")
    if "title" in changes:
        changes["title"] = normalize_line(changes["title"])
        if not changes["title"]:
            raise ValidationError({"title": "Vui lòng nhập tên đề án."})
        changes["search_key"] = search_key(changes["title"])[:500]
    if "summary" in changes:
        changes["summary"] = normalize(changes["summary"])
    if "adoption_ref" in changes:
        changes["adoption_ref"] = normalize_line(changes["adoption_ref"])
    _check_dates({name: changes.get(name, getattr(draft, name)) for name in DATE_FIELDS})
    with transaction.atomic():
        return do_update(
            draft, actor=actor, expected_version=expected_version, verb="opinion.draft_policy.update", **changes
        )


def delete_draft_policy(*, actor: Actor, draft: DraftPolicy) -> DraftPolicy:
    """Soft delete; refused while opinions taken into it point at it."""
    require_in_scope(actor, lambda: _can_manage(actor, draft.unit))
    if draft.accepted_answers.exists():
        raise ValidationError({"draft_policy": "Đề án đã có ý kiến được tiếp thu, không thể xóa."})
    with transaction.atomic():
        return do_soft_delete(draft, actor=actor, verb="opinion.draft_policy.delete")
