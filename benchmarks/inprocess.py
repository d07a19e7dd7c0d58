"""In-process timing of pages on the benchmark database, for before/after comparisons of a fix.

    .venv/bin/python benchmarks/inprocess.py --user vanphong /y-kien/?meeting=1 /y-kien/42/ [--runs 30]

Runs Django in this process with production settings (DEBUG off) against
``SAUSAT_BENCH_DATABASE_URL`` (default the harness database), signs in with ``force_login`` and
times each URL with django.test.Client: median and p95 of ``--runs`` requests after 3 warm-ups, and
the query count. No network, no gunicorn: what is left is the view, the ORM, the database and the
templates, which is what a code fix changes. To compare with an older commit, run the same command
from a ``git worktree`` of that commit (``--root``) against the same database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def start_django(database_url: str, name: str) -> Path:
    """Django in this process with production settings (DEBUG off) on ``database_url``, static files
    collected into a scratch folder; returns that folder. Shared by the in-process benchmarks."""
    work = Path(tempfile.mkdtemp(prefix=f"sausat-{name}-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "sausat.settings",
            "SAUSAT_DATABASE_URL": database_url,
            "SAUSAT_DEBUG": "0",
            "SAUSAT_SECRET_KEY": f"{name}-benchmark-" + "x" * 40,
            "SAUSAT_ALLOWED_HOSTS": "testserver",
            "SAUSAT_SSL_REDIRECT": "0",
            "SAUSAT_STATIC_ROOT": str(work / "static"),
            "SAUSAT_VAR_DIR": str(work / "var"),
            "SAUSAT_LOG_LEVEL": "ERROR",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    return work


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--user", default="vanphong")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[1]), help="Code to import.")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="Empty the process cache before each request: what the first load after a write costs "
        "on pages cached under data versions (sausat.core.data_versions).",
    )
    parser.add_argument(
        "--url", default=os.environ.get("SAUSAT_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sausat_bench")
    )
    args = parser.parse_args()
    sys.path.insert(0, args.root)
    start_django(args.url, "inprocess")
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    for url in args.urls:
        for _ in range(3):
            response = client.get(url)
        times, cpu = [], []
        for _ in range(args.runs):
            if args.cold:
                cache.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            # This process's CPU (Python: view, ORM, templates; not PostgreSQL's): steadier than wall
            # time on a loaded box, where waiting for a core inflates the wall figure.
            cpu.append((time.process_time() - start_cpu) * 1000)
        if args.cold:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        times.sort()
        print(
            json.dumps(
                {
                    "url": url,
                    "status": response.status_code,
                    "median_ms": round(statistics.median(times), 1),
                    "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                    "cpu_median_ms": round(statistics.median(cpu), 1),
                    "queries": len(ctx.captured_queries),
                    "cold": args.cold,
                    "root": args.root,
                    "loadavg": [round(x, 2) for x in os.getloadavg()],
                }
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
