"""Helper processes of the multi-process test; environment from server.production_env.

    python -m benchmarks.harness.mp_worker worker --worker-id w1 --ready-file /tmp/w1.ready
    python -m benchmarks.harness.mp_worker enqueue --jobs 200 --username u --password p

``worker`` registers the probe job kind (mp_jobs) and then runs the stock ``manage.py run_worker``
command in this process (same code path, SIGTERM stops it). ``enqueue`` creates a login account
and queues the jobs as that user through ``sausat.core.jobs.enqueue``; it prints the job ids as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import django


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("worker")
    w.add_argument("--worker-id", required=True)
    w.add_argument("--ready-file", required=True)
    w.add_argument("--sleep", default="0.1")
    w.add_argument("--lease", type=float, default=30.0)
    e = sub.add_parser("enqueue")
    e.add_argument("--jobs", type=int, default=200)
    e.add_argument("--username", required=True)
    e.add_argument("--password", required=True)
    e.add_argument("--pause-ms", type=int, default=20)
    args = parser.parse_args(argv)
    django.setup()
    from benchmarks.harness import mp_jobs

    if args.cmd == "worker":
        from django.core.management import call_command

        Path(args.ready_file).write_text("ready")
        call_command(
            "run_worker",
            worker_id=args.worker_id,
            sleep=float(args.sleep),
            lease=args.lease,
            kinds=[mp_jobs.probe.module_path],
        )
        return 0
    from sausat.core.actors import SystemActor
    from sausat.core.jobs import enqueue
    from sausat.people.services import create_account

    user = create_account(actor=SystemActor(reason="mp-test"), username=args.username, password=args.password)
    ids = [enqueue(mp_jobs.probe, args={"pause_ms": args.pause_ms}, actor=user).pk for _ in range(args.jobs)]
    json.dump(ids, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
