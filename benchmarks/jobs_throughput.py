"""Throughput of the job queue (django.tasks over sausat.core.jobs) on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/jobs_throughput.py --db sqlite   [--jobs 2000] [--workers 1 2] [--api tasks]
    .venv/bin/python benchmarks/jobs_throughput.py --db postgres [--pg-url postgres://postgres@127.0.0.1:5432/sausat_jobs_bench]

Uses a throwaway database (a temporary SQLite file, or the PostgreSQL database named in the URL,
created and dropped by the script). Measures: enqueue rate (one audited insert per job, each in
its own transaction), and claim+run+complete rate with N worker processes on a no-op job.
``--api tasks`` (default) queues a ``@task`` through ``sausat.core.jobs.enqueue`` (which calls
``task.enqueue()`` on the django.tasks backend); ``--api plain`` calls ``task.enqueue()`` itself.
(The figures "before" in docs/performance.md used the older ``register_job`` API, since removed.)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def noop(**kwargs):
    """The benchmarked task (made a django.tasks Task by _setup, once settings exist)."""
    return None


def _setup(db_url: str, var_dir: str) -> None:
    global noop
    os.environ["SAUSAT_DATABASE_URL"] = db_url
    os.environ["SAUSAT_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sausat.settings")
    import django

    django.setup()
    from django.tasks import Task, task

    if not isinstance(noop, Task):
        noop = task(noop)


def _worker(db_url: str, var_dir: str, name: str, queue) -> None:
    _setup(db_url, var_dir)
    from sausat.core.job_worker import run_worker

    queue.put(run_worker(once=True, worker_id=name))


def _pg_admin(db_url: str, sql: str) -> None:
    import psycopg
    from psycopg import sql as psql

    base, name = db_url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(psql.SQL(sql).format(psql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/sausat_jobs_bench")
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--api", choices=["tasks", "plain"], default="tasks")
    opts = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="sausat-jobs-bench-")
    if opts.db == "sqlite":
        db_url = f"sqlite:///{var_dir}/bench.sqlite3"
    else:
        db_url = opts.pg_url
        _pg_admin(db_url, "DROP DATABASE IF EXISTS {}")
        _pg_admin(db_url, "CREATE DATABASE {}")
    try:
        _setup(db_url, var_dir)
        from django.core.management import call_command
        from django.db import connections

        from sausat.core.actors import SystemActor
        from sausat.core.jobs import enqueue
        from sausat.core.models import Job

        actor = SystemActor(reason="bench")

        call_command("migrate", verbosity=0)
        print(f"database: {opts.db}; api: {opts.api}; jobs per round: {opts.jobs}; machine: {os.cpu_count()} cores")
        for n_workers in opts.workers:
            Job.objects.all().delete()
            t0 = time.perf_counter()
            for i in range(opts.jobs):
                if opts.api == "plain":
                    noop.enqueue(i=i)
                else:
                    enqueue(noop, args={"i": i}, actor=actor)
            t_enqueue = time.perf_counter() - t0
            connections.close_all()
            ctx = mp.get_context("fork")
            queue = ctx.Queue()
            procs = [ctx.Process(target=_worker, args=(db_url, var_dir, f"w{k}", queue)) for k in range(n_workers)]
            t0 = time.perf_counter()
            for p in procs:
                p.start()
            counts = [queue.get(timeout=600) for _ in procs]
            for p in procs:
                p.join()
            t_run = time.perf_counter() - t0
            done = Job.objects.filter(status="done").count()
            twice = Job.objects.filter(attempts__gt=1).count()
            print(
                f"workers={n_workers}: enqueue {opts.jobs / t_enqueue:,.0f} jobs/s; "
                f"run {sum(counts) / t_run:,.0f} jobs/s ({t_run:.2f} s incl. process start); "
                f"per worker {counts}; done={done}; claimed twice={twice}"
            )
            assert done == opts.jobs and twice == 0
    finally:
        from django.db import connections

        connections.close_all()
        if opts.db == "postgres":
            _pg_admin(db_url, "DROP DATABASE IF EXISTS {}")


if __name__ == "__main__":
    main()
