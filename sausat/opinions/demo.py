"""Demo opinions: 385 for the Hậu Giang dialogue (375 on survey forms, 10 raised live), a set for
the Quảng Nam dialogue; grouped by the issue groups the seed articles name; partly answered.

Deterministic (fixed random seeds), idempotent (idempotency keys), audited (through the services).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ
from sausat.geo.models import AdministrativeUnit, Level
from sausat.meetings import demo as meeting_demo
from sausat.opinions import demo_texts as T
from sausat.opinions import services
from sausat.opinions.models import Channel, DraftPolicy, IssueGroup, Opinion, Outcome
from sausat.opinions.rules import answer_deadline
from sausat.people.models import Organ

SYSTEM = SystemActor(reason="seed_demo")
HG_POLICY = (
    "Đề án nâng cao chất lượng, năng lực đội ngũ cán bộ trẻ, nữ, cán bộ người dân tộc thiểu số, "
    "cán bộ chủ chốt cấp cơ sở nhiệm kỳ 2020 - 2025"
)
HG_DRAFT_KEY = "haugiang-de-an-can-bo-2021"


def seed_hg_draft(meeting) -> DraftPolicy:
    """Seed 000's draft policy as a record. The article gives its title, that it was still a draft and that
    commune cadres commented on it at the dialogue of 27/4/2021; it names no drafting body and no other dates.
    The demo assumes the Party committee's organisation board drafts it and leaves the unknown dates empty."""
    draft = DraftPolicy.objects.filter(demo_key=HG_DRAFT_KEY).first()
    if draft is not None:
        return draft
    unit = meeting.unit
    owner = (
        Organ.objects.filter(unit=unit, key="party_organisation_board").first()
        or Organ.objects.filter(unit=unit, short_name="BTC Tỉnh ủy").first()
        or meeting.organ
    )
    day = meeting.starts_at.astimezone(VN_TZ).date()
    return services.create_draft_policy(
        actor=SYSTEM,
        title=HG_POLICY,
        unit=unit,
        owner_organ=owner,
        summary="Dự thảo được đưa ra lấy ý kiến cán bộ chủ chốt cấp xã tại buổi gặp gỡ, đối thoại ngày "
        f"{day:%d/%m/%Y}. Bài báo không nêu ngày bắt đầu soạn thảo và ngày ban hành; cơ quan chủ trì là giả định "
        "của dữ liệu mẫu.",
        consultation_from=day,
        consultation_to=day,
        demo_key=HG_DRAFT_KEY,
    )


def _groups(meeting, specs) -> list[IssueGroup]:
    out = []
    for title, _, _ in specs:
        group = IssueGroup.objects.filter(meeting=meeting, title=title).first()
        if group is None:
            group = services.create_group(actor=SYSTEM, meeting=meeting, title=title)
        out.append(group)
    return out


def _text(rng: random.Random, concerns: list[str], asks: list[str]) -> str:
    concern = rng.choice(concerns)
    opening = rng.choice(T.OPENINGS)
    body = concern[0].lower() + concern[1:] if opening else concern
    return f"{opening}{body}; {rng.choice(asks)}{rng.choice(T.CLOSINGS)}"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(T.SURNAMES)} {rng.choice(T.MIDDLE)} {rng.choice(T.GIVEN)}"


def _organ(unit, short) -> Organ | None:
    return Organ.objects.filter(unit=unit, short_name=short).first()


