"""Backup and restore: one dated folder holding the database, the media files and a manifest.

The folder (``sausat-YYYYMMDD-HHMMSS``) contains:

- ``database.pgdump`` (PostgreSQL custom format, from ``pg_dump``) or ``database.sqlite3`` (a copy
  made with SQLite's online backup API, safe while the server writes);
- ``media.tar.gz``: everything under MEDIA_ROOT;
- ``manifest.json``: SHA-256 of each file, row counts per table and an audit checksum (SHA-256
  over the audit table's rows in id order), written last, so a folder without it is incomplete.

Counts and the checksum describe exactly what was dumped: on PostgreSQL they are read in the
same exported snapshot that ``pg_dump`` uses; on SQLite they are read from the copy itself.
Restore verifies the checksums before touching anything, restores, then recounts and compares.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.dateparse import parse_datetime

FORMAT_VERSION = 1
PREFIX = "sausat-"
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
AUDIT_TABLE = "core_auditevent"
AUDIT_COLUMNS = (
    "id",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "verb",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "request_id",
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass
class RestoreReport:
    folder: Path
    tables: int
    rows: int
    audit_rows: int
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def is_postgres(db: dict) -> bool:
    return "postgresql" in db["ENGINE"]


# --- Database access through plain DB-API connections -----------------------------------------
# Plain connections (not Django's) so the same code reads the live database, a SQLite copy and a
# freshly restored database that Django has no alias for.


def _pg_params(db: dict) -> dict:
    params = {"dbname": db["NAME"]}
    for key, name in (("USER", "user"), ("PASSWORD", "password"), ("HOST", "host"), ("PORT", "port")):
        if db.get(key):
            params[name] = str(db[key])
    return params


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


@contextmanager
def _connect(db: dict) -> Iterator:
    if is_postgres(db):
        import psycopg

        conn = psycopg.connect(**_pg_params(db))
    else:
        conn = sqlite3.connect(str(db["NAME"]))
    try:
        yield conn
    finally:
        conn.close()


def _tables(cursor, postgres: bool) -> list[str]:
    if postgres:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [row[0] for row in cursor.fetchall()]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(cursor, postgres: bool) -> dict[str, int]:
    counts = {}
    for table in _tables(cursor, postgres):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608  (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _canonical(column: str, value) -> object:
    """One text form per value, whichever engine and driver returned it."""
    if value is None:
        return None
    if column == "at":
        moment = parse_datetime(value) if isinstance(value, str) else value
        if moment.tzinfo is None:  # SQLite stores UTC without an offset
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).isoformat()
    if column in ("before", "after"):
        data = json.loads(value) if isinstance(value, str | bytes) else value
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if column in ("id", "actor_id"):
        return int(value)
    return str(value)


def audit_checksum(cursor) -> tuple[int, str]:
    """(rows, SHA-256) over the audit rows in id order; equal on SQLite and PostgreSQL for equal data."""
    columns = ", ".join(AUDIT_COLUMNS)
    cursor.execute(f"SELECT {columns} FROM {AUDIT_TABLE} ORDER BY id")  # noqa: S608  (constant names)
    digest = hashlib.sha256()
    rows = 0
    while batch := cursor.fetchmany(2000):
        for row in batch:
            record = [_canonical(col, val) for col, val in zip(AUDIT_COLUMNS, row, strict=True)]
            digest.update(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode())
            digest.update(b"\n")
            rows += 1
    return rows, digest.hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- Backup ---------------------------------------------------------------------------------


def _dump_postgres(db: dict, target: Path) -> tuple[dict[str, int], tuple[int, str]]:
    import psycopg

    # The counts and the dump come from one exported snapshot, so the manifest describes the dump
    # exactly even while the server keeps writing.
    with psycopg.connect(**_pg_params(db)) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cmd = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
            cmd += [*_pg_args(db), "--file", str(target), str(db["NAME"])]
            result = subprocess.run(cmd, env=_pg_env(db), capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
            counts = row_counts(cursor, postgres=True)
            audit = audit_checksum(cursor)
        conn.rollback()
    return counts, audit


def _copy_sqlite(db: dict, target: Path) -> tuple[dict[str, int], tuple[int, str]]:
    source = sqlite3.connect(str(db["NAME"]))
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)
        cursor = copy.cursor()
        return row_counts(cursor, postgres=False), audit_checksum(cursor)
    finally:
        copy.close()
        source.close()


def _archive_media(media_root: Path, target: Path) -> int:
    files = 0
    with tarfile.open(target, "w:gz") as tar:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    files += 1
    return files


def backup(directory: Path, db: dict, media_root: Path, *, now: dt.datetime | None = None) -> Path:
    """Write one dated backup folder under ``directory`` and return it."""
    now = now or dt.datetime.now(dt.UTC)
    directory.mkdir(parents=True, exist_ok=True)
    folder = directory / f"{PREFIX}{now:%Y%m%d-%H%M%S}"
    if folder.exists():
        raise BackupError(f"{folder} already exists")
    partial = directory / f".partial-{folder.name}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        if is_postgres(db):
            db_file = PG_DUMP
            counts, (audit_rows, audit_sum) = _dump_postgres(db, partial / db_file)
        else:
            db_file = SQLITE_COPY
            counts, (audit_rows, audit_sum) = _copy_sqlite(db, partial / db_file)
        media_files = _archive_media(media_root, partial / MEDIA_ARCHIVE)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "engine": "postgresql" if is_postgres(db) else "sqlite",
            "database_file": db_file,
            "files": {name: sha256_file(partial / name) for name in (db_file, MEDIA_ARCHIVE)},
            "media_files": media_files,
            "row_counts": counts,
            "audit": {"rows": audit_rows, "sha256": audit_sum},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        # A folder only gets its final name once complete; pruning and restore ignore partial ones.
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def backups_in(directory: Path) -> list[Path]:
    """Complete backup folders, oldest first."""
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.is_dir() and p.name.startswith(PREFIX) and (p / MANIFEST).is_file()]
    return sorted(found, key=lambda p: p.name)


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest complete backups; returns the deleted folders."""
    if keep < 1:
        raise BackupError("--keep must be at least 1")
    old = backups_in(directory)[:-keep]
    for folder in old:
        shutil.rmtree(folder)
    return old


