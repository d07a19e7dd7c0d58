"""Benchmark: meeting page, grouping page and opinions list with 5,000 opinions.

    .venv/bin/python benchmarks/opinion_pages.py [--opinions 5000] [--runs 15]

Uses a throwaway SQLite database under a temporary SAUSAT_VAR_DIR (or SAUSAT_DATABASE_URL when
set), loads the administrative units and the demo cast, creates one meeting with N opinions in
8 issue groups (about a third assigned, a fifth answered) through bulk inserts, then renders each
page with the Django test client and reports the median and p95 render time and the query count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SAUSAT_VAR_DIR", tempfile.mkdtemp(prefix="sausat-bench-opin-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sausat.settings")
os.environ.setdefault("SAUSAT_DEBUG", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402


def build(n: int):
    from django.contrib.auth import get_user_model

    from sausat.geo.loader import load_units
    from sausat.meetings import services as meeting_services
    from sausat.opinions import services
    from sausat.opinions.models import Answer, Channel, Opinion, Outcome
    from sausat.people import demo as people_demo
    from sausat.people.models import Organ
    from sausat.textkit.normalize import search_key

    call_command("migrate", verbosity=0)
    load_units()
    people_demo.seed_cast()
    units = people_demo.cast_units()
    secretary = get_user_model().objects.get(username="vanphong")
    meeting = meeting_services.create_meeting(
        actor=secretary, title="Hội nghị đo hiệu năng", starts_at=timezone.now(), unit=units["province"]
    )
    groups = [services.create_group(actor=secretary, meeting=meeting, title=f"Nhóm vấn đề {i}") for i in range(8)]
    organ = Organ.objects.filter(unit=units["province"], short_name="Sở Nội vụ").first()
    now = timezone.now()
    rows = []
    for i in range(n):
        text = f"Ý kiến số {i}: đề nghị xem xét chế độ phụ cấp kiêm nhiệm và bồi dưỡng cán bộ cấp xã."
        rows.append(
            Opinion(
                meeting=meeting, unit=units["commune_a"] if i % 2 else units["commune_b"],
                channel=Channel.PAPER if i % 10 else Channel.LIVE, text=text, search_key=search_key(text),
                author_name=f"Tác giả {i}", author_unit_label="Xã thử", group=groups[i % 8],
                idempotency_key=f"bench:{i}", responder_organ=organ if i % 3 == 0 else None,
                deadline=now.date() if i % 3 == 0 else None,
                outcome=Outcome.ANSWERED if i % 5 == 0 else "", answered_at=now if i % 5 == 0 else None,
            )
        )  # fmt: skip
    Opinion.objects.bulk_create(rows, batch_size=1000)
    answers = [
        Answer(opinion=o, unit=o.unit, answered_at=now, text="Đã trả lời", outcome=Outcome.ANSWERED, published=True)
        for o in Opinion.objects.filter(meeting=meeting, outcome=Outcome.ANSWERED)
    ]
    Answer.objects.bulk_create(answers, batch_size=1000)
    return meeting, secretary


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opinions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    t0 = time.perf_counter()
    meeting, secretary = build(args.opinions)
    print(f"built {args.opinions} opinions in {time.perf_counter() - t0:.1f} s ({connection.vendor})")
    client = Client()
    client.force_login(secretary)
    pages = {
        "meeting page": reverse("meetings:detail", args=[meeting.pk]),
        "grouping page": reverse("opinions:grouping", args=[meeting.pk]),
        "opinions list": reverse("opinions:index"),
        "opinions list, search": reverse("opinions:index") + "?q=kiem+nhiem",
        "responder queue": reverse("opinions:queue"),
        "summary page": reverse("meetings:summary", args=[meeting.pk]),
        "register .xlsx (all 5,000 rows)": reverse("meetings:register_xlsx", args=[meeting.pk]),
    }
    print("| page | median ms | p95 ms | queries |\n|---|---:|---:|---:|")
    for name, url in pages.items():
        runs = 3 if url.endswith(".xlsx") else args.runs
        median, p95, queries = measure(client, url, runs)
        print(f"| {name} | {median:.0f} | {p95:.0f} | {queries} |")


if __name__ == "__main__":
    main()
