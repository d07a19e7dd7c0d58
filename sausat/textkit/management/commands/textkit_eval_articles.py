"""manage.py textkit_eval_articles DIR: per-field accuracy of article import against annotations."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from sausat.textkit.articles.evaluation import FIELDS, evaluate_dir


class Command(BaseCommand):
    requires_system_checks = []  # reads files only; no database, no URL checks needed
    help = "Đánh giá nhập biên bản từ bài báo: độ chính xác theo từng trường (cặp NNN.txt + NNN.json)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--details", action="store_true", help="In các trường sai của từng bài.")

    def handle(self, *args, directory, details=False, **options):
        summary, rows = evaluate_dir(directory)
        if not rows:
            raise CommandError(f"Không có cặp NNN.txt + NNN.json nào trong {directory}")
        for row in rows:
            wrong = [f for f, ok in row["fields"].items() if not ok]
            self.stdout.write(f"{row['article']}: {len(row['fields']) - len(wrong)}/{len(row['fields'])} đúng")
            if details:
                for f in wrong:
                    self.stdout.write(f"  {f}: đề xuất={row['pred'].get(f)!r} | chú thích={row['gold'].get(f)!r}")
        for f in FIELDS:
            if f in summary:
                self.stdout.write(f"{f:20s} {summary[f]:.2%}")
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
