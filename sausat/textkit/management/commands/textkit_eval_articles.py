"""manage.py textkit_eval_articles DIR [DIR ...] [--held-out DIR ...]: per-field accuracy of article import.

Directories given as positional arguments are labelled "train" (the rules were developed by reading
them); those given with ``--held-out`` are labelled "held-out" (no rule, list or threshold was chosen by
looking at them). Each set is scored on its own so the gap between the two stays visible.

The last line is one JSON object: the first set's per-field figures and ``n`` at the top level (as with
a single directory), and ``sets``: one entry per directory with its label and figures.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sausat.textkit.articles.evaluation import FIELDS, evaluate_dir

TRAIN, HELD_OUT = "train", "held-out"


class Command(BaseCommand):
    requires_system_checks = []  # reads files only; no database, no URL checks needed
    help = (
        "Đánh giá nhập biên bản từ bài báo: độ chính xác theo từng trường (cặp NNN.txt + NNN.json), "
        "tách tập phát triển (train) và tập giữ lại (held-out)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directories", nargs="*", help="Thư mục đã dùng để xây dựng quy tắc (train).")
        parser.add_argument(
            "--held-out",
            action="append",
            default=[],
            dest="held_out",
            help="Thư mục chưa dùng để xây dựng quy tắc (held-out); lặp lại được.",
        )
        parser.add_argument("--details", action="store_true", help="In các trường sai của từng bài.")

    def handle(self, *args, directories, held_out, details=False, **options):
        wanted = [(d, TRAIN) for d in directories] + [(d, HELD_OUT) for d in held_out]
        if not wanted:
            raise CommandError("Cần ít nhất một thư mục.")
        sets = []
        for directory, label in wanted:
            summary, rows = evaluate_dir(directory)
            if not rows:
                raise CommandError(f"Không có cặp NNN.txt + NNN.json nào trong {directory}")
            self.stdout.write(f"== {directory} ({label}, {summary['n']} bài)")
            for row in rows:
                wrong = [f for f, ok in row["fields"].items() if not ok]
                self.stdout.write(f"{row['article']}: {len(row['fields']) - len(wrong)}/{len(row['fields'])} đúng")
                if details:
                    for f in wrong:
                        self.stdout.write(f"  {f}: đề xuất={row['pred'].get(f)!r} | chú thích={row['gold'].get(f)!r}")
            sets.append({"directory": str(directory), "name": Path(directory).name, "label": label, "summary": summary})
        header = "".join(f" {s['name'][:14]:>14s}" for s in sets)
        labels = "".join(f" {s['label']:>14s}" for s in sets)
        self.stdout.write(f"{'field':20s}{header}")
        self.stdout.write(f"{'':20s}{labels}")
        for f in FIELDS:
            cells = "".join(f" {s['summary'][f]:>14.2%}" if f in s["summary"] else f" {'—':>14s}" for s in sets)
            self.stdout.write(f"{f:20s}{cells}")
        self.stdout.write(f"{'n':20s}" + "".join(f" {s['summary']['n']:>14d}" for s in sets))
        last = dict(sets[0]["summary"])
        last["sets"] = [{k: s[k] for k in ("directory", "label", "summary")} for s in sets]
        self.stdout.write(json.dumps(last, ensure_ascii=False))
