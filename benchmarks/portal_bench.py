"""The portal's reader pages under load (issue 14): cached and cold, view counting on and off.

Usage (from the repository root; the data first, once, about ten minutes on the shared box)::

    python -m benchmarks.harness.data --url postgres://postgres@127.0.0.1:5432/sausat_portal_bench \\
        --only portal
    python -m benchmarks.portal_bench [--url ...] [--seconds 10] [--connections 1,16]

For each server configuration (gunicorn sync workers — 5 by default, as ``deploy/gunicorn.conf.py``
gives a 2-core box (2 × cores + 1, no threads) — and production settings, like every harness figure) — page cache on / off (``SAUSAT_PORTAL_CACHE_SECONDS=0``) × view counting on / off
(``SAUSAT_PORTAL_COUNT_VIEWS=0``) — the harness operations P1 (the measured article) and P2 (its
portal's home) are run at each connection count after 5 warm-up requests, every response checked
(status, size, marker: ``benchmarks/harness/ops_portal.py``). Every request carries a new user
agent, so with counting on each one is a new visitor and is spooled (the worst case for the
counter; a returning reader costs only the hash). Load average is recorded before and after each
run, and the CPU time of the server side (gunicorn + its PostgreSQL backends) per request, which
gives the req/s ceiling of a quiet 2-core box however loaded the shared box was. Output: ``benchmarks/results/portal.json`` and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import loadgen  # noqa: E402
from benchmarks.harness import server as server_module  # noqa: E402
from benchmarks.harness.operations import Context, Request, load_all  # noqa: E402
from benchmarks.harness.run import loadavg, response_check, setup_django  # noqa: E402
from benchmarks.harness.server import ProductionServer  # noqa: E402
from benchmarks.harness.server import wait_healthy as _wait_healthy  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sausat_portal_bench"
CONFIGS = {
    "cached, counting": {},
    "cold, counting": {"SAUSAT_PORTAL_CACHE_SECONDS": "0"},
    "cached, no counting": {"SAUSAT_PORTAL_COUNT_VIEWS": "0"},
    "cold, no counting": {"SAUSAT_PORTAL_CACHE_SECONDS": "0", "SAUSAT_PORTAL_COUNT_VIEWS": "0"},
}


class NewVisitorEachRequest(dict):
    """Headers whose User-Agent is new on every request.

    loadgen copies the headers with ``dict(headers)`` for each request; a dict subclass with its own
    ``__iter__``/``keys`` is copied through ``__getitem__``, which hands out the next user agent."""

    def __init__(self) -> None:
        super().__init__({"User-Agent": ""})
        self._n = itertools.count()

    def __iter__(self):
        return iter(["User-Agent"])

    def keys(self):
        return ["User-Agent"]

    def __getitem__(self, key):
        return f"Mozilla/5.0 (Linux; Android 14; reader {next(self._n)})"


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of live processes (fields 14 and 15 of /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _process_ids(master: int, database: str) -> list[int]:
    """The gunicorn master and its workers, and the PostgreSQL backends serving ``database``
    (persistent connections, so the same backends for the whole run)."""
    pids = [master]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if ppid == master or (cmdline.startswith("postgres:") and f" {database} " in cmdline):
            pids.append(int(entry.name))
    return pids


def _patient_wait(base_url, proc=None, *, timeout: float = 60) -> None:
    # Five workers importing Django at once on a shared, loaded 2-core box took 68 s to answer.
    _wait_healthy(base_url, proc, timeout=max(timeout, 300))


def run_config(name: str, env: dict[str, str], url: str, requests: dict[str, Request], args) -> list[dict]:
    server_module.wait_healthy = _patient_wait
    rows = []
    server = ProductionServer(url, workers=args.workers)
    server.env.update(env)
    with server:
        for key, req in requests.items():
            check = response_check(req)
            warm = loadgen.run(server.url(req.path), connections=1, seconds=30, max_requests=5, check=check)
            if warm.failures or warm.errors:
                raise RuntimeError(f"{name} {key}: warm-up failed {dict(warm.failures)} {server.log_tail()}")
            for connections in args.connections:
                before = loadavg()
                pids = _process_ids(server.proc.pid, url.rsplit("/", 1)[-1])
                cpu_before = _cpu_seconds(pids)
                result = loadgen.run(
                    server.url(req.path),
                    connections=connections,
                    seconds=args.seconds,
                    headers=NewVisitorEachRequest(),
                    check=check,
                )
                summary = result.summary()
                # CPU of the server side (gunicorn + its PostgreSQL backends) per answered request; the
                # req/s ceiling of a quiet 2-core box is 2 cores / that, whatever the load meanwhile.
                cpu_ms = (_cpu_seconds(pids) - cpu_before) * 1000 / max(1, summary["requests"])
                row = {
                    "config": name,
                    "op": key,
                    "path": req.path,
                    "connections": connections,
                    "median_ms": summary["median_ms"],
                    "p95_ms": summary["p95_ms"],
                    "rps": summary["rps"],
                    "cpu_ms_per_request": round(cpu_ms, 2),
                    "rps_ceiling_2_cores": round(2000 / cpu_ms) if cpu_ms else None,
                    "requests": summary["requests"],
                    "failed": summary["failed"],
                    "errors": summary["errors"],
                    "loadavg_before": before,
                    "loadavg_after": loadavg(),
                }
                print(json.dumps(row, ensure_ascii=False), flush=True)
                rows.append(row)
                if result.failures:
                    raise RuntimeError(f"{name} {key} c={connections}: {dict(result.failures)}")
                time.sleep(2)
    return rows


def markdown(rows: list[dict]) -> str:
    lines = [
        "| configuration | page | c | median ms | p95 ms | req/s | CPU ms/req | ceiling req/s | load avg before → after |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        load = f"{r['loadavg_before'][0]} → {r['loadavg_after'][0]}"
        lines.append(
            f"| {r['config']} | {r['op']} | {r['connections']} | {r['median_ms']} | {r['p95_ms']} | {r['rps']} "
            f"| {r['cpu_ms_per_request']} | {r['rps_ceiling_2_cores']} | {load} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("SAUSAT_PORTAL_BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", default="1,16")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers (production: 2 × cores + 1).")
    parser.add_argument("--configs", default=";".join(CONFIGS), help='Configuration names separated by ";".')
    args = parser.parse_args(argv)
    args.connections = [int(c) for c in args.connections.split(",")]

    probe = ProductionServer(args.url)  # only its environment, to resolve the URLs in-process
    setup_django(probe)
    ops = load_all()
    requests = {key: ops[key].resolve(Context(scale="portal")) for key in ("P1", "P2")}
    probe.stop()

    rows = []
    for name in [c.strip() for c in args.configs.split(";") if c.strip()]:
        rows += run_config(name, CONFIGS[name], args.url, requests, args)
    out = ROOT / "benchmarks" / "results" / "portal.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"rows": rows, "cpus": os.cpu_count()}, ensure_ascii=False, indent=2))
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