def _seed_meeting(
    meeting, *, key: str, specs, counts: dict[str, int], seed: int, communes, responders, draft=None
) -> int:
    policy_name = draft.title if draft is not None else ""
    rng = random.Random(seed)  # noqa: S311  (demo data, not security)
    groups = _groups(meeting, specs)
    created = 0
    number = 0
    for channel, count in counts.items():
        for _ in range(count):
            number += 1
            gi = rng.randrange(len(specs))
            _title, concerns, asks = specs[gi]
            text = _text(rng, concerns, asks)
            commune = communes[rng.randrange(len(communes))] if communes else meeting.unit
            author = _name(rng)
            role = rng.choice(T.TITLES)
            idem = f"demo:{key}:{number}"
            if Opinion.all_objects.filter(idempotency_key=idem).exists():
                continue
            services.register_opinion(
                actor=SYSTEM,
                text=text,
                channel=channel,
                unit=commune,
                idempotency_key=idem,
                meeting=meeting,
                author_name=author,
                author_unit_label=f"{role} {commune.name}" if communes else role,
                group=groups[gi],
                source_ref=f"Phiếu số {number}" if channel == Channel.PAPER else "Phát biểu tại hội nghị",
            )
            created += 1
    # Assign each group, then answer about two thirds of the opinions.
    start = meeting.starts_at.astimezone(VN_TZ).date()
    for i, group in enumerate(groups):
        organ = responders[i % len(responders)]
        if group.responder_organ_id is None and organ is not None:
            services.assign(actor=SYSTEM, organ=organ, group=group, deadline=answer_deadline(start))
    outcomes = [Outcome.ANSWERED, Outcome.ANSWERED, Outcome.DIRECTED, Outcome.PETITIONED, Outcome.ACCEPTED_IN_POLICY,
                Outcome.NOT_ACCEPTED]  # fmt: skip
    pending = (
        Opinion.objects.filter(meeting=meeting, outcome="").select_related("responder_organ", "unit").order_by("id")
    )
    directed_organ = responders[0]
    for o in pending:
        pick = random.Random(f"{key}:{o.idempotency_key}").random()  # noqa: S311
        if pick > 0.66:
            continue
        outcome = outcomes[int(pick * 9) % len(outcomes)]
        if outcome == Outcome.ACCEPTED_IN_POLICY and not policy_name:
            outcome = Outcome.ANSWERED
        if policy_name and o.group and "Đề án" in o.group.title:
            outcome = Outcome.ACCEPTED_IN_POLICY
        live = o.channel == Channel.LIVE
        services.answer_opinion(
            actor=SYSTEM,
            opinion=o,
            text=T.ANSWERS[outcome],
            outcome=outcome,
            place="meeting" if live else "writing",
            answered_at=meeting.starts_at + dt.timedelta(hours=3 if live else 24 * 14),
            directed_organ=directed_organ,
            directed_deadline=answer_deadline(start + dt.timedelta(days=14)),
            petition_authority="Bộ Nội vụ",
            petition_sent_on=start + dt.timedelta(days=20),
            draft_policy=draft if outcome == Outcome.ACCEPTED_IN_POLICY else None,
            rejection_reason="Quy định hiện hành của Trung ương chưa cho phép.",
            published=True,
        )
    return created


def seed() -> list[str]:
    meetings = meeting_demo.seed_meetings()
    lines = []
    with transaction.atomic():
        hg = meetings["haugiang-2021-04-27"]
        hg_unit = AdministrativeUnit.objects.get(code="L-p93")
        communes = list(
            AdministrativeUnit.objects.filter(path__startswith="/L-p93/", level=Level.COMMUNE).order_by("code")
        )
        n = _seed_meeting(
            hg,
            key="hg2021",
            specs=T.HG_GROUPS,
            counts={Channel.PAPER: 375, Channel.LIVE: 10},
            seed=0,
            communes=communes,
            responders=[_organ(hg_unit, "Sở Nội vụ"), _organ(hg_unit, "BTC Tỉnh ủy"), _organ(hg_unit, "Sở Tài chính")],
            draft=seed_hg_draft(hg),
        )
        lines.append(f"Ý kiến hội nghị Hậu Giang 27/4/2021: {n} mới (tổng {hg.opinions.count()}).")
        qn = meetings["quangnam-2022-04-22"]
        qn_unit = AdministrativeUnit.objects.get(code="L-p49")
        n = _seed_meeting(
            qn,
            key="qn2022",
            specs=T.QN_GROUPS,
            counts={Channel.PAPER: 40, Channel.LIVE: 12},
            seed=1,
            communes=[],
            responders=[_organ(qn_unit, "BTC Tỉnh ủy"), _organ(qn_unit, "Sở Nội vụ")],
        )
        lines.append(f"Ý kiến hội nghị Quảng Nam 22/4/2022: {n} mới (tổng {qn.opinions.count()}).")
    return lines
