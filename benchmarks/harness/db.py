"""Scratch PostgreSQL databases for the harness: create, migrate, drop. Never the dev database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sausat_bench"


def bench_url() -> str:
    """The benchmark database: ``SAUSAT_BENCH_DATABASE_URL`` or a fixed scratch name."""
    return os.environ.get("SAUSAT_BENCH_DATABASE_URL", DEFAULT_URL)


def _admin_url(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    if not parsed.scheme.startswith("postgres"):
        raise ValueError(f"the harness needs a PostgreSQL URL, got {url!r}")
    name = parsed.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected database name {name!r}")
    return urlunparse(parsed._replace(path="/postgres")), name


def create_database(url: str, *, drop_first: bool = True) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        if drop_first:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_exists(url: str) -> bool:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def manage(
    args: list[str], env: dict[str, str], *, timeout: float = 600, root: Path = ROOT
) -> subprocess.CompletedProcess:
    """Run ``root``'s ``manage.py <args>`` in a child process with ``env``; raises with its output on failure."""
    proc = subprocess.run(
        [sys.executable, str(root / "manage.py"), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return proc


def postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]
