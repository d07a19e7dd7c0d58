"""``manage.py restore FOLDER [--yes]``: verify a backup, restore it, then recount and compare."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from sausat.core import backup


class Command(BaseCommand):
    help = "Khôi phục từ một thư mục sao lưu (kiểm tra checksum trước; --yes để ghi đè dữ liệu đang có)."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A backup folder written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Replace a database / media folder that is not empty.")
        parser.add_argument("--verify-only", action="store_true", help="Only check the checksums.")

    def handle(self, *args, **opts):
        folder = Path(opts["folder"])
        try:
            if opts["verify_only"]:
                backup.verify(folder)
                self.stdout.write(f"{folder}: checksums match the manifest")
                return
            # Our own connection must not hold the database open while it is replaced.
            connections.close_all()
            report = backup.restore(
                folder, settings.DATABASES["default"], Path(settings.MEDIA_ROOT), overwrite=opts["yes"]
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not report.ok:
            raise CommandError("Restored, but it differs from the manifest:\n" + "\n".join(report.mismatches))
        self.stdout.write(
            f"{folder}: restored {report.tables} tables, {report.rows} rows; "
            f"row counts and audit checksum ({report.audit_rows} rows) match the manifest"
        )
