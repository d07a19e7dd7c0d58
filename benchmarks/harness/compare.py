"""``run.py --compare``: two servers on the same database, measured interleaved.

On a machine that others load at the same time, two runs made one after the other see different
load, and their difference is noise. Here both sides are up together and each operation is run in
rounds, alternating the side and its order (A B, then B A, ...), so whatever load comes and goes
falls on both alike. Each run's 1-minute load average is recorded before and after it.

Sides (``--compare``):

- ``--compare PATH``: another source tree (e.g. an older commit unpacked with ``git archive``)
  served by its own gunicorn, beside the tree of ``--tree`` (default: this checkout), both with
  this virtualenv. Query counts come from each tree's own code (querycount.py in a child process).
- ``--compare nginx``: nginx with TLS (deploy/nginx_front.py, the `make prod` templates) in front of
  the ``--tree`` server, against that same server directly. Same code, so one query count.

Medians and p95 pool every successful request of a side over its rounds; each round's median is
kept too, to show the spread. A write (S6) must create exactly one row per successful post,
summed over both sides. Writes ``--out``.json and .md.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import loadgen
from benchmarks.harness.db import ROOT
from benchmarks.harness.operations import Context, Operation, Request, Skip
from benchmarks.harness.run import response_check
from benchmarks.harness.server import HOST, ProductionServer, Session, free_port, login

WARMUP_REQUESTS = 5


@dataclass
class Side:
    label: str
    base_url: str
    tree: Path
    env: dict[str, str]
    # Root pids whose process trees do this side's work: the app server, and nginx if in front.
    app_pid: int = 0
    proxy_pid: int = 0
    sessions: dict[str, Session] = field(default_factory=dict)

    def session(self, user: str) -> Session:
        if user not in self.sessions:
            password = os.environ.get("SAUSAT_DEMO_PASSWORD", "sausat-demo-2026")
            self.sessions[user] = login(self.base_url, user, password)
        return self.sessions[user]


def loadavg1() -> float:
    return round(os.getloadavg()[0], 2)


TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def _tree_pids(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        with contextlib.suppress(OSError):
            todo += [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return pids


def _cpu_ms(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each process (ms): what a request costs, whatever others load."""
    out = {}
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) * TICK_MS  # utime, stime
    return out


STARTED = ""  # ISO time the servers were started: older backends (a data build, others) are not ours


def _db_backends() -> list[int]:
    """PostgreSQL backends of the bench database opened since the servers started (theirs)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_start >= %s::timestamptz",
            [STARTED],
        )
        return [row[0] for row in cursor.fetchall()]


def cpu_sample(side: Side) -> dict[str, dict[int, float]]:
    sample = {"app": _cpu_ms(_tree_pids(side.app_pid)), "db": _cpu_ms(_db_backends())}
    if side.proxy_pid:
        sample["proxy"] = _cpu_ms(_tree_pids(side.proxy_pid))
    return sample


def cpu_delta(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two samples: a new process counts whole, one that exited is lost (not < 0)."""
    return sum(ms - before.get(pid, 0.0) for pid, ms in after.items())


