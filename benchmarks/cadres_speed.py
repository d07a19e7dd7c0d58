"""Benchmark: cadre work at province and region scale (issue 13).

Usage: python benchmarks/cadres_speed.py [--db sqlite|postgresql] [--runs N] [--sample N]

Three figures, on a throwaway database with the real administrative units (fixed seed):

1. **A year's scores for a province.** 5,000 cadre records in one current province, 5,000 tasks
   in ``directives`` with an accountable person (spread at random: some cadres answer for none,
   some for several; due in 2025, done on time, late, or not at all, 30 % of completions beyond
   requirement), one 2025 year period (366-QĐ/TW) with an evaluation of every cadre. Measured:
   all task points computed from the record (:func:`sausat.cadres.period_scores.period_task_scores`)
   plus each total score and the level it reaches (``level_for``). Target < 5 s. For comparison, the
   per-subject path the appraisal uses (``services.compute_tasks``) on ``--sample`` evaluations,
   extrapolated to 5,000.
2. **Region roll-up of 34 provinces.** A region of the 34 current provinces with a half-year
   report each; the region page rendered through the test client as a provincial organisation
   board (median of ``--runs``), and its query count with 10 and with 34 provinces (constant).
   Target < 500 ms median, constant queries.
3. **Record page.** One cadre with a full record (12 positions, 3 plan entries, 2 rotations, 12
   evaluations, 3 votes, 5 training records, 2 liaison assignments, 1 discipline, 300 earlier
   reads), rendered as the board (each render also writes its access row). Target < 100 ms median.

Rows are bulk-inserted: this measures the reads, not the audited write services.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway_db import drop_postgres, prepare_database

SEED = 20210630
PG_URL = "postgres://postgres@127.0.0.1:5432/sausat_bench_cadres"
N_CADRES = 5000
N_TASKS = 5000
YEAR = 2025


def _vn(day: dt.date, hour: int = 10) -> dt.datetime:
    from sausat.core.calendar import VN_TZ

    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN_TZ)


def _province():
    from sausat.geo.loader import load_units
    from sausat.geo.models import AdministrativeUnit, Level

    if not AdministrativeUnit.objects.filter(level=Level.PROVINCE).exists():
        load_units()
    return AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True).order_by("code").first()


def _board(unit, name: str):
    from django.contrib.auth import get_user_model

    from sausat.core.roles import Role
    from sausat.people.models import RoleGrant

    user = get_user_model().objects.create_user(username=name, password=uuid.uuid4().hex)
    RoleGrant.objects.create(user=user, role=Role.ORGANISATION_BOARD, unit=unit)
    return user


def build_province(rng: random.Random) -> dict:
    from sausat.cadres.models import CadreProfile, Evaluation, EvaluationPeriod
    from sausat.directives.models import DirectingDocument, Task, TaskRequest
    from sausat.people.models import Organ, Person

    province = _province()
    organ = Organ.objects.create(
        name="Ban Tổ chức (bench)", kind="party_board", unit=province, search_key="ban to chuc"
    )
    doc = DirectingDocument.objects.create(
        kind="annual_programme", issuing_organ=organ, date=dt.date(YEAR, 1, 5), title="Chương trình công tác (bench)",
        unit=province,
    )  # fmt: skip
    persons = Person.objects.bulk_create(
        [
            Person(full_name=f"Cán bộ {i:05d}", home_unit=province, search_key=f"can bo {i:05d}", match_key=f"{i}")
            for i in range(N_CADRES)
        ],
        batch_size=1000,
    )
    CadreProfile.objects.bulk_create(
        [CadreProfile(person=p, unit=province, group=f"Nhóm {i % 20}") for i, p in enumerate(persons)], batch_size=1000
    )
    tasks, outcomes = [], []
    for i in range(N_TASKS):
        due = dt.date(YEAR, 1, 15) + dt.timedelta(days=rng.randint(0, 330))
        roll = rng.random()
        done = None if roll < 0.1 else due - dt.timedelta(days=rng.randint(0, 20)) if roll < 0.8 else due + dt.timedelta(days=rng.randint(1, 30))  # fmt: skip
        tasks.append(
            Task(
                document=doc, title=f"Nhiệm vụ {i}", lead_organ=organ, accountable_person=rng.choice(persons),
                deadline_kind="fixed", deadline_date=due, due_date=due, original_due_date=due, unit=province,
                completed_at=_vn(done) if done else None, completed_on=done, product="Báo cáo" if done else "",
                percent=100 if done else 40, search_key=f"nhiem vu {i}",
            )
        )  # fmt: skip
        outcomes.append(done)
    tasks = Task.objects.bulk_create(tasks, batch_size=1000)
    TaskRequest.objects.bulk_create(
        [
            TaskRequest(
                task=t, kind="completion", product="Báo cáo", requested_at=_vn(done, 9), decision="approved",
                decided_at=_vn(done, 15), beyond_requirement=rng.random() < 0.3,
            )
            for t, done in zip(tasks, outcomes, strict=True)
            if done
        ],
        batch_size=1000,
    )  # fmt: skip
    period = EvaluationPeriod.objects.create(
        kind="year", label=f"Năm {YEAR}", start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31), unit=province
    )
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                period=period, person=p, unit=province, group=f"Nhóm {i % 20}", rule_code="366-QĐ/TW",
                general_points=Decimal(rng.randint(20, 30)),
            )
            for i, p in enumerate(persons)
        ],
        batch_size=1000,
    )  # fmt: skip
    return {"period": period}


def measure_scores(period, sample: int) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sausat.cadres import services
    from sausat.cadres.models import Evaluation
    from sausat.cadres.period_scores import period_task_scores
    from sausat.cadres.rules import rule_by_code
    from sausat.cadres.scoring import level_for

    rule = rule_by_code("366-QĐ/TW")
    general = dict(Evaluation.objects.filter(period=period).values_list("pk", "general_points"))
    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        scores = period_task_scores(period)
        levels = {}
        for pk, score in scores.items():
            points = score.points if score and score.points is not None else Decimal(0)
            levels[pk] = level_for(
                score=general[pk] + points, tasks=score.as_json(), rule=rule, collective=False, flags=[]
            )
        bulk = time.perf_counter() - t0
    counted = sum(s.counted for s in scores.values() if s)
    spread = {lv.value: sum(1 for x in levels.values() if x == lv) for lv in set(levels.values())}
    evaluations = list(Evaluation.objects.filter(period=period).select_related("period")[:sample])
    t0 = time.perf_counter()
    for ev in evaluations:
        services.compute_tasks(ev)
    per = (time.perf_counter() - t0) / len(evaluations)
    return (
        f"scores: {len(scores)} evaluations, {counted} tasks judged, all scores and levels in {bulk:.2f} s "
        f"({len(ctx.captured_queries)} queries); levels {spread}; per-subject path {per * 1000:.1f} ms each "
        f"-> {per * len(scores):.1f} s for all (sample {len(evaluations)})"
    )


def build_region(n: int):
    from sausat.cadres.models import HalfYearReport, Region
    from sausat.geo.models import AdministrativeUnit, Level

    provinces = list(AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True).order_by("code"))
    region = Region.objects.create(code=f"bench-{n}", name=f"Cụm {n} tỉnh (bench)")
    region.provinces.set(provinces[:n])
    HalfYearReport.objects.bulk_create(
        [HalfYearReport(province=p, year=2030 + n, half=1, excellent=20, good=150, complete=20, planned=400,
                        planned_young=90, planned_women=110, trained=800)
         for p in provinces[:n]]
    )  # fmt: skip
    return region, provinces[0]


def render(client, url: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200  # warm-up
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
    return sorted(times), queries


def _fmt(name: str, times: list[float], queries: int) -> str:
    return (
        f"{name}: median {statistics.median(times):.0f} ms, p90 {times[int(len(times) * 0.9) - 1]:.0f} ms, "
        f"min {times[0]:.0f} ms, {queries} queries"
    )


def measure_region(runs: int) -> list[str]:
    from django.test import Client

    out = []
    for n in (10, 34):
        region, province = build_region(n)
        client = Client()
        client.force_login(_board(province, f"bantochuc{n}"))
        times, queries = render(client, f"/can-bo/ho-so/vung/{region.pk}/?nam={2030 + n}&ky=1", runs)
        out.append(_fmt(f"region roll-up, {n} provinces", times, queries))
    return out


def build_record(rng: random.Random):
    from sausat.cadres.models import (
        CadreProfile,
        DisciplineRecord,
        Evaluation,
        EvaluationPeriod,
        PlanningEntry,
        RecordAccess,
        Rotation,
        TrainingRecord,
        VoteCandidate,
        VoteSession,
    )  # fmt: skip
    from sausat.liaison.models import Assignment, AssignmentDecision
    from sausat.people.models import Person, Position

    province = _province()
    communes = list(province.children.filter(valid_to__isnull=True)[:3])
    person = Person.objects.create(full_name="Nguyễn Văn Hồ Sơ", home_unit=province, search_key="nguyen van ho so",
                                   match_key="ho so", birth_year=1978, gender="male", ethnicity="Kinh")  # fmt: skip
    profile = CadreProfile.objects.create(person=person, unit=province, birth_date=dt.date(1978, 5, 12))
    Position.objects.bulk_create(
        [Position(person=person, title=f"Chức vụ {i}", unit=province, start_date=dt.date(2000 + 2 * i, 1, 1),
                  end_date=dt.date(2002 + 2 * i, 1, 1) if i < 11 else None) for i in range(12)]
    )  # fmt: skip
    for i in range(3):
        PlanningEntry.objects.create(person=person, post_title=f"Chức danh {i}", post_level="province",
                                     term="2025-2030", unit=province, rule_code="377-QĐ/TW",
                                     added_on=dt.date(2025, 10, 20))  # fmt: skip
    for i in range(2):
        Rotation.objects.create(person=person, from_title="Phó Giám đốc Sở", from_unit=province,
                                to_title="Bí thư Đảng ủy xã", to_unit=communes[i], start=dt.date(2021 + 2 * i, 3, 1),
                                end=dt.date(2023 + 2 * i, 2, 28))  # fmt: skip
    for i in range(12):
        year = 2014 + i
        period = EvaluationPeriod.objects.create(kind="year", label=f"Năm {year}", start=dt.date(year, 1, 1),
                                                 end=dt.date(year, 12, 31), unit=province)  # fmt: skip
        Evaluation.objects.create(period=period, person=person, unit=province, rule_code="124-QĐ/TW", step="decided",
                                  level=rng.choice(["excellent", "good"]))  # fmt: skip
    for i in range(3):
        session = VoteSession.objects.create(unit=province, title=f"Lấy phiếu {i}", held_on=dt.date(2019 + 2 * i, 5, 1),
                                             rule_code="96-QĐ/TW", summoned=30, present=28, issued=28, returned=28,
                                             valid=28, invalid=0)  # fmt: skip
        VoteCandidate.objects.create(session=session, person=person, post_title="Phó Giám đốc Sở", high=20,
                                     confidence=7, low=1)  # fmt: skip
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(person=person, course=f"Lớp bồi dưỡng {i}", start=dt.date(2010 + 3 * i, 9, 1))
            for i in range(5)
        ]
    )
    DisciplineRecord.objects.create(person=person, form="reminder", decided_on=dt.date(2016, 4, 1))
    decision = AssignmentDecision.objects.create(unit=province, number="BENCH-LL", issued_on=dt.date(2025, 8, 1),
                                                 term_start=dt.date(2025, 8, 1))  # fmt: skip
    Assignment.objects.bulk_create(
        [Assignment(decision=decision, cadre=person, unit=c, start_date=dt.date(2025, 8, 15)) for c in communes[:2]]
    )
    RecordAccess.objects.bulk_create(
        [RecordAccess(person=person, user_label="bench", what="record", at=_vn(dt.date(2025, 1, 1)) + dt.timedelta(minutes=i))
         for i in range(300)]
    )  # fmt: skip
    return profile


def measure_record(rng: random.Random, runs: int) -> str:
    from django.test import Client

    profile = build_record(rng)
    client = Client()
    client.force_login(_board(profile.unit, "bantochuc-hoso"))
    times, queries = render(client, f"/can-bo/ho-so/{profile.person_id}/", runs)
    return _fmt("record page", times, queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--only", choices=["all", "record"], default="all", help="record: the record page alone")
    args = parser.parse_args()
    prepare_database(args.db, PG_URL)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    rng = random.Random(SEED)
    try:
        if args.only == "record":
            print(f"[{args.db}] load {os.getloadavg()[0]:.1f}; {measure_record(rng, args.runs)}")
            return
        t0 = time.perf_counter()
        data = build_province(rng)
        print(f"[{args.db}] load {os.getloadavg()[0]:.1f}; province data built in {time.perf_counter() - t0:.1f} s")
        print(f"[{args.db}] {measure_scores(data['period'], args.sample)}")
        for line in measure_region(args.runs):
            print(f"[{args.db}] {line}")
        print(f"[{args.db}] {measure_record(rng, args.runs)}")
        print(f"[{args.db}] load average at the end {os.getloadavg()}")
    finally:
        if args.db == "postgresql":
            drop_postgres(PG_URL)


if __name__ == "__main__":
    main()
