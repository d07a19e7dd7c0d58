"""Each role's home page (the inbox) on the benchmark database, in-process: cached and uncached figures.

    .venv/bin/python benchmarks/home_pages.py [--runs 20] [--users lanhdao,vanphong,...]

Like benchmarks/inprocess.py (production settings, DEBUG off, force_login, django.test.Client, no
network): for each demo account, the median and p95 of ``--runs`` loads of ``/`` after 3 warm-ups
("warm": the quarter's task figures come from the cache, as on every load but the first after a task
changes) and of as many loads with the process cache cleared before each ("cold": the figures are
computed from every task of the quarter, as every load did before the cache), with the query count
of each. The harness operations H1–H6 (benchmarks/harness/ops_home.py) measure the same pages
through gunicorn.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

USERS = "lanhdao,vanphong,traloi,theodoi,xa_a,congdan"


def _median_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return round(statistics.median(times), 1), round(times[max(0, int(len(times) * 0.95) - 1)], 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", default=USERS)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--url", default=os.environ.get("SAUSAT_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sausat_bench")
    )
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.inprocess import start_django

    start_django(args.url, "home-pages")
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sausat.directives.models import Task

    print(json.dumps({"tasks": Task.objects.count(), "loadavg": [round(x, 2) for x in os.getloadavg()]}), flush=True)
    for username in args.users.split(","):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for _ in range(3):
            client.get("/")
        result: dict = {"user": username}
        for mode in ("warm", "cold"):
            times = []
            for _ in range(args.runs):
                if mode == "cold":
                    cache.clear()
                start = time.perf_counter()
                response = client.get("/")
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (username, response.status_code)
            if mode == "cold":
                cache.clear()
            with CaptureQueriesContext(connection) as ctx:
                client.get("/")
            median, p95 = _median_p95(times)
            result[mode] = {"median_ms": median, "p95_ms": p95, "queries": len(ctx.captured_queries)}
        result["loadavg"] = [round(x, 2) for x in os.getloadavg()]
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