def _nginx_front():
    import importlib.util

    spec = importlib.util.spec_from_file_location("deploy_nginx_front", ROOT / "deploy" / "nginx_front.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def start_sides(stack: contextlib.ExitStack, args) -> list[Side]:
    """Start the servers (and nginx) of both sides; the stack stops them."""
    port = args.port or free_port()
    tree = Path(args.tree).resolve()
    main = stack.enter_context(ProductionServer(args.url, port=port, root=tree))
    main_side = Side(
        tree.name if args.compare != "nginx" else "direct", main.base_url, tree, main.env, app_pid=main.proc.pid
    )
    if args.compare == "nginx":
        mod = _nginx_front()
        if mod.nginx_binary() is None:
            raise SystemExit("--compare nginx: nginx is not installed (apt-get install nginx-light)")
        https_port = port + 2 if args.port else free_port()
        http_port = port + 3 if args.port else free_port()
        front = stack.enter_context(mod.NginxFront([f"{HOST}:{port}"], https_port=https_port, http_port=http_port))
        proxy_pid = int((front.prefix / "nginx.pid").read_text())
        return [main_side, Side("nginx", front.base_url, tree, main.env, app_pid=main.proc.pid, proxy_pid=proxy_pid)]
    other_tree = Path(args.compare).resolve()
    other = stack.enter_context(ProductionServer(args.url, port=port + 1 if args.port else None, root=other_tree))
    return [Side(other_tree.name, other.base_url, other_tree, other.env, app_pid=other.proc.pid), main_side]


def _load_kwargs(req: Request, side: Side) -> dict[str, Any]:
    headers: dict[str, str] = {}
    if req.user:
        headers = side.session(req.user).headers(post=req.method == "POST")
    headers = {**headers, **req.headers}

    def body_factory(index: int, seq: int):
        fields = dict(req.form(index, seq))
        if req.user:
            fields["csrfmiddlewaretoken"] = side.session(req.user).csrf_token
        return urllib.parse.urlencode(fields)

    return {
        "headers": headers,
        "method": req.method,
        "body_factory": body_factory if req.form else None,
        "check": response_check(req),
        "follow": req.follow,
        "before": (lambda _index, _seq: req.before()) if req.before else None,
    }


def _summary(acc: dict[str, Any]) -> dict[str, Any]:
    lat, seconds = sorted(acc["lat"]), acc["seconds"]
    n = len(lat)
    return {
        "requests": n,
        "median_ms": round(statistics.median(lat), 2) if n else None,
        "p95_ms": round(lat[min(n - 1, int(0.95 * n))], 2) if n else None,
        "rps": round(n / seconds, 1) if seconds else 0.0,
        "round_medians_ms": [round(m, 1) for m in acc["medians"]],
        "failed": sum(acc["failures"].values()),
        "connection_errors": acc["errors"],
        # CPU time per response of the app server (gunicorn master + workers), its database
        # backends and nginx; the load generator and other tenants are not in it.
        "cpu_ms_per_request": {k: round(v / acc["sent"], 2) for k, v in acc["cpu"].items()} if acc["sent"] else {},
    }


def measure_pair(op: Operation, sides: list[Side], ctx: Context, args) -> tuple[dict, Request | None]:
    row: dict[str, Any] = {"key": op.key, "title": op.title, "sides": {}}
    try:
        req = op.resolve(ctx)
    except Skip as exc:
        row["skipped"] = str(exc)
        return row, None
    row["path"], row["method"], row["user"] = req.path, req.method, req.user
    kwargs = {}
    posts = 0
    before = req.rows() if req.rows else None
    for side in sides:
        try:
            kwargs[side.label] = _load_kwargs(req, side)
            warm = loadgen.run(
                side.base_url + req.path, connections=1, seconds=30, max_requests=WARMUP_REQUESTS, **kwargs[side.label]
            )
        except Exception as exc:  # a side that cannot log in or answer is reported, not fatal
            row["sides"][side.label] = {"error": repr(exc)}
            continue
        if warm.failures or warm.errors or not warm.latencies_ms:
            row["sides"][side.label] = {
                "error": f"warm-up failed: {dict(warm.failures)} (statuses {dict(warm.statuses)}, errors {warm.errors})"
            }
        posts += len(warm.latencies_ms)
    live = [s for s in sides if s.label not in row["sides"]]
    pooled: dict[tuple[str, int], dict[str, Any]] = {
        (s.label, c): {"lat": [], "seconds": 0.0, "medians": [], "failures": {}, "errors": 0, "cpu": {}, "sent": 0}
        for s in live
        for c in args.connections
    }
    load: list[float] = []
    for r in range(args.rounds):
        for side in live if r % 2 == 0 else live[::-1]:
            for c in args.connections:
                load.append(loadavg1())
                cpu0 = cpu_sample(side)
                result = loadgen.run(
                    side.base_url + req.path,
                    connections=c,
                    seconds=args.seconds,
                    max_requests=args.max_requests,
                    **kwargs[side.label],
                )
                load.append(loadavg1())
                acc = pooled[(side.label, c)]
                for part, sample in cpu_sample(side).items():  # failed requests cost CPU too: all sent
                    acc["cpu"][part] = acc["cpu"].get(part, 0.0) + cpu_delta(cpu0.get(part, {}), sample)
                acc["sent"] += sum(result.statuses.values())
                acc["lat"] += result.latencies_ms
                acc["seconds"] += result.seconds
                if result.latencies_ms:
                    acc["medians"].append(statistics.median(result.latencies_ms))
                for reason, n in result.failures.items():
                    acc["failures"][reason] = acc["failures"].get(reason, 0) + n
                acc["errors"] += result.errors
                posts += len(result.latencies_ms)
                med = statistics.median(result.latencies_ms) if result.latencies_ms else 0
                print(
                    f"  {op.key} round {r + 1} {side.label} c={c}: median {med:.1f} ms, "
                    f"{len(result.latencies_ms)} ok, load {load[-1]}",
                    flush=True,
                )
    for side in live:
        entry: dict[str, Any] = {"runs": {}}
        for c in args.connections:
            acc = pooled[(side.label, c)]
            entry["runs"][str(c)] = _summary(acc)
            if acc["failures"] or acc["errors"] or not acc["lat"]:
                entry.setdefault("failures", {})[f"c={c}"] = {**acc["failures"], "connection errors": acc["errors"]}
        row["sides"][side.label] = entry
    if load:
        row["loadavg_1min"] = {"min": min(load), "max": max(load), "mean": round(statistics.fmean(load), 2)}
    if req.rows:
        grown = req.rows() - before
        row["rows_created"] = {"expected": posts, "created": grown}
        if grown != posts:
            row["rows_error"] = f"{posts} successful posts created {grown} rows"
    return row, req


def count_queries(side: Side, reqs: list[Request]) -> list[list[int]]:
    """Queries per request in ``side.tree``'s own code (a child process; see querycount.py)."""
    payload = [
        {
            "path": r.path,
            "method": r.method,
            "user": r.user,
            "form": r.form(0, 10**6) if r.form else None,
            "headers": r.headers,
        }
        for r in reqs
    ]
    env = {**side.env, "SAUSAT_ALLOWED_HOSTS": "127.0.0.1,testserver", "PYTHONPATH": str(side.tree)}
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("querycount.py"))],
        input=json.dumps(payload),
        cwd=side.tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"query count in {side.tree} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _cpu_cell(run: dict) -> str:
    cpu = run.get("cpu_ms_per_request") or {}
    return " + ".join(f"{k} {v:.1f}" for k, v in cpu.items()) or "—"


