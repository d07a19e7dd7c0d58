"""Bench data for directives (issue 7): directing documents, tasks and how they were carried out.

Per province (factor 1): 80 bodies (the 2025 organ template plus provincial bodies created through
``sausat.people.services.create_organ``), ~420 directing documents over the two years up to today,
5,000 tasks led by those bodies (some with cooperating bodies), ~20,000 progress reports,
completion proposals approved (on time, late, early) or returned, extension requests approved /
returned / pending, and open tasks past their deadline (overdue). Monthly and quarterly recurring
tasks report period by period (some periods missed). Everything goes through
``sausat.directives.services`` (and ``request_services``) with explicit moments (``at=``), one task's whole story per call,
in batches of one transaction. At the bench province the office acts as the demo secretary
(``vanphong``) and the Department of Home Affairs as ``traloi``; elsewhere as the harness actor.

Dates are relative to today (Vietnam date): the same seed on the same day gives the same data, and
the quarterly pack of the current quarter always has content (tasks issued up to this week,
completions and overdue tasks inside the quarter, deadlines in the next one). ``--factor`` scales
the documents, tasks and reports (the 80 bodies stay).

Nation scale: the bench province (where the "bench cast" generator gave the demo leader his grant:
see :func:`main_province_code`) gets the full volume; every other province gets
``SAUSAT_BENCH_NATION_DENSITY`` of it (default 0.1), so tables and indexes have national size
without hours of generation (at ~0.1 s per task story on 2 shared cores, the issue's "same density"
everywhere would take about 34 × the province run). Set it to 1 for that.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from benchmarks.harness.data import ACTOR, GenContext, _atomic_batches, plug
from benchmarks.harness.texts_directives import (
    ACTIONS,
    EXTENSION_REASONS,
    EXTRA_ORGANS,
    PRODUCTS,
    REPORT_TEXTS,
    TOPICS,
)

TASKS = 5000
REPORTS = 20000
DOCUMENTS = 420
BODIES = 80
DAYS = 730  # two years up to today
DEFAULT_NATION_DENSITY = 0.1

KINDS = [  # (kind, weight, symbol, issuing organ's template key)
    ("conclusion_notice", 34, "TB/TU", "party_office"),
    ("conclusion", 22, "KL/TU", "party_standing"),
    ("directive", 9, "CT/TU", "party_standing"),
    ("action_programme", 10, "CTr/TU", "party_committee"),
    ("annual_programme", 5, "CTr/TU", "party_committee"),
    ("quarterly_plan", 20, "KH/UBND", "peoples_committee"),
]
DEADLINES = [("fixed", 58), ("working_days", 15), ("calendar_days", 10), ("monthly", 6), ("quarterly", 6), ("none", 5)]


def nation_density() -> float:
    # data.py sets this from --other-provinces-factor, so every generator uses the same density.
    return float(os.environ.get("SAUSAT_BENCH_NATION_DENSITY", DEFAULT_NATION_DENSITY))


def main_province_code(ctx: GenContext) -> str:
    """The province the harness measures (where "bench cast" gave the demo logins their roles)."""
    return ctx.provinces().get(pk=ctx.bench_province_id).code


def density_for(ctx: GenContext, code: str, main: str) -> float:
    return 1.0 if ctx.scale.name != "nation" or code == main else nation_density()


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    from sausat.core.calendar import VN_TZ

    return dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.randint(0, 59)), tzinfo=VN_TZ)


def ensure_bodies(unit, count: int = BODIES) -> list:
    """The first ``count`` organs of ``unit`` (by sort order), creating provincial bodies when short."""
    from sausat.geo.naming import unit_phrase
    from sausat.people.models import Organ
    from sausat.people.services import create_organ

    existing = {o.name for o in Organ.objects.filter(unit=unit)}
    missing = count - len(existing)
    for pattern, short, kind, order in EXTRA_ORGANS:
        if missing <= 0:
            break
        name = pattern.format(unit=unit_phrase(unit))
        if name not in existing:
            create_organ(actor=ACTOR, name=name, kind=kind, unit=unit, short_name=short, sort_order=order)
            missing -= 1
    for i in range(missing):  # only if the list above runs out
        create_organ(actor=ACTOR, name=f"Cơ quan tham mưu số {i + 1} {unit_phrase(unit)}", kind="other", unit=unit)
    return list(Organ.objects.filter(unit=unit).order_by("sort_order", "name", "id")[:count])


@dataclass
class Stats:
    documents: int = 0
    tasks: int = 0
    reports: int = 0
    completed: int = 0
    completion_returned: int = 0
    completion_pending: int = 0
    extensions_approved: int = 0
    extensions_returned: int = 0
    extensions_pending: int = 0
    recurring: int = 0
    by_province: dict[str, int] = field(default_factory=dict)


@dataclass
class Province:
    unit: Any
    bodies: list
    weights: list[float]
    office: Any  # the secretary's user at the demo province, else the harness actor
    body_actors: dict[int, Any]
    docs: list
    tasks: int
    reports: int
    today: dt.date


def _documents(ctx: GenContext, rng: random.Random, prov: Province, count: int, stats: Stats) -> list:
    from sausat.directives.services import register_document

    by_short = {o.key: o for o in prov.bodies if o.key}
    start = prov.today - dt.timedelta(days=DAYS)
    numbers: dict[tuple[int, str], int] = {}
    specs = []
    for _ in range(count):
        kind, _w, symbol, issuer = rng.choices(KINDS, [k[1] for k in KINDS])[0]
        day = start + dt.timedelta(days=rng.randrange(DAYS - 3))
        if kind == "annual_programme":
            day = dt.date(day.year, 1, rng.randint(3, 20))
        elif kind == "quarterly_plan":
            day = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, rng.randint(2, 10))
        day = max(start, min(day, prov.today - dt.timedelta(days=3)))
        specs.append((day, kind, symbol, issuer, rng.choice(TOPICS), rng.choice(prov.bodies)))
    specs.sort(key=lambda s: s[0])
    docs = []

    def one(spec) -> int:
        day, kind, symbol, issuer, topic, body = spec
        key = (day.year, symbol)
        numbers[key] = numbers.get(key, 0) + rng.randint(1, 12)
        topic = topic.format(year=day.year)
        q = (day.month - 1) // 3 + 1
        title = {
            "conclusion_notice": f"Thông báo kết luận của Thường trực Tỉnh ủy tại buổi làm việc với {body.name}",
            "conclusion": f"Kết luận của Ban Thường vụ Tỉnh ủy về {topic}",
            "directive": f"Chỉ thị của Ban Thường vụ Tỉnh ủy về tăng cường {topic}",
            "action_programme": f"Chương trình hành động thực hiện nghị quyết về {topic}",
            "annual_programme": f"Chương trình công tác năm {day.year} của Tỉnh ủy",
            "quarterly_plan": f"Kế hoạch công tác quý {q}/{day.year} của Ủy ban nhân dân tỉnh",
        }[kind]
        docs.append(
            register_document(
                actor=prov.office,
                kind=kind,
                issuing_organ=by_short.get(issuer) or prov.bodies[0],
                date=day,
                title=title,
                unit=prov.unit,
                number=str(numbers[key]),
                symbol=symbol,
                signer_title="Bí thư" if symbol.endswith("/TU") else "Chủ tịch",
                text=f"Văn bản chỉ đạo về {topic}; giao nhiệm vụ cụ thể cho các cơ quan, đơn vị.",
            )
        )
        return 1

    stats.documents += _atomic_batches(iter(specs), one, size=100)
    return docs


def _deadline_args(rng: random.Random, doc_date: dt.date, today: dt.date) -> dict[str, Any]:
    kind = rng.choices([k for k, _ in DEADLINES], [w for _, w in DEADLINES])[0]
    if kind == "fixed":
        return {"deadline_kind": kind, "deadline_date": doc_date + dt.timedelta(days=rng.randint(20, 240))}
    if kind == "working_days":
        return {"deadline_kind": kind, "deadline_days": rng.choice([10, 15, 20, 30, 45, 60])}
    if kind == "calendar_days":
        return {"deadline_kind": kind, "deadline_days": rng.choice([15, 30, 45, 60, 90, 120])}
    if kind == "monthly":
        until = dt.date(doc_date.year + rng.randint(0, 1), 12, 31)
        return {"deadline_kind": kind, "recurring_day": rng.randint(15, 25), "recurring_until": until}
    if kind == "quarterly":
        until = dt.date(doc_date.year + rng.randint(0, 1), 12, 31)
        return {"deadline_kind": kind, "recurring_day": rng.choice([None, 15, 20]), "recurring_until": until}
    return {"deadline_kind": "none"}


def _spread(rng: random.Random, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    if count <= 0 or last < first:
        return []
    span = (last - first).days
    return sorted(first + dt.timedelta(days=rng.randint(0, span)) for _ in range(count))


def _task_story(rng: random.Random, prov: Province, doc, budget: list[int], stats: Stats) -> int:
    """Add one task and play its history through the services, in chronological order."""
    from sausat.directives import request_services, services
    from sausat.directives.status import period_deadlines

    today = prov.today
    lead = rng.choices(prov.bodies, prov.weights)[0]
    cooperating = rng.sample(prov.bodies, rng.choice([0, 0, 0, 1, 1, 2, 3]))
    topic = rng.choice(TOPICS).format(year=doc.date.year)
    task = services.add_task(
        actor=prov.office,
        document=doc,
        title=rng.choice(ACTIONS).format(topic=topic),
        lead_organ=lead,
        content=f"Thực hiện theo {str(doc.get_kind_display()).lower()} số {doc.reference}; chủ động phối hợp, báo cáo.",
        cooperating_organs=cooperating,
        expected_product=rng.choice(PRODUCTS),
        priority=rng.choices([1, 2, 3], [15, 75, 10])[0],
        **_deadline_args(rng, doc.date, today),
    )
    stats.tasks += 1
    body = prov.body_actors.get(lead.pk, ACTOR)
    start = doc.date + dt.timedelta(days=2)
    tasks_left = max(1, prov.tasks - stats.tasks + 1)
    mean = 1.1 * budget[0] / tasks_left  # recent tasks have short histories: lean on the older ones

    def report(day: dt.date, percent: int) -> None:
        n = rng.randint(1, 9)
        text = rng.choice(REPORT_TEXTS).format(n=n)
        services.report_progress(actor=body, task=task, text=text, percent=percent, at=_at(day, rng))
        budget[0] -= 1
        stats.reports += 1

    if task.is_recurring:
        stats.recurring += 1
        previous = start
        for due in period_deadlines(task, today - dt.timedelta(days=1)):
            if due > today - dt.timedelta(days=1):
                break
            if budget[0] > 0 and rng.random() < 0.85:
                day = max(previous, due - dt.timedelta(days=rng.randint(0, 6)))
                report(day, 50)
            previous = due + dt.timedelta(days=1)
        return 1

    due = task.due_date
    roll = rng.random()
    if due is None:
        fate = "early" if roll < 0.5 else "open"
    elif due < today:
        # Old deadlines are mostly settled by now; recent ones are still often open (overdue).
        still_open = 0.3 if (today - due).days < 90 else 0.06
        fate = "on_time" if roll < 0.6 else "open" if roll < 0.6 + 0.4 * still_open else "late"
    else:
        fate = "early" if roll < 0.15 else "open"
    completion: dt.date | None = None
    if fate == "on_time":
        completion = max(start + dt.timedelta(days=5), due - dt.timedelta(days=rng.randint(0, 25)))
        completion = min(completion, due)
    elif fate == "late":
        completion = due + dt.timedelta(days=rng.randint(1, max(1, min(120, (today - due).days - 1))))
    elif fate == "early":
        completion = start + dt.timedelta(days=rng.randint(5, 200))
    if completion is not None and completion >= today:
        completion, fate = None, "open"
    proposal = completion - dt.timedelta(days=rng.randint(0, 4)) if completion else None
    if proposal is not None:
        proposal = max(proposal, start + dt.timedelta(days=1))
    # Extension: asked shortly before the deadline, by tasks that end late or stay open.
    extension = None
    if due is not None and fate in ("late", "open") and due < today + dt.timedelta(days=30) and rng.random() < 0.45:
        asked = max(start + dt.timedelta(days=1), due - dt.timedelta(days=rng.randint(0, 10)))
        if asked < today and (proposal is None or asked < proposal - dt.timedelta(days=1)):
            extension = asked
    last = (proposal or today) - dt.timedelta(days=1)
    count = min(rng.randint(0, max(0, round(2 * mean))), max(0, (last - start).days // 7 + 1), budget[0])
    days = _spread(rng, start, last, count)
    percents = sorted(rng.randint(5, 95) for _ in days)
    for day, percent in zip(days, percents, strict=True):
        report(day, percent)
    if extension is not None:
        requested = due + dt.timedelta(days=rng.randint(15, 75))
        req = request_services.request_extension(
            actor=body,
            task=task,
            reason=rng.choice(EXTENSION_REASONS),
            requested_date=requested,
            at=_at(extension, rng),
        )
        decided = extension + dt.timedelta(days=rng.randint(1, 6))
        if proposal is not None and decided >= proposal:
            decided = proposal - dt.timedelta(days=1)  # decided before the completion proposal
        roll = rng.random()
        if proposal is None and (decided >= today or roll > 0.85):
            stats.extensions_pending += 1
        elif roll < 0.65 or (proposal is not None and roll > 0.85):
            request_services.decide_request(actor=prov.office, request=req, approve=True, at=_at(decided, rng))
            stats.extensions_approved += 1
        else:
            note = "Đề nghị khẩn trương hoàn thành theo thời hạn đã giao."
            request_services.decide_request(
                actor=prov.office, request=req, approve=False, note=note, at=_at(decided, rng)
            )
            stats.extensions_returned += 1
    product = f"{task.expected_product or 'Báo cáo'} số {rng.randint(10, 999)}"
    if proposal is not None and completion is not None:
        if rng.random() < 0.06 and proposal > start + dt.timedelta(days=4):
            first = max(start + dt.timedelta(days=1), proposal - dt.timedelta(days=rng.randint(3, 20)))
            if first < proposal - dt.timedelta(days=1):
                req = request_services.propose_completion(actor=body, task=task, product=product, at=_at(first, rng))
                note = "Sản phẩm chưa đạt yêu cầu, đề nghị bổ sung số liệu."
                request_services.decide_request(
                    actor=prov.office, request=req, approve=False, note=note, at=_at(first + dt.timedelta(days=1), rng)
                )
                stats.completion_returned += 1
        req = request_services.propose_completion(actor=body, task=task, product=product, at=_at(proposal, rng))
        moment = _at(completion, rng)
        if completion == proposal:
            moment = max(moment, req.requested_at + dt.timedelta(minutes=30))
        request_services.decide_request(actor=prov.office, request=req, approve=True, at=moment)
        stats.completed += 1
    elif fate == "open" and rng.random() < 0.04:
        asked = today - dt.timedelta(days=rng.randint(1, 8))
        if asked > start and (extension is None or asked > extension):
            request_services.propose_completion(actor=body, task=task, product=product, at=_at(asked, rng))
            stats.completion_pending += 1
    return 1


def _province(ctx: GenContext, rng: random.Random, unit, density: float, main: bool, stats: Stats) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from sausat.core.calendar import local_date
    from sausat.people.models import RoleGrant

    User = get_user_model()
    today = local_date(timezone.now())
    with transaction.atomic():
        bodies = ensure_bodies(unit)
    office = ACTOR
    body_actors: dict[int, Any] = {}
    if main:
        office = User.objects.filter(username="vanphong").first() or ACTOR
        for grant in RoleGrant.objects.filter(role="responder", organ__in=bodies).select_related("user"):
            body_actors.setdefault(grant.organ_id, grant.user)
    # Some bodies carry many more tasks than others (Zipf-like), all 80 get some.
    order = list(range(len(bodies)))
    rng.shuffle(order)
    weights = [0.0] * len(bodies)
    for rank, i in enumerate(order):
        weights[i] = 1 / (rank + 1) ** 0.7
    n_tasks = ctx.n(round(TASKS * density))
    prov = Province(
        unit=unit,
        bodies=bodies,
        weights=weights,
        office=office,
        body_actors=body_actors,
        docs=[],
        tasks=stats.tasks + n_tasks,
        reports=ctx.n(round(REPORTS * density)),
        today=today,
    )
    prov.docs = _documents(ctx, rng, prov, ctx.n(round(DOCUMENTS * density)), stats)
    # Tasks per document: programmes and plans carry more than notices.
    big = {"action_programme": 3.0, "annual_programme": 4.0, "quarterly_plan": 2.5, "conclusion": 1.5}
    doc_weights = [big.get(d.kind, 1.0) for d in prov.docs]
    picks = sorted(rng.choices(range(len(prov.docs)), doc_weights, k=n_tasks))
    budget = [prov.reports]

    def items() -> Iterator[Any]:
        for i in picks:
            yield prov.docs[i]

    before = stats.tasks
    _atomic_batches(items(), lambda doc: _task_story(rng, prov, doc, budget, stats), size=100)
    _top_up(rng, prov, budget, stats)
    stats.by_province[unit.code] = stats.tasks - before


def _top_up(rng: random.Random, prov: Province, budget: list[int], stats: Stats) -> None:
    """Spend what the stories left of the report budget (recent tasks have short histories): one
    more report on as many open, non-recurring tasks as needed, so the total hits the target."""
    from sausat.directives import services
    from sausat.directives.models import Task

    if budget[0] <= 0:
        return
    open_ids = list(
        Task.objects.filter(unit=prov.unit, completed_at__isnull=True, deadline_kind__in=["fixed", "none"])
        .exclude(completion_proposed_at__isnull=False)
        .order_by("id")
        .values_list("id", flat=True)
    )
    picks = sorted(rng.sample(open_ids, min(len(open_ids), budget[0])))

    def one(task: Task) -> int:
        first = task.document.date + dt.timedelta(days=2)
        if first >= prov.today:
            return 0
        day = first + dt.timedelta(days=rng.randint(0, (prov.today - first).days - 1))
        text = rng.choice(REPORT_TEXTS).format(n=rng.randint(1, 9))
        body = prov.body_actors.get(task.lead_organ_id, ACTOR)
        services.report_progress(actor=body, task=task, text=text, percent=rng.randint(5, 95), at=_at(day, rng))
        budget[0] -= 1
        stats.reports += 1
        return 1

    tasks = list(Task.objects.filter(pk__in=picks).select_related("document").order_by("id"))  # <= the leftover
    _atomic_batches(iter(tasks), one, size=100)


def generate(ctx: GenContext) -> dict[str, Any]:
    rng = ctx.rng("directives")
    stats = Stats()
    provinces = list(ctx.provinces())
    main = main_province_code(ctx)
    for unit in provinces:
        _province(ctx, rng, unit, density_for(ctx, unit.code, main), unit.code == main, stats)
    out = {k: v for k, v in stats.__dict__.items() if k != "by_province"}
    out["provinces"] = len(provinces)
    out["main_province"] = main
    if ctx.scale.name == "nation":
        out["nation_density_elsewhere"] = nation_density()
    return out


plug("directives", generate)
