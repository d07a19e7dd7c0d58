"""Bench data for dialogue conferences: 12 conferences per province, one of them with 10,000 opinions.

Per province (issue 7): 12 dialogue conferences; the big one has 10,000 opinions in 5 issue groups,
the others a few hundred each (the seeds' 385 is typical); 50,000 answers in all, follow-up notes and
history rows; one opinion carries 200 answers, 200 notes and 200 history rows. Every row is written
through the services (validation, audit row, answer counter); volumes scale with ``--factor``.

Texts are assembled from short phrases of our own about the seeds' themes (allowances for
concurrent roles, training of commune cadres, part-time positions, cadre evaluation, land), so that
the free-text search (S3) has realistic, diacritic-rich material to match.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from django.db.models import Count

from benchmarks.harness.data import ACTOR, GenContext, _atomic_batches, plug

CONFERENCES = 12
BIG_OPINIONS = 10_000
SMALL_OPINIONS = (250, 450)
ANSWERS_TOTAL = 50_000
HEAVY = 200  # answers, notes and history rows on the one heavy opinion

GROUPS = [
    (
        "Phụ cấp kiêm nhiệm chức danh",
        ["phụ cấp kiêm nhiệm", "mức phụ cấp", "chế độ kiêm nhiệm", "bồi dưỡng kiêm nhiệm"],
    ),
    (
        "Đào tạo, bồi dưỡng cán bộ cấp xã",
        ["đào tạo chuyên môn", "bồi dưỡng nghiệp vụ", "lớp trung cấp lý luận", "học tập"],
    ),
    (
        "Bố trí người hoạt động không chuyên trách",
        ["người không chuyên trách", "sắp xếp chức danh", "ấp, khu vực", "bố trí"],
    ),
    (
        "Đánh giá, xếp loại cán bộ",
        ["đánh giá cán bộ", "xếp loại chất lượng", "tiêu chí đánh giá", "thi đua khen thưởng"],
    ),
    (
        "Đất đai, giải phóng mặt bằng",
        ["giấy chứng nhận quyền sử dụng đất", "bồi thường", "tái định cư", "đường giao thông"],
    ),
]
OPENERS = ["Đề nghị tỉnh xem xét", "Kiến nghị cấp trên quan tâm", "Cử tri phản ánh về", "Xin hỏi về", "Đề xuất sửa đổi"]
CLOSERS = [
    "để cán bộ yên tâm công tác.",
    "vì hiện nay còn nhiều bất cập ở cơ sở.",
    "trong năm {year} cho phù hợp thực tế.",
    "tại xã sau sắp xếp đơn vị hành chính.",
    "do thu nhập còn thấp so với khối lượng công việc.",
]


def _text(rng: random.Random, group_idx: int, commune: str) -> str:
    _title, phrases = GROUPS[group_idx]
    first, second = rng.sample(phrases, 2)
    closer = rng.choice(CLOSERS).format(year=rng.choice([2025, 2026]))
    return f"{rng.choice(OPENERS)} {first} và {second} ở {commune} {closer}"


def _answer_text(rng: random.Random, i: int) -> str:
    return rng.choice(
        [
            f"Sở đã tiếp thu, tổng hợp trình Ủy ban nhân dân tỉnh (lần {i}).",
            f"Nội dung đã được hướng dẫn tại văn bản số {100 + i}/SNV-TCBC.",
            "Đề nghị địa phương rà soát, báo cáo số liệu cụ thể trước ngày 30.",
            "Chế độ thực hiện theo nghị định của Chính phủ, tỉnh không có thẩm quyền điều chỉnh.",
        ]
    )


def _responders(province) -> list:
    from sausat.people.models import Organ, RoleGrant

    organs = list(Organ.objects.filter(unit=province).order_by("sort_order", "id")[:6])
    cast_organ = (
        RoleGrant.objects.filter(user__username="traloi", organ__unit=province)
        .values_list("organ_id", flat=True)
        .first()
    )
    if cast_organ is not None:
        organs = [o for o in organs if o.pk != cast_organ]
        organs.insert(0, Organ.objects.get(pk=cast_organ))
    return organs


def _conference(ctx: GenContext, province, index: int, size: int, rng: random.Random) -> dict[str, int]:
    from django.utils import timezone

    from sausat.core.calendar import VN_TZ
    from sausat.meetings import services as meeting_services
    from sausat.opinions import services
    from sausat.opinions.models import Channel, Opinion

    communes = list(ctx.communes().filter(parent=province).values_list("id", "name")[:400])
    day = dt.date(2026, 11, 20) - dt.timedelta(days=45 * index)
    meeting = meeting_services.create_meeting(
        actor=ACTOR,
        title=f"Hội nghị đối thoại với cán bộ cơ sở số {index + 1}/{CONFERENCES} ({province.name})",
        starts_at=dt.datetime(day.year, day.month, day.day, 8, tzinfo=VN_TZ),
        place="Hội trường Tỉnh ủy và các điểm cầu xã",
        unit=province,
        allow_anonymous=True,
    )
    groups = [
        services.create_group(actor=ACTOR, meeting=meeting, title=title, sort_order=i)
        for i, (title, _phrases) in enumerate(GROUPS)
    ]
    from sausat.geo.models import AdministrativeUnit

    def opinions() -> Iterator[int]:
        yield from range(size)

    channels = [Channel.PAPER] * 6 + [Channel.ONLINE] * 3 + [Channel.LIVE]

    def register(i: int) -> int:
        unit_id, name = communes[i % len(communes)]
        g = i % len(groups)
        anonymous = rng.random() < 0.08
        services.register_opinion(
            actor=ACTOR,
            text=_text(rng, g, name),
            channel=rng.choice(channels),
            unit=AdministrativeUnit(pk=unit_id),
            idempotency_key=f"bench:{province.code}:{index}:{i}",
            meeting=meeting,
            anonymous=anonymous,
            author_name="" if anonymous else f"Cán bộ {name} số {i % 37 + 1}",
            author_unit_label="" if anonymous else name,
            group=groups[g],
        )
        return 1

    created = _atomic_batches(opinions(), register)
    # Anonymous ones are held for a shuffled batch (sausat/opinions/anonymity.py): write the rest now.
    services.flush_anonymous(meeting_ids=[meeting.pk], everything=True)
    organs = _responders(province)
    today = timezone.localdate()
    for i, group in enumerate(groups):
        # Older conferences are past their deadlines: their open opinions are overdue.
        services.assign(
            actor=ACTOR, organ=organs[i % len(organs)], group=group, deadline=today + dt.timedelta(days=20 - 40 * index)
        )
    ids = list(Opinion.objects.filter(meeting=meeting).order_by("id").values_list("id", flat=True))
    return {"meeting": meeting.pk, "opinions": created, "ids": ids}


def _answers(ctx: GenContext, opinion_ids: list[int], total: int, rng: random.Random) -> int:
    """``total`` answers over about three quarters of ``opinion_ids``, 1–8 each, some with a note."""
    from sausat.opinions import services
    from sausat.opinions.models import Opinion, Outcome

    answered = [pk for pk in opinion_ids if rng.random() < 0.75]
    if not answered:
        return 0
    # Spread ``total`` over the answered opinions: 1..(2×mean−1) each, the remainder round-robin.
    high = max(1, round(2 * total / len(answered) - 1))
    counts = [0] * len(answered)
    left = total
    for i in range(len(answered)):
        counts[i] = min(left, rng.randint(1, high))
        left -= counts[i]
    i = 0
    while left > 0:
        counts[i % len(counts)] += 1
        left -= 1
        i += 1
    plan = [(pk, n) for pk, n in zip(answered, counts, strict=True) if n]
    start = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)

    def work(item: tuple[int, int]) -> int:
        pk, n = item
        opinion = Opinion.objects.select_related("unit", "responder_organ").get(pk=pk)
        for k in range(n):
            outcome = Outcome.ANSWERED if rng.random() < 0.93 else Outcome.PETITIONED
            services.answer_opinion(
                actor=ACTOR,
                opinion=opinion,
                text=_answer_text(rng, k),
                outcome=outcome,
                petition_authority="Bộ Nội vụ" if outcome == Outcome.PETITIONED else "",
                answered_at=start + dt.timedelta(minutes=pk % 50_000 + k),
                published=k == 0,
            )
        if rng.random() < 0.3:
            services.add_note(actor=ACTOR, opinion=opinion, text="Đã liên hệ địa phương, theo dõi kết quả thực hiện.")
        return n

    return _atomic_batches(iter(plan), work, size=50)


def _heavy(opinion_id: int, count: int) -> None:
    """One opinion with ``count`` answers, notes and history rows (reassignments)."""
    from sausat.opinions import services
    from sausat.opinions.models import Opinion, Outcome

    opinion = Opinion.objects.select_related("unit", "responder_organ").get(pk=opinion_id)
    organ = opinion.responder_organ
    start = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)

    def work(k: int) -> int:
        services.answer_opinion(
            actor=ACTOR,
            opinion=opinion,
            text=f"Cập nhật lần {k + 1}: đã làm việc với các sở, ngành liên quan.",
            outcome=Outcome.ANSWERED,
            answered_at=start + dt.timedelta(hours=k),
        )
        services.add_note(actor=ACTOR, opinion=opinion, text=f"Ghi chú theo dõi lần {k + 1}.")
        if organ is not None:
            services.assign(actor=ACTOR, organ=organ, opinion=opinion, deadline=dt.date(2026, 12, 1))
        return 1

    _atomic_batches(iter(range(count)), work, size=50)


def generate(ctx: GenContext) -> dict[str, Any]:
    from sausat.opinions.models import Answer, FollowUpNote, Opinion

    stats: dict[str, Any] = {}
    for province in ctx.provinces():
        rng = ctx.rng(f"opinions:{province.code}")
        big_ids: list[int] = []
        other_ids: list[int] = []
        for index in range(CONFERENCES):
            full = BIG_OPINIONS if index == 0 else rng.randint(*SMALL_OPINIONS)
            size = ctx.n(full, province=province)
            result = _conference(ctx, province, index, size, rng)
            (big_ids if index == 0 else other_ids).extend(result["ids"])
        heavy_id = big_ids[0]
        heavy = ctx.n(HEAVY, province=province)
        rest = ctx.n(ANSWERS_TOTAL, province=province) - heavy
        # Most answers go to the big conference, the rest to the others, in proportion.
        share = round(rest * len(big_ids) / (len(big_ids) + len(other_ids)))
        _answers(ctx, big_ids[1:], share, rng)
        _answers(ctx, other_ids, rest - share, rng)
        _heavy(heavy_id, heavy)
        stats.setdefault("heavy_opinions", []).append(heavy_id)
    stats.update(
        opinions=Opinion.objects.count(),
        answers=Answer.objects.count(),
        notes=FollowUpNote.objects.count(),
    )
    return stats


plug("meetings+opinions", generate)


def top_up_answers(ctx: GenContext) -> dict[str, Any]:
    """Bring each province's answers up to the issue's 50,000 (a no-op after a full build; fills
    the gap in databases built before the generator spread exactly 50,000)."""
    from sausat.opinions.models import Answer, Opinion

    added = 0
    for province in ctx.provinces():
        target = ctx.n(ANSWERS_TOTAL, province=province)
        have = Answer.objects.filter(opinion__meeting__unit=province).count()
        if have >= target:
            continue
        big = (
            Opinion.objects.filter(meeting__unit=province)
            .values("meeting_id")
            .annotate(n=Count("id"))
            .order_by("-n", "meeting_id")
            .first()
        )
        if big is None:
            continue
        ids = list(Opinion.objects.filter(meeting_id=big["meeting_id"]).order_by("id").values_list("id", flat=True))
        added += _answers(ctx, ids[1:], target - have, ctx.rng(f"opinions-top-up:{province.code}"))
    return {"answers_added": added, "answers": Answer.objects.count()}


plug("answers top-up", top_up_answers)
