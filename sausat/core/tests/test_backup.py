"""manage.py backup / restore (issue 11, hole 8): a round trip into a fresh database, on both engines.

Transactional tests: pg_dump and SQLite's backup API read through their own connections, which
only see committed rows.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from sausat.core import backup
from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit

pytestmark = pytest.mark.django_db(transaction=True)

IS_PG = connection.vendor == "postgresql"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "liaison" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "liaison" / "2026" / "anh.jpg").write_bytes(b"\xff\xd8photo bytes")
    (settings.MEDIA_ROOT / "ghi-chu.txt").write_text("Biên bản hội nghị", encoding="utf-8")
    return settings.MEDIA_ROOT


def _make_data(cast) -> None:
    # Audit rows with JSON, Vietnamese text and NULL actors: the checksum must survive all of them.
    for n in range(25):
        record_audit(
            actor=cast.secretary if n % 2 else SystemActor(reason="backup test"),  # a system row: NULL actor
            action=AuditEvent.Action.OTHER,
            verb="backup.test",
            obj=cast.commune_a,
            before={"n": n, "ghi chú": "trước"},
            after={"n": n + 1, "list": [1, 2.5, None], "text": "Xã Đông Thạnh"},
        )


def _live_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return backup.row_counts(cursor, IS_PG)


def _round_trip(cast, media, tmp_path, target_db: dict) -> None:
    _make_data(cast)
    call_command("backup", dir=str(tmp_path / "backups"))
    [folder] = backup.backups_in(tmp_path / "backups")
    manifest = backup.read_manifest(folder)
    assert manifest["row_counts"] == _live_counts()
    assert manifest["audit"]["rows"] == AuditEvent.objects.count() >= 25
    assert manifest["media_files"] == 2

    restored_media = tmp_path / "restored-media"
    report = backup.restore(folder, target_db, restored_media)
    assert report.ok, report.mismatches
    assert report.tables == len(manifest["row_counts"]) > 40
    assert report.audit_rows == manifest["audit"]["rows"]
    assert (restored_media / "liaison" / "2026" / "anh.jpg").read_bytes() == b"\xff\xd8photo bytes"
    assert (restored_media / "ghi-chu.txt").read_text(encoding="utf-8") == "Biên bản hội nghị"

    # Restoring again over a database that now has data needs an explicit confirmation.
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(folder, target_db, tmp_path / "other-media")
    report = backup.restore(folder, target_db, restored_media, overwrite=True)
    assert report.ok, report.mismatches


@pytest.mark.skipif(IS_PG, reason="the SQLite round trip; the PostgreSQL one is below")
def test_sqlite_round_trip_into_a_new_file(cast, media, tmp_path):
    target = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
    _round_trip(cast, media, tmp_path, target)


@pytest.mark.postgres_only
@pytest.mark.skipif(not IS_PG, reason="needs PostgreSQL (SAUSAT_DATABASE_URL=postgres://…) and pg_dump/pg_restore")
def test_postgres_round_trip_into_a_fresh_database(cast, media, tmp_path):
    import psycopg

    db = settings.DATABASES["default"]
    fresh = dict(db, NAME=f"sausat_restore_{os.getpid()}")
    admin = dict(backup._pg_params(db), dbname="postgres")
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{fresh["NAME"]}"')
        conn.execute(f'CREATE DATABASE "{fresh["NAME"]}"')
    try:
        _round_trip(cast, media, tmp_path, fresh)
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh["NAME"]}" WITH (FORCE)')


def test_tampered_backup_is_refused_before_anything_is_touched(cast, media, tmp_path):
    _make_data(cast)
    call_command("backup", dir=str(tmp_path / "backups"))
    [folder] = backup.backups_in(tmp_path / "backups")
    call_command("restore", str(folder), verify_only=True)

    dump = folder / backup.read_manifest(folder)["database_file"]
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="checksum mismatch"):
        call_command("restore", str(folder), yes=True)
    assert AuditEvent.objects.count() == before


def test_restore_refuses_a_database_that_is_not_empty_without_yes(cast, media, tmp_path):
    call_command("backup", dir=str(tmp_path / "backups"))
    [folder] = backup.backups_in(tmp_path / "backups")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(folder))


def test_keep_prunes_the_oldest_complete_backups(db, media, tmp_path):
    directory = tmp_path / "backups"
    for day in ("20000101-020000", "20000102-020000", "20000103-020000"):
        (directory / f"sausat-{day}").mkdir(parents=True)
        (directory / f"sausat-{day}" / "manifest.json").write_text(json.dumps({}))
    (directory / ".partial-sausat-20000104-020000").mkdir()
    call_command("backup", dir=str(directory), keep=2)
    names = sorted(p.name for p in Path(directory).iterdir())
    assert len([n for n in names if n.startswith("sausat-")]) == 2
    assert "sausat-20000103-020000" in names
    assert "sausat-20000101-020000" not in names
