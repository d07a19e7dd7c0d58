"""``make bench``: serve the benchmark database with the production server and measure every operation.

Usage (from the repository root, after ``make bench-data``)::

    python -m benchmarks.harness.run [--seconds 10] [--connections 1,4] [--only S0,F1]

Environment: ``SAUSAT_BENCH_SECONDS`` (default 10), ``SAUSAT_BENCH_CONNECTIONS`` (default "1,4"),
``SAUSAT_BENCH_DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/sausat_bench).

For each registered operation (operations.py): resolve it, warm it up, then run
the loopback load generator for a fixed duration at each connection count against gunicorn
(2 workers, DEBUG off), checking every response (status, size, marker; writes: the rows they
created) so that a failed request never enters a median and any failure makes the run exit 1;
finally count its SQL queries per request in-process (django.test.Client
and CaptureQueriesContext on the same database, second request, logged in as the same user).
Writes benchmarks/results/latest.json and latest.md.

``--compare PATH|nginx`` measures two servers on the same database interleaved, round by round
(another source tree beside ``--tree``, or nginx with TLS in front of the same gunicorn): see
compare.py. Example (issue 16's before/after)::

    git archive a174ee9 | tar -x -C /tmp/before
    python -m benchmarks.harness.run --tree /tmp/after --compare /tmp/before --rounds 3 --out /tmp/cmp
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import loadgen  # noqa: E402
from benchmarks.harness import db as benchdb  # noqa: E402
from benchmarks.harness.operations import Context, Operation, Request, Skip, load_all  # noqa: E402
from benchmarks.harness.server import ProductionServer, Session  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
WARMUP_REQUESTS = 5


def report_order(key: str) -> tuple[int, int, str]:
    """S0 first, then the foundation pages, then S1, S2, S2u, ..., S10 (variants after their base)."""
    prefix, digits = key[0], "".join(ch for ch in key[1:] if ch.isdigit())
    return ({"S": 1, "F": 0}.get(prefix, 2) if key not in ("S0", "S0s") else -1, int(digits or 0), key)


def machine(url: str) -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    info["postgresql"] = benchdb.postgres_version(url)
    import django
    import gunicorn

    info["django"] = django.get_version()
    info["gunicorn"] = gunicorn.__version__
    return info


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def data_counts() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    labels = ["geo.AdministrativeUnit", "people.Person", "people.Position", "people.Organ", "core.AuditEvent"]
    labels += ["meetings.Meeting", "opinions.Opinion", "opinions.Answer", "opinions.FollowUpNote"]
    labels += ["directives.Task", "directives.ProgressReport", "liaison.Assignment", "liaison.Activity"]
    for label in labels:
        try:
            counts[label] = apps.get_model(label).objects.count()
        except LookupError:
            continue
    return counts


def setup_django(server: ProductionServer) -> None:
    """Django in this process, on the same database and settings as the server (plus 'testserver')."""
    os.environ.update(server.env)
    os.environ["SAUSAT_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    import django

    django.setup()


def count_queries(req: Request, form_body: dict[str, str] | None) -> tuple[int, int]:
    """(status, number of SQL queries) of the second identical request, in-process."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if req.user:
        client.force_login(get_user_model().objects.get(username=req.user))

    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in req.headers.items()}

    def send():
        if req.method == "POST":
            return client.post(req.path, form_body or {}, **extra)
        return client.get(req.path, **extra)

    send()
    with CaptureQueriesContext(connection) as ctx:
        response = send()
    return response.status_code, len(ctx.captured_queries)


def response_check(req: Request):
    """``check(status, body)`` for loadgen: the expected status, a minimum size and the marker."""
    marker = req.marker.encode() if req.marker else None
    expect = (200,) if req.follow else req.expect

    def check(status: int, body: bytes) -> str | None:
        if status not in expect:
            return f"HTTP {status}, expected {'/'.join(map(str, expect))}"
        if len(body) < req.min_bytes:
            return f"body of {len(body)} bytes < {req.min_bytes}"
        if marker and marker not in body:
            return f"marker {req.marker!r} missing"
        return None

    return check