# --- Restore --------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} has no {MANIFEST}: not a complete backup")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BackupError(f"{path} is not valid JSON: {exc}") from exc


def verify(folder: Path) -> dict:
    """Check every file against the manifest; raises BackupError naming each mismatch."""
    manifest = read_manifest(folder)
    problems = []
    for name, expected in manifest.get("files", {}).items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256_file(path) != expected:
            problems.append(f"{name}: checksum mismatch (the file was changed or damaged)")
    if manifest.get("database_file") not in manifest.get("files", {}):
        problems.append("the manifest lists no database file")
    if problems:
        raise BackupError(f"Backup {folder} refused: " + "; ".join(problems))
    return manifest


def database_is_empty(db: dict) -> bool:
    if not is_postgres(db) and not Path(db["NAME"]).exists():
        return True
    with _connect(db) as conn:
        return not _tables(conn.cursor(), is_postgres(db))


def media_is_empty(media_root: Path) -> bool:
    return not media_root.exists() or not any(media_root.iterdir())


def _restore_postgres(dump: Path, db: dict) -> None:
    cmd = ["pg_restore", "--no-owner", "--no-privileges", "--clean", "--if-exists", "--exit-on-error"]
    cmd += ["--single-transaction", *_pg_args(db), "--dbname", str(db["NAME"]), str(dump)]
    result = subprocess.run(cmd, env=_pg_env(db), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _restore_sqlite(copy: Path, db: dict) -> None:
    target = Path(db["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(copy))
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()


def _restore_media(archive: Path, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        # The "data" filter refuses absolute paths, links out of the tree and device files.
        tar.extractall(media_root, filter="data")


def restore(folder: Path, db: dict, media_root: Path, *, overwrite: bool = False) -> RestoreReport:
    """Verify, restore into ``db`` and ``media_root``, then recount and compare with the manifest."""
    manifest = verify(folder)
    engine = "postgresql" if is_postgres(db) else "sqlite"
    if manifest.get("engine") != engine:
        raise BackupError(f"Backup {folder} is of a {manifest.get('engine')} database; the target is {engine}.")
    if not overwrite and not database_is_empty(db):
        raise BackupError(f"The database {db['NAME']} is not empty; confirm with --yes to replace it.")
    if not overwrite and not media_is_empty(media_root):
        raise BackupError(f"The media folder {media_root} is not empty; confirm with --yes to restore over it.")
    dump = folder / manifest["database_file"]
    if is_postgres(db):
        _restore_postgres(dump, db)
    else:
        _restore_sqlite(dump, db)
    _restore_media(folder / MEDIA_ARCHIVE, media_root)
    return check_restored(folder, manifest, db)


def check_restored(folder: Path, manifest: dict, db: dict) -> RestoreReport:
    with _connect(db) as conn:
        cursor = conn.cursor()
        counts = row_counts(cursor, is_postgres(db))
        audit_rows, audit_sum = audit_checksum(cursor)
    mismatches = []
    expected_counts = manifest.get("row_counts", {})
    for table in sorted(set(expected_counts) | set(counts)):
        if expected_counts.get(table) != counts.get(table):
            mismatches.append(f"{table}: {counts.get(table)} rows, manifest says {expected_counts.get(table)}")
    audit = manifest.get("audit", {})
    if audit.get("rows") != audit_rows or audit.get("sha256") != audit_sum:
        mismatches.append(f"audit checksum differs ({audit_rows} rows restored, manifest {audit.get('rows')})")
    return RestoreReport(
        folder=folder,
        tables=len(counts),
        rows=sum(counts.values()),
        audit_rows=audit_rows,
        mismatches=mismatches,
    )
