"""Shared set-up for the foundation benchmarks: a throwaway database per run, never the dev one."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/sausat_bench_found"


def prepare_database(kind: str, pg_url: str = DEFAULT_PG) -> str:
    """Point Django at an empty database of ``kind`` ("sqlite" or "postgresql"); returns its URL."""
    if kind == "sqlite":
        var_dir = Path(tempfile.mkdtemp(prefix="sausat-bench-"))
        os.environ["SAUSAT_VAR_DIR"] = str(var_dir)
        url = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    else:
        import psycopg

        parsed = urlparse(pg_url)
        name = parsed.path.lstrip("/")
        admin_url = urlunparse(parsed._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = pg_url
    os.environ["SAUSAT_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sausat.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def drop_postgres(pg_url: str = DEFAULT_PG) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    parsed = urlparse(pg_url)
    admin_url = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}"')