def measure(op: Operation, server: ProductionServer, sessions: dict[str, Session], ctx: Context, args) -> dict:
    row: dict[str, Any] = {"key": op.key, "title": op.title, "bar": op.bar, "group": op.group}
    try:
        req = op.resolve(ctx)
    except Skip as exc:
        row["skipped"] = str(exc)
        return row
    row["path"], row["method"], row["user"] = req.path, req.method, req.user
    headers: dict[str, str] = {}
    if req.user:
        if req.user not in sessions:
            from django.conf import settings

            sessions[req.user] = server.login(req.user, settings.SAUSAT_DEMO_PASSWORD)
        headers = sessions[req.user].headers(post=req.method == "POST")
    headers = {**headers, **req.headers}

    def body_factory(index: int, seq: int):
        if req.form is None:
            return None
        fields = dict(req.form(index, seq))
        if req.user:
            fields["csrfmiddlewaretoken"] = sessions[req.user].csrf_token
        return urllib.parse.urlencode(fields)

    check = response_check(req)
    before = req.rows() if req.rows else None
    common = {
        "headers": headers,
        "method": req.method,
        "body_factory": body_factory if req.form else None,
        "check": check,
        "follow": req.follow,
        "before": (lambda _index, _seq: req.before()) if req.before else None,
    }
    warm = loadgen.run(server.url(req.path), connections=1, seconds=30, max_requests=WARMUP_REQUESTS, **common)
    if warm.failures or warm.errors or not warm.latencies_ms:
        row["error"] = f"warm-up failed: {dict(warm.failures)} (statuses {dict(warm.statuses)}, errors {warm.errors})"
        return row
    posts = len(warm.latencies_ms)
    row["runs"] = []
    failures: dict[str, int] = {}
    for c in args.connections:
        result = loadgen.run(
            server.url(req.path), connections=c, seconds=args.seconds, max_requests=args.max_requests, **common
        )
        summary = result.summary()
        summary["loadavg_after"] = loadavg()
        summary.pop("url", None)
        row["runs"].append(summary)
        posts += len(result.latencies_ms)
        for reason, n in result.failures.items():
            failures[f"c={c}: {reason}"] = n
        if result.errors:
            failures[f"c={c}: connection errors"] = result.errors
        if not result.latencies_ms:
            failures[f"c={c}: no successful request"] = 1
        print(f"  {op.key} c={c}: {json.dumps(summary)}", flush=True)
    if req.rows:
        # A logged-out or invalid post also answers 302, in a millisecond: only the rows prove the write.
        grown = req.rows() - before
        row["rows_created"] = {"expected": posts, "created": grown}
        if grown != posts:
            failures[f"{posts} successful posts created {grown} rows"] = max(1, posts - grown)
    if failures:
        row["failures"] = failures
    status, queries = count_queries(req, req.form(0, 10**6) if req.form else None)
    row["queries_per_request"] = queries
    row["inprocess_status"] = status
    return row


def verdicts(rows: list[dict], ops: dict[str, Operation]) -> None:
    floor = next((r for r in rows if r["key"] == "S0" and r.get("runs")), None)
    floor_ms = floor["runs"][0]["median_ms"] if floor else None
    signed_in = next((r for r in rows if r["key"] == "S0s" and r.get("runs")), None)
    signed_in_ms = signed_in["runs"][0]["median_ms"] if signed_in else None
    for row in rows:
        op = ops[row["key"]]
        if not row.get("runs") or row.get("failures"):
            continue
        median = row["runs"][0]["median_ms"]
        if floor_ms:
            row["ratio_to_s0_c1"] = round(median / floor_ms, 1)
        if signed_in_ms:
            row["ratio_to_s0s_c1"] = round(median / signed_in_ms, 1)
        if op.max_ratio_to_s0 and floor_ms:
            row["meets_bar"] = median <= op.max_ratio_to_s0 * floor_ms
        elif op.max_median_ms:
            row["meets_bar"] = median < op.max_median_ms


