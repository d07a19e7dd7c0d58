"""``manage.py backup [--dir var/backups] [--keep N]``: one dated folder with database, media and manifest."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sausat.core import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đính kèm vào một thư mục có ngày giờ (kèm manifest.json)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.VAR_DIR / "backups"), help="Where backup folders go.")
        parser.add_argument("--keep", type=int, default=0, help="Afterwards keep only the N newest backups.")

    def handle(self, *args, **opts):
        directory = Path(opts["dir"])
        try:
            folder = backup.backup(directory, settings.DATABASES["default"], Path(settings.MEDIA_ROOT))
            manifest = backup.read_manifest(folder)
            self.stdout.write(
                f"{folder}: {len(manifest['row_counts'])} tables, {sum(manifest['row_counts'].values())} rows, "
                f"{manifest['media_files']} media files, audit {manifest['audit']['rows']} rows "
                f"sha256 {manifest['audit']['sha256'][:16]}…"
            )
            if opts["keep"]:
                for old in backup.prune(directory, opts["keep"]):
                    self.stdout.write(f"pruned {old}")
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
