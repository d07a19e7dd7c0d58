"""L1 "live conference": 1,000 online opinions in 60 s against gunicorn + PostgreSQL, then count rows.

    .venv/bin/python benchmarks/live_conference_l1.py [--bench] [--submissions 1000] [--seconds 60]
                                           [--burst 200] [--burst-seconds 5] [--resubmit 0.05] [--pollers 10]
                                           [--embed [--worker-nice N] [--embed-threads N]]

What it does (reliability-plan.md L1, issues 3, 7 and 17):

1. Creates a scratch PostgreSQL database ``sausat_l1_<pid>`` (dropped at the end), migrates it,
   loads the administrative units and the demo cast, and creates through the services one meeting
   in the province with 5 issue groups, status "open for opinions".
   With ``--bench`` (issue 17) it uses instead the benchmark database of the harness
   (``SAUSAT_BENCH_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/sausat_bench``,
   built by ``make bench-data SCALE=province``), which it never creates, migrates or drops, and
   its big conference (the meeting with the most opinions, as the harness's S1–S8 pick it: 10,000
   at the province scale). If that meeting is not open for opinions, it is opened through the
   services (audited, actor "system: benchmark L1 ...") and its previous status is put back at the
   end. The opinions the run adds stay: afterwards the harness's S1 (``/y-kien/?meeting=<big>``,
   newest first) shows them on its first page and the counts grow by the acknowledged
   submissions; the harness's checks do not depend on which rows those are.
2. Starts the production server (gunicorn, 2 sync workers, DEBUG off) on 127.0.0.1 via
   ``benchmarks/harness/server.py``.
3. Each simulated invitee (not logged in: the per-meeting link is the credential) GETs the form
   (CSRF cookie + token + the form's own hidden idempotency key), "types" for 8-25 s, then POSTs
   at its scheduled time and follows the redirect to the thank-you page, as a browser would. The
   POST times are an open-loop schedule: ``burst`` of them evenly in the first ``burst-seconds``,
   the rest evenly over the remaining time. ``resubmit`` of the clients send the very same POST a
   second time (same cookie, token and idempotency key): half as a parallel double click 10 ms
   later, half as a re-post after the first answer came back. Each text starts with a marker
   ``[L1-NNNNN]`` (``--bench``: ``[L1-<yymmddHHMMSS>-NNNNN]``, unique to the run).
4. Meanwhile the secretary's session opens the live board and polls its fragment every 2 s (what
   board.html does) and ``pollers`` threads reload the opinions list of the meeting every 5 s.
5. Afterwards counts the rows of this run in the database (its marker or its acknowledged keys,
   so the opinions already in the meeting do not count): every acknowledged submission (302 to
   the thank-you page) must be there exactly once, no row without an acknowledgement, no 5xx.
   First submissions and resubmissions are timed and counted apart (``post_first``,
   ``post_resubmit``, ``resubmit_acknowledged_by_kind``); ``post`` is all POSTs together.

6. With ``--embed`` (issue 20) the product's job worker (``manage.py run_worker``, what the
   ``sausat-worker`` unit runs) runs beside gunicorn during the load, so the coalesced embed jobs
   of ``sausat.opinions.vector_jobs`` compute the opinions' vectors while submissions arrive;
   afterwards the script polls the database until every opinion has its vector and reports that
   wait and the embed jobs (how many, texts per job, run time). Without ``--embed`` the
   submissions still queue those jobs (one row per meeting window), nobody runs them. Not with
   ``--bench``: the bench database keeps its build's queued jobs, which the worker would run first.

The load itself is ``benchmarks/harness/l1_load.py``, the data side ``benchmarks/harness/l1_data.py``.
Everything is bounded: a fixed pool of threads, a fixed number of requests, a hard time limit,
loopback only. The load generator shares the machine's cores with the server it measures.
A table of latencies is printed, then, as the last line, a JSON summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import l1_data  # noqa: E402
from benchmarks.harness.db import bench_url, create_database, database_exists, drop_database, postgres_version  # noqa: E402
from benchmarks.harness.embed_worker import JobWorkerProcess, LoadSampler, embed_job_summary, wait_all_vectors  # noqa: E402
from benchmarks.harness.l1_load import RESUBMIT_KINDS, Stats, lat_summary, run_load  # noqa: E402
from benchmarks.harness.server import ProductionServer  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--bench", action="store_true", help="the harness's database (SAUSAT_BENCH_DATABASE_URL) and its big conference"
    )
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--burst-seconds", type=float, default=5)
    parser.add_argument("--resubmit", type=float, default=0.05)
    parser.add_argument("--pollers", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep-db", action="store_true", help="scratch mode: keep the scratch database")
    parser.add_argument("--db-prefix", default="sausat_l1", help="scratch database name = PREFIX_<pid>")
    parser.add_argument("--embed", action="store_true", help="run the job worker: vectors computed during the load")
    parser.add_argument("--worker-nice", type=int, default=0, help="--embed: start the worker under nice -n N")
    parser.add_argument("--embed-threads", type=int, default=0, help="--embed: SAUSAT_EMBED_THREADS of the worker")
    args = parser.parse_args(argv)
    if args.bench and args.embed:
        # Measured on a small build: the worker first ran the build's queued jobs (an embed job per
        # conference, search-index tasks), so the wait measured that backlog, not the run's vectors.
        parser.error("--embed needs the scratch mode: the bench database holds its build's queued jobs")
    args.submissions = min(args.submissions, 5000)
    args.seconds = min(args.seconds, 120)
    args.burst = min(args.burst, args.submissions)
    args.pollers = min(args.pollers, 400)
    return args


def table(summary: dict) -> str:
    """The latencies as a plain-text table (first submissions and resubmissions apart)."""
    rows = [("first submission", summary["post_first"], summary["acknowledged"])]
    for kind in RESUBMIT_KINDS:
        label = "resubmit, " + ("parallel double click" if kind == "parallel" else "re-post after answer")
        rows.append((label, summary["post_resubmit"][kind], summary["resubmit_acknowledged_by_kind"][kind]))
    rows += [
        ("all POSTs", summary["post"], None),
        ("POSTs in the burst", summary["post_burst"], None),
        ("form GET", summary["form_get"], None),
        ("thank-you GET", summary["thanks_get"], None),
        ("live board poll", summary["poll_board"], None),
        ("opinions list poll", summary["poll_list"], None),
    ]
    lines = [f"{'request':<40}{'n':>6}{'acked':>7}{'median':>9}{'p95':>9}{'p99':>9}{'max':>9}  (ms)"]
    for label, lat, acked in rows:
        ack = "" if acked is None else str(acked)
        lines.append(
            f"{label:<40}{lat['n']:>6}{ack:>7}{lat['median_ms']:>9}{lat['p95_ms']:>9}{lat['p99_ms']:>9}{lat['max_ms']:>9}"
        )
    return "\n".join(lines)


def summarize(args, url: str, info: dict, stats: Stats, db: dict, extra: dict) -> dict:
    acked = [f"online:{k}" for k in stats.acked_keys]
    acked_set = set(acked)
    row_keys = Counter(db["keys"])
    lost = [k for k in acked if k not in row_keys]
    unacked_rows = [k for k in row_keys if k not in acked_set]
    text_markers = Counter(t.split("]")[0] for t in db["texts"])
    dup_by_text = sum(1 for v in text_markers.values() if v > 1)
    fivexx = sum(v for s in stats.statuses.values() for k, v in s.items() if k and k >= 500)
    summary = {
        "scenario": "L1 live conference" + (" on the province data" if args.bench else ""),
        "mode": "bench" if args.bench else "scratch",
        "database": urlparse(url).path.lstrip("/") if args.bench else "scratch",
        "meeting": {
            "id": info["meeting_id"],
            "marker": info["marker"],
            "opinions_before": info.get("opinions_before", 0),
            "opinions_after": db["meeting_rows"],
            "status_before": info.get("previous_status", "open"),
            "status_after": extra.pop("status_after", "open"),
        },
        "server": f"gunicorn {args.workers} sync workers, DEBUG off, PostgreSQL {extra.pop('pg_version')}",
        "machine": f"{os.cpu_count()} cores shared with the load generator",
        **extra,
        "submissions_scheduled": args.submissions,
        "burst": f"{args.burst} in first {args.burst_seconds:g} s",
        "window_s": args.seconds,
        "resubmissions": round(args.submissions * args.resubmit),
        "acknowledged": len(acked),
        "resubmit_sent_by_kind": {k: stats.resubmit_sent[k] for k in RESUBMIT_KINDS},
        "resubmit_acknowledged": sum(stats.resubmit_acks.values()),
        "resubmit_acknowledged_by_kind": {k: stats.resubmit_acks[k] for k in RESUBMIT_KINDS},
        "rows": db["rows"],
        "audit_rows": db["audit_rows"],
        "lost": len(lost),
        "rows_without_ack": len(unacked_rows),
        "duplicate_keys": db["dup_keys"],
        "duplicate_texts": dup_by_text,
        "http_5xx": fivexx,
        "statuses": {k: {str(s): n for s, n in v.items()} for k, v in stats.statuses.items()},
        "errors": dict(stats.errors),
        "unexpected": dict(Counter(stats.unexpected)),
        "post": lat_summary(stats.post_ms),
        "post_first": lat_summary(stats.post_ms_first),
        "post_resubmit": {k: lat_summary(stats.post_ms_resubmit[k]) for k in RESUBMIT_KINDS},
        "post_burst": lat_summary(stats.post_ms_burst),
        "post_start_lateness": lat_summary(stats.post_lateness_ms),
        "form_get": lat_summary(stats.form_ms),
        "thanks_get": lat_summary(stats.thanks_ms),
        "board_page": lat_summary(stats.board_page_ms),
        "poll_board": lat_summary(stats.poll_ms["board"]),
        "poll_list": lat_summary(stats.poll_ms["list"]),
        "pollers": {"board_every_s": 2, "list_pollers": args.pollers, "list_every_s": 5},
        "embed": {"worker": args.embed, "nice": args.worker_nice, "threads": args.embed_threads or "default"},
    }
    summary["pass"] = bool(
        summary["lost"] == 0
        and summary["duplicate_keys"] == 0
        and summary["duplicate_texts"] == 0
        and summary["http_5xx"] == 0
        and not stats.errors
        and summary["acknowledged"] == args.submissions
        and summary["rows"] == args.submissions
        and summary["post"]["p95_ms"] < 500
        and summary["post"]["p99_ms"] < 2000
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.bench:
        url = bench_url()
        if not database_exists(url):
            print(f"No benchmark database at {url}: run `make bench-data SCALE=province` first.", file=sys.stderr)
            return 2
    else:
        url = f"postgres://postgres@127.0.0.1:5432/{args.db_prefix}_{os.getpid()}"
        create_database(url)
    server = ProductionServer(url, workers=args.workers)
    worker = None
    info: dict = {}
    extra: dict = {}
    vectors: dict = {}
    try:
        info = l1_data.prepare_province(server.env) if args.bench else l1_data.prepare_scratch(server.env)
        print(f"prepared in {info['prepare_s']} s: meeting {info['meeting_id']}", file=sys.stderr)
        run_started = dt.datetime.now(dt.UTC)
        server.start()
        if args.embed:
            worker = JobWorkerProcess(
                server.env, server.work_dir / "worker.log", nice=args.worker_nice, embed_threads=args.embed_threads
            ).start()
        cookie = server.login("vanphong").headers()["Cookie"]
        load_before = os.getloadavg()
        with LoadSampler() as load_during:
            stats, elapsed, lead = run_load(args, info, server.port, cookie)
        load_after = os.getloadavg()
        time.sleep(1)
        db = l1_data.count_rows(info["meeting_id"], info["marker"], [f"online:{k}" for k in stats.acked_keys])
        if worker is not None:
            vectors = wait_all_vectors(info["meeting_id"])
            vectors["after_last_post_s"] = round(time.monotonic() - stats.last_post_done, 1)
            vectors["worker_cpu_s"] = round(worker.cpu_seconds(), 1)
            vectors["loadavg_when_ready"] = round(os.getloadavg()[0], 2)
        vectors["embed_jobs"] = embed_job_summary(info["meeting_id"], since=run_started if args.bench else None)
        log_tail = server.log_tail(3000) + (worker.log_tail(2000) if worker is not None else "")
        extra = {
            "pg_version": postgres_version(url),
            "loadavg_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
            "loadavg_during": load_during.summary(),
            "elapsed_s_incl_form_lead": round(elapsed, 1),
            "form_lead_s": lead,
        }
    finally:
        if worker is not None:
            worker.stop()
        server.stop()
        if args.bench and "previous_status" in info:
            extra["status_after"] = l1_data.restore_status(info)
        from django.db import connections

        connections.close_all()
        if not args.bench and not args.keep_db:
            drop_database(url)

    summary = summarize(args, url, info, stats, db, extra)
    summary["vectors"] = vectors
    summary["pass"] = summary["pass"] and (not args.embed or vectors.get("all_ready", False))
    if not summary["pass"] and log_tail.strip():
        print("gunicorn log tail:\n" + log_tail, file=sys.stderr)
    print(table(summary))
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if summary["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