def markdown(report: dict) -> str:
    a, b = report["sides"]
    lines = [
        f"# Interleaved comparison: {a} vs {b} ({report['finished_at']})",
        "",
        f"{report['rounds']} rounds per operation ({a} {b}, then {b} {a}, ...), {report['seconds']:g} s per "
        f"run, connections {', '.join(map(str, report['connections']))}; database `{report['database']}`. "
        f"Load average at start {report['loadavg_start']}, end {report['loadavg_end']}.",
        "",
    ]
    for c in report["connections"]:
        head = ["op", "what", f"{a} median (ms)", f"{b} median (ms)", "Δ median", f"{a} p95", f"{b} p95"]
        head += [f"{a} req/s", f"{b} req/s", f"queries {a}", f"queries {b}"]
        head += [f"CPU ms/req {a}", f"CPU ms/req {b}", "load 1-min (min–max)"]
        lines += [f"Connections: {c}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        notes = []
        for row in report["operations"]:
            if row.get("skipped"):
                notes.append(f"- {row['key']}: skipped ({row['skipped']})")
                continue
            ra, rb = (row["sides"].get(x, {}) for x in (a, b))
            problems = [
                f"{x}: {s.get('error') or s.get('failures')}"
                for x, s in ((a, ra), (b, rb))
                if "runs" not in s or s.get("failures")
            ]
            if row.get("rows_error"):
                problems.append(row["rows_error"])
            if problems:
                notes.append(f"- {row['key']}: " + "; ".join(map(str, problems)))
            run_a = ra.get("runs", {}).get(str(c), {})
            run_b = rb.get("runs", {}).get(str(c), {})
            ma, mb = run_a.get("median_ms"), run_b.get("median_ms")
            delta = f"{(mb - ma) / ma * 100:+.0f} %" if ma and mb else "—"
            load = row.get("loadavg_1min", {})

            def cell(v, fmt="{:.1f}"):
                return fmt.format(v) if isinstance(v, (int, float)) else "—"

            lines.append(
                "| "
                + " | ".join(
                    [
                        row["key"],
                        row["title"],
                        cell(ma),
                        cell(mb),
                        delta,
                        cell(run_a.get("p95_ms")),
                        cell(run_b.get("p95_ms")),
                        cell(run_a.get("rps")),
                        cell(run_b.get("rps")),
                        str(ra.get("queries", "—")),
                        str(rb.get("queries", "—")),
                        _cpu_cell(run_a),
                        _cpu_cell(run_b),
                        f"{load.get('min', '—')}–{load.get('max', '—')}",
                    ]
                )
                + " |"
            )
        lines += ["", *notes, ""]
    return "\n".join(lines)


def main(args, ops: dict[str, Operation], keys: list[str], report: dict[str, Any]) -> int:
    import datetime as dt

    report.update({"rounds": args.rounds, "database": args.url.rsplit("/", 1)[-1], "compare": args.compare})
    rows: list[dict] = []
    global STARTED
    STARTED = dt.datetime.now(dt.UTC).isoformat()
    with contextlib.ExitStack() as stack:
        sides = start_sides(stack, args)
        report["sides"] = [s.label for s in sides]
        report["trees"] = {s.label: str(s.tree) for s in sides}
        # In-process Django (ops' look-ups, rows of writes) on the database both sides serve.
        os.environ.update({**sides[-1].env, "SAUSAT_ALLOWED_HOSTS": "127.0.0.1,testserver"})
        import django

        django.setup()
        ctx = Context(scale=report.get("scale", "?"))
        measured: list[tuple[dict, Request]] = []
        for key in keys:
            print(f"{key}: {ops[key].title}", flush=True)
            try:
                row, req = measure_pair(ops[key], sides, ctx, args)
            except Exception as exc:
                row, req = {"key": key, "title": ops[key].title, "sides": {}, "error": repr(exc)}, None
                print(f"  ERROR: {exc!r}", flush=True)
            rows.append(row)
            if req is not None:
                measured.append((row, req))
        by_tree: dict[Path, list[list[int]]] = {}
        for side in sides:
            if side.tree not in by_tree:
                by_tree[side.tree] = count_queries(side, [req for _row, req in measured])
            for (row, _req), (status, queries) in zip(measured, by_tree[side.tree], strict=True):
                if side.label in row["sides"]:
                    row["sides"][side.label]["queries"] = queries
                    row["sides"][side.label]["inprocess_status"] = status
    report["operations"] = rows
    report["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    report["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    out.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))
    failed = [r for r in rows if r.get("error") or r.get("rows_error")]
    return 1 if failed else 0
