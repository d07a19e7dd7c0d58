"""Where a page's time goes: SQL, template rendering, URL reversals and date formats per request.

    .venv/bin/python benchmarks/page_profile.py --user lanhdao "/chi-dao/bao-cao-quy/?year=2026&quarter=4" [--runs 10]

The same set-up as ``benchmarks/inprocess.py`` (production settings, DEBUG off, ``force_login``,
django.test.Client, the database ``SAUSAT_BENCH_DATABASE_URL``), but each URL is requested under
cProfile after 3 warm-ups. Prints per request: wall time, SQL time (an ``execute_wrapper``), time
inside the outermost ``Template.render``, and the calls to ``reverse``, the ``date`` filter,
``{% translate %}`` and the template nodes rendered; then the top functions by own time. It answers
"what does the profile say" before a lever is taken (issue 17); profiling roughly doubles the wall
time, so read shares, not absolute figures.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

WATCH = {
    "reverse": ("django/urls/base.py", "reverse"),
    "date_filter": ("django/template/defaultfilters.py", "date"),
    "translate_nodes": ("django/templatetags/i18n.py", "render"),
    "nodes_rendered": ("django/template/base.py", "render_annotated"),
    "template_render": ("django/template/base.py", "_render"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--user", default="vanphong")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", help="pstats order: tottime, cumulative, ...")
    parser.add_argument("--only", default="", help="restrict the listing to files matching this (e.g. sausat/)")
    parser.add_argument(
        "--url", default=os.environ.get("SAUSAT_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sausat_bench")
    )
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.inprocess import start_django

    start_django(args.url, "profile")
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client()
    if args.user:  # --user "" profiles an anonymous reader (the portal's pages)
        client.force_login(get_user_model().objects.get(username=args.user))
    sql = [0.0, 0]

    def timed(execute, query, params, many, context):
        start = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql[0] += time.perf_counter() - start
            sql[1] += 1

    for url in args.urls:
        for _ in range(3):
            client.get(url)
        sql[:] = [0.0, 0]
        profile = cProfile.Profile()
        start = time.perf_counter()
        with connection.execute_wrapper(timed):
            profile.enable()
            for _ in range(args.runs):
                response = client.get(url)
            profile.disable()
        wall = (time.perf_counter() - start) / args.runs
        stats = pstats.Stats(profile)
        counts: dict[str, float] = {}
        for (filename, _line, name), (_cc, nc, _tt, _ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
            for key, (suffix, func) in WATCH.items():
                if name == func and filename.endswith(suffix):
                    if key == "template_render":
                        # Only the outermost render (called from outside the template engine) counts as time.
                        outer = sum(c[3] for f, c in callers.items() if not f[0].endswith("django/template/base.py"))
                        counts["template_ms"] = counts.get("template_ms", 0) + outer
                    else:
                        counts[key] = counts.get(key, 0) + nc
        report = {
            "url": url,
            "status": response.status_code,
            "bytes": len(response.content),
            "profiled_wall_ms": round(wall * 1000, 1),
            "sql_ms": round(sql[0] * 1000 / args.runs, 1),
            "queries": sql[1] // args.runs,
            "template_ms": round(counts.pop("template_ms", 0) * 1000 / args.runs, 1),
            **{k: round(v / args.runs) for k, v in counts.items()},
            "loadavg": [round(x, 2) for x in os.getloadavg()],
        }
        print(json.dumps(report), flush=True)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(
            *([args.only] if args.only else []), args.top
        )
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
