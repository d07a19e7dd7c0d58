"""``manage.py run_worker [--once] [--sleep S] [--lease S] [--nice N]``: run queued django.tasks tasks (sausat.core.jobs)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import threading

from django.core.management.base import BaseCommand

from sausat.core.job_worker import DEFAULT_LEASE, default_worker_id, run_worker


class Command(BaseCommand):
    help = "Chạy các công việc nền trong hàng đợi (--once: chạy hết việc đang chờ rồi thoát)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Drain the ready jobs, then exit.")
        parser.add_argument("--sleep", type=float, default=1.0, help="Seconds between polls when idle.")
        parser.add_argument("--worker-id", default="", help="Name recorded in Job.locked_by.")
        parser.add_argument("--kind", action="append", dest="kinds", help="Only these tasks (module path, repeatable).")
        parser.add_argument(
            "--lease",
            type=float,
            default=DEFAULT_LEASE.total_seconds(),
            help="Seconds a claimed job stays this worker's without a heartbeat.",
        )
        parser.add_argument(
            "--nice", type=int, default=0, help="Lower this worker's CPU priority (0-19) so web requests go first."
        )

    def handle(self, *args, **opts):
        if opts["nice"] > 0:
            lower_priority(opts["nice"])
        stop = threading.Event()
        if not opts["once"]:
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: stop.set())
        worker_id = opts["worker_id"] or default_worker_id()
        n = run_worker(
            once=opts["once"],
            worker_id=worker_id,
            sleep=opts["sleep"],
            kinds=opts["kinds"],
            stop=stop,
            lease=dt.timedelta(seconds=opts["lease"]),
        )
        self.stdout.write(f"{worker_id}: {n} job(s) run")


def lower_priority(nice: int) -> None:
    """Nice this process (threads started later, e.g. the embedding threads, inherit it) and its
    session's autogroup: with Linux autogroup scheduling a process's nice counts only against its
    own session, and the worker is a session of its own (systemd unit, deploy/prod.sh), so without
    the second step it would still take a full share of the CPU from the web server."""
    os.nice(nice)
    with contextlib.suppress(OSError), open("/proc/self/autogroup", "w") as f:
        f.write(str(min(19, nice)))
