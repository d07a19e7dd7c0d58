"""Benchmark: the quarterly review pack and the task board at scale.

5,000 tasks across 80 bodies with 20,000 progress reports (and some approved extensions and
completions). Measures: the whole-province pack page render (< 2 s), its .xlsx (< 5 s), and that
the board's query count does not grow with the number of tasks.

    SAUSAT_VAR_DIR=/tmp/var-dirbench .venv/bin/python benchmarks/quarterly_pack.py

Uses a throwaway database under SAUSAT_VAR_DIR (default /tmp/var-dirbench); the bulk data is
written with bulk_create (it is load, not behaviour under test).
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SAUSAT_VAR_DIR", "/tmp/var-dirbench")  # noqa: S108  (a throwaway benchmark database)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sausat.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django

django.setup()

import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TASKS, BODIES, REPORTS = 5000, 80, 20000


def setup_data():
    from sausat.core.calendar import VN_TZ
    from sausat.directives.models import DeadlineChange, DirectingDocument, ProgressReport, Task
    from sausat.geo.loader import load_units
    from sausat.people import demo
    from sausat.people.models import Organ

    call_command("migrate", verbosity=0)
    from sausat.geo.models import AdministrativeUnit

    if not AdministrativeUnit.objects.filter(code="p92").exists():
        load_units()
    demo.seed_cast()
    province = demo.cast_units()["province"]
    if Task.objects.count() >= TASKS:
        return province
    rng = random.Random(2021)
    existing = Organ.objects.filter(unit=province).count()
    Organ.objects.bulk_create(
        [
            Organ(
                name=f"Cơ quan thử {i:03d}",
                short_name=f"CQ{i:03d}",
                kind="department",
                unit=province,
                sort_order=200 + i,
                search_key=f"co quan thu {i:03d}",
            )
            for i in range(max(0, BODIES - existing))
        ]
    )
    organs = list(Organ.objects.filter(unit=province)[:BODIES])
    docs = DirectingDocument.objects.bulk_create(
        [
            DirectingDocument(
                kind="conclusion",
                issuing_organ=organs[0],
                date=dt.date(2026, 1, 5) + dt.timedelta(days=i),
                title=f"Kết luận thử {i}",
                unit=province,
                search_key=f"ket luan thu {i}",
            )
            for i in range(50)
        ]
    )
    tasks = []
    for i in range(TASKS):
        due = dt.date(2026, 1, 15) + dt.timedelta(days=rng.randrange(0, 300))
        task = Task(
            document=docs[i % len(docs)],
            title=f"Nhiệm vụ thử số {i}",
            lead_organ=organs[i % BODIES],
            deadline_kind="fixed",
            deadline_date=due,
            due_date=due,
            original_due_date=due,
            unit=province,
            search_key=f"nhiem vu thu so {i}",
            percent=rng.randrange(0, 100),
        )
        roll = rng.random()
        if roll < 0.45:
            done = due + dt.timedelta(days=rng.randrange(-20, 10))
            task.completed_at = dt.datetime(done.year, done.month, done.day, 10, tzinfo=VN_TZ)
            task.completed_on = done
            task.product = f"Báo cáo {i}"
            task.percent = 100
        tasks.append(task)
    tasks = Task.objects.bulk_create(tasks, batch_size=1000)
    reports = []
    for _ in range(REPORTS):
        t = rng.choice(tasks)
        day = t.document.date + dt.timedelta(days=rng.randrange(1, 200))
        reports.append(
            ProgressReport(
                task=t,
                text="Báo cáo tiến độ",
                percent=rng.randrange(0, 100),
                at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=VN_TZ),
            )
        )
    ProgressReport.objects.bulk_create(reports, batch_size=2000)
    changes = []
    for t in rng.sample(tasks, 500):
        new = t.due_date + dt.timedelta(days=30)
        at = dt.datetime(t.due_date.year, t.due_date.month, t.due_date.day, 8, tzinfo=VN_TZ)
        changes.append(DeadlineChange(task=t, old_date=t.due_date, new_date=new, reason="Gia hạn", changed_at=at))
        Task.objects.filter(pk=t.pk).update(due_date=new, deadline_changed_at=at)
    DeadlineChange.objects.bulk_create(changes)
    from django.db.models import Max, Min

    for row in ProgressReport.objects.values("task_id").annotate(first=Min("at"), last=Max("at")):
        Task.objects.filter(pk=row["task_id"]).update(first_report_at=row["first"], last_report_at=row["last"])
    return province


def timed(fn, repeat=3):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None or elapsed < best else best
    return best, result


def board_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/chi-dao/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def main() -> None:
    from django.contrib.auth import get_user_model

    from sausat.directives import exports
    from sausat.directives.models import ProgressReport, Task
    from sausat.directives.pack import PackScope, quarterly_pack

    t0 = time.perf_counter()
    setup_data()
    print(
        f"data ready in {time.perf_counter() - t0:.1f} s: {Task.objects.count()} tasks, "
        f"{ProgressReport.objects.count()} progress reports, "
        f"{Task.objects.values('lead_organ').distinct().count()} bodies"
    )
    secretary = get_user_model().objects.get(username="vanphong")
    client = Client()
    client.force_login(secretary)
    url = "/chi-dao/bao-cao-quy/?year=2026&quarter=2&scope=province"
    client.get(url)  # warm-up (templates, calendar cache)
    page_s, response = timed(lambda: client.get(url))
    assert response.status_code == 200
    pack = quarterly_pack(secretary, 2026, 2, PackScope())
    compute_s, pack = timed(lambda: quarterly_pack(secretary, 2026, 2, PackScope()))
    xlsx_s, content = timed(lambda: exports.pack_xlsx(pack))
    xlsx_view_s, _xresp = timed(lambda: client.get(url.replace("bao-cao-quy/", "bao-cao-quy.xlsx")), repeat=2)
    docx_s, _ = timed(lambda: client.get(url.replace("bao-cao-quy/", "bao-cao-quy.docx")), repeat=2)
    many = board_queries(client)
    # The same board with few tasks: hide all but 20 (soft delete) and count again.
    keep = list(Task.objects.order_by("id").values_list("pk", flat=True)[:20])
    from django.utils import timezone

    now = timezone.now()
    Task.objects.exclude(pk__in=keep).update(deleted_at=now)
    few = board_queries(client)
    Task.all_objects.filter(deleted_at=now).update(deleted_at=None)
    print(
        f"pack Q2/2026 whole province: {pack.totals.total} tasks, {len(pack.bodies)} bodies, "
        f"{len(pack.overdue)} overdue, {len(pack.completed)} completed"
    )
    print(f"pack page render (HTTP, best of 3):      {page_s:.3f} s  (budget 2 s)")
    print(f"pack computation only (best of 3):       {compute_s:.3f} s")
    print(f"pack .xlsx build (best of 3):            {xlsx_s:.3f} s  ({len(content) // 1024} KiB, budget 5 s)")
    print(f".xlsx download incl. pack (HTTP):        {xlsx_view_s:.3f} s")
    print(f".docx download incl. pack (HTTP):        {docx_s:.3f} s")
    print(f"board queries: {few} with 20 tasks, {many} with {TASKS} tasks")
    ok = page_s < 2 and xlsx_view_s < 5 and many <= few
    print("RESULT:", "within budget" if ok else "OVER BUDGET")


if __name__ == "__main__":
    main()