def markdown(report: dict) -> str:
    m = report["machine"]
    conns = report["connections"]
    lines = [
        f"# Benchmark results ({report['finished_at']})",
        "",
        f"Machine: {m['nproc']} CPUs ({m.get('cpu_model', '?')}), {m.get('memory_gib', '?')} GiB, "
        f"Python {m['python']}, Django {m['django']}, gunicorn {m['gunicorn']} (2 sync workers, DEBUG off), "
        f"PostgreSQL {m['postgresql']} on 127.0.0.1. Load average at start {report['loadavg_start']}, "
        f"end {report['loadavg_end']}.",
        f"Data: scale `{report['scale']}`; {', '.join(f'{k} {v:,}' for k, v in report['data'].items())}.",
        f"Each operation: {report['seconds']:g} s per connection count ({', '.join(map(str, conns))}), "
        "loopback load generator (benchmarks/loadgen.py; gunicorn's sync workers close the connection "
        "after each response, so every request includes a TCP connect); queries = SQL queries of one "
        "request, counted in-process. Figures are only comparable on the same box.",
        "",
    ]
    head = ["op", "what"]
    for c in conns:
        head += [f"median c={c} (ms)", f"p95 c={c} (ms)", f"req/s c={c}"]
    head += ["queries", "× S0 (c=1)", "× S0s (c=1)", "bar"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    pending = []
    for row in report["operations"]:
        if row.get("skipped") or row.get("error") or row.get("failures"):
            reason = row.get("skipped") or "ERROR: " + (
                row.get("error") or "failed checks " + json.dumps(row["failures"], ensure_ascii=False)
            )
            pending.append(f"- {row['key']} {row['title']} (bar: {row['bar'] or '—'}): {reason}")
            continue
        cells = [row["key"], f"{row['title']} `{row['path']}`"]
        for run in row["runs"]:
            cells += [f"{run['median_ms']:.1f}", f"{run['p95_ms']:.1f}", f"{run['rps']:.1f}"]
        verdict = ""
        if "meets_bar" in row:
            verdict = " ✔" if row["meets_bar"] else " ✘"
        cells += [
            str(row["queries_per_request"]),
            str(row.get("ratio_to_s0_c1", "")),
            str(row.get("ratio_to_s0s_c1", "")),
            (row["bar"] or "") + verdict,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if pending:
        lines += ["", "Not measured:", *pending]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("SAUSAT_BENCH_SECONDS", "10")))
    parser.add_argument("--connections", default=os.environ.get("SAUSAT_BENCH_CONNECTIONS", "1,4"))
    parser.add_argument("--only", default="", help="Comma-separated operation keys.")
    parser.add_argument("--url", default=benchdb.bench_url())
    parser.add_argument("--out", default="", help="Default: benchmarks/results/latest (--compare: compare).")
    parser.add_argument("--port", type=int, default=None, help="Port of the server (default: a free one).")
    parser.add_argument(
        "--max-requests", type=int, default=loadgen.MAX_REQUESTS, help="Cap per connection count (smoke runs)."
    )
    parser.add_argument(
        "--compare", default="", help="Second side, measured interleaved: a source tree's path, or 'nginx'."
    )
    parser.add_argument("--tree", default=str(ROOT), help="Source tree of the (first) server (default: this one).")
    parser.add_argument("--rounds", type=int, default=3, help="--compare: alternating rounds per operation.")
    args = parser.parse_args(argv)
    args.connections = [int(c) for c in args.connections.split(",") if c.strip()]
    args.out = args.out or str(RESULTS / ("compare" if args.compare else "latest"))
    if not benchdb.database_exists(args.url):
        print(f"No benchmark database at {args.url}: run `make bench-data SCALE=province` first.")
        return 2
    ops = load_all()
    keys = [k.strip() for k in args.only.split(",") if k.strip()] or sorted(ops, key=report_order)
    report: dict[str, Any] = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": args.seconds,
        "connections": args.connections,
        "loadavg_start": loadavg(),
    }
    report["scale"] = "?"
    for data_report in sorted(RESULTS.glob("bench-data*.json")):
        built = json.loads(data_report.read_text())
        if built.get("database") == args.url:
            report["scale"] = built.get("scale", "?")
            report["data_build"] = {k: built.get(k) for k in ("seed", "total_seconds", "peak_rss_mb")}
    if args.compare:
        from benchmarks.harness import compare

        return compare.main(args, ops, keys, report)
    with ProductionServer(args.url, port=args.port, root=Path(args.tree)) as server:
        setup_django(server)
        report["machine"] = machine(args.url)
        report["data"] = data_counts()
        sessions: dict[str, Session] = {}
        ctx = Context(scale=report["scale"])
        rows = []
        for key in keys:
            print(f"{key}: {ops[key].title}", flush=True)
            try:
                rows.append(measure(ops[key], server, sessions, ctx, args))
            except Exception as exc:
                rows.append({"key": key, "title": ops[key].title, "bar": ops[key].bar, "error": repr(exc)})
            if rows[-1].get("skipped"):
                print(f"  skipped: {rows[-1]['skipped']}", flush=True)
            if rows[-1].get("error"):
                print(f"  ERROR: {rows[-1]['error']}\n{server.log_tail(1500)}", flush=True)
    verdicts(rows, ops)
    report["operations"] = rows
    report["loadavg_end"] = loadavg()
    report["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    out.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))
    failed = [r for r in rows if r.get("error") or r.get("failures")]
    for r in failed:
        print(f"FAILED {r['key']}: {r.get('error') or json.dumps(r['failures'], ensure_ascii=False)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
