"""Benchmark: the liaison coverage dashboard at province scale.

Usage: python benchmarks/liaison_dashboard.py [--db sqlite|postgresql] [--runs N]

Data (fixed seed): Hồ Chí Minh City's 168 current communes, 400 provincial cadres (168 leads +
232 members), two years of field activities (visits, committee meetings, contacts, joint work;
about 4 per cadre per month, half with a feedback item), monthly situation reports from every
lead (some late, some missing) and ~1,000 escalations. Rows are bulk-inserted: this measures the
dashboard read, not the audited write services. The dashboard is rendered through the Django test
client as the province's office secretary (full page: the view, the per-commune and per-cadre
annotated queries, the template). Reported: median and p90 of ``--runs`` renders, and the query
count, also at half the data size to show it does not grow with the number of communes.
Target: median < 500 ms, constant query count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway_db import drop_postgres, prepare_database

SEED = 20170411
PG_URL = "postgres://postgres@127.0.0.1:5432/sausat_bench_liai"
FEEDBACK = [
    "Rà soát danh sách 12 hộ nghèo ở khu phố 3, hoàn thành hồ sơ trước ngày 15/6",
    "Cần quan tâm hơn nữa đến công tác dân vận",
    "Đề nghị UBND phường sửa chữa tuyến đường hẻm 45, kinh phí 200 triệu đồng, trong quý III",
    "Tiếp tục phát huy kết quả đạt được",
]


def build(n_communes: int, n_cadres: int, today: dt.date) -> dict:
    from django.contrib.auth import get_user_model

    from sausat.geo.loader import load_units
    from sausat.geo.models import AdministrativeUnit, Level
    from sausat.liaison.models import (
        Activity,
        Assignment,
        AssignmentDecision,
        Escalation,
        FeedbackItem,
        PressingIssue,
        SituationReport,
    )
    from sausat.liaison.periods import period_containing, report_due
    from sausat.people.models import Organ, Person, Role, RoleGrant

    rng = random.Random(SEED)
    for model in (Escalation, PressingIssue, SituationReport, FeedbackItem, Activity, Assignment, AssignmentDecision):
        model.all_objects.all().delete()
    if not AdministrativeUnit.objects.filter(code="p79").exists():
        load_units()
    province = AdministrativeUnit.objects.get(code="p79")
    communes = list(AdministrativeUnit.objects.filter(parent=province, level=Level.COMMUNE).order_by("code"))[
        :n_communes
    ]
    user = get_user_model().objects.create_user(username=f"office{n_communes}", password=uuid.uuid4().hex)
    RoleGrant.objects.create(user=user, role=Role.SECRETARY, unit=province)
    organ = Organ.objects.create(
        name=f"Sở Nội vụ {n_communes}", kind="department", unit=province, search_key="so noi vu"
    )
    start = today.replace(day=1) - dt.timedelta(days=730)
    decision = AssignmentDecision.objects.create(
        unit=province,
        number=f"BENCH-{n_communes}",
        issued_on=start,
        term_start=start,
        visits_required=2,
    )
    cadres = Person.objects.bulk_create(
        [
            Person(full_name=f"Cán bộ {n_communes}-{i:03d}", home_unit=province, search_key=f"can bo {i}")
            for i in range(n_cadres)
        ]
    )
    assignments = []
    for i, cadre in enumerate(cadres):
        unit = communes[i % len(communes)]
        role = "lead" if i < len(communes) else "member"
        assignments.append(
            Assignment(
                decision=decision, cadre=cadre, unit=unit, role=role, start_date=start, cadre_title="Phó Giám đốc Sở"
            )
        )
    assignments = Assignment.objects.bulk_create(assignments)
    kinds = ["visit", "visit", "meeting", "contact", "joint"]
    activities = []
    for a in assignments:
        diligence = rng.random()
        day = start
        while day < today:
            day += dt.timedelta(days=rng.randint(3, 12) if diligence > 0.2 else rng.randint(20, 90))
            if day >= today:
                break
            activities.append(
                Activity(
                    unit_id=a.unit_id,
                    assignment=a,
                    cadre_id=a.cadre_id,
                    kind=rng.choice(kinds),
                    date=day,
                    place="Trụ sở UBND",
                    notes="Nắm tình hình cơ sở",
                    formal_feedback=rng.random() < 0.5,
                    idempotency_key=uuid.uuid4().hex,
                )
            )
    activities = Activity.objects.bulk_create(activities, batch_size=2000)
    feedback = [
        FeedbackItem(
            activity=act,
            unit_id=act.unit_id,
            addressee="Đảng ủy phường",
            content=text,
            specificity=score,
            specificity_method="textkit-v1",
        )
        for act in activities
        if act.formal_feedback
        for text, score in [rng.choice(list(zip(FEEDBACK, [80, 0, 85, 0], strict=True)))]
    ]
    FeedbackItem.objects.bulk_create(feedback, batch_size=2000)
    reports = []
    for a in assignments:
        if a.role != "lead":
            continue
        period = period_containing(start)
        while period.end < today:
            due = report_due(period.end, 5)
            roll = rng.random()
            if roll > 0.05:
                lag = rng.randint(1, 4) if roll > 0.25 else rng.randint(8, 20)
                submitted = dt.datetime.combine(period.end + dt.timedelta(days=lag), dt.time(9), tzinfo=dt.UTC)
                reports.append(
                    SituationReport(
                        unit_id=a.unit_id,
                        assignment=a,
                        cadre_id=a.cadre_id,
                        period_start=period.start,
                        period_end=period.end,
                        due_date=due,
                        submitted_at=submitted,
                        party_organisation="Ổn định",
                        idempotency_key=uuid.uuid4().hex,
                    )
                )
            period = period.next()
    reports = SituationReport.objects.bulk_create(reports, batch_size=2000)
    issues = PressingIssue.objects.bulk_create(
        [PressingIssue(report=r, unit_id=r.unit_id, text="Sạt lở bờ kênh") for r in reports if rng.random() < 0.25],
        batch_size=2000,
    )
    Escalation.objects.bulk_create(
        [
            Escalation(issue=i, unit_id=i.unit_id, organ=organ, deadline=i.report.period_end + dt.timedelta(days=20))
            for i in issues
        ],
        batch_size=2000,
    )
    return {
        "user": user,
        "communes": len(communes),
        "cadres": len(cadres),
        "activities": len(activities),
        "feedback": len(feedback),
        "reports": len(reports),
        "escalations": len(issues),
    }


def measure(user, runs: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get("/co-so/bao-quat/")  # warm-up (calendar cache, template compile)
    times = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get("/co-so/bao-quat/")
            times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
        queries = len(ctx.captured_queries)
    return times, queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    prepare_database(args.db, PG_URL)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    today = dt.date.today()
    try:
        for n_communes, n_cadres in ((84, 200), (168, 400)):
            t0 = time.perf_counter()
            data = build(n_communes, n_cadres, today)
            built = time.perf_counter() - t0
            times, queries = measure(data.pop("user"), args.runs)
            times.sort()
            print(
                f"[{args.db}] {data} built in {built:.1f}s | dashboard median {statistics.median(times):.0f} ms, "
                f"p90 {times[int(len(times) * 0.9) - 1]:.0f} ms, min {times[0]:.0f} ms, {queries} queries"
            )
    finally:
        if args.db == "postgresql":
            drop_postgres(PG_URL)


if __name__ == "__main__":
    main()
