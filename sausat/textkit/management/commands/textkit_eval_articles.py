"""manage.py textkit_eval_articles DIR [DIR ...] [--pool DIR ... --split-seed S] [--held-out DIR ...].

Directories given as positional arguments are labelled "train" (the rules were developed by reading
them). ``--pool`` directories are split once, by a recorded seed (``--split-seed``, share
``--held-out-share``), into a development part that joins "train" (read while writing rules) and a
"held-out" part that is never opened (no rule, list or threshold was chosen by looking at it; the rules
are hand-written, nothing is fitted, so they are the same in every fold and this split is the
held-out protocol). ``--held-out`` directories are held out whole. Each set is scored on its own so
the gap between the two stays visible. ``--details`` lists the misses of the train set only; the
held-out misses are listed only with ``--show-held-out`` (which ends that set's use as held out).

The last line is one JSON object: the first set's per-field figures and ``n`` at the top level (as with
a single directory), ``sets``: one entry per set with its label and figures, and ``split`` (seed,
share, held-out article names) when a pool was split.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sausat.textkit.articles.evaluation import (
    CONFIDENCE_BANDS,
    FIELDS,
    article_pairs,
    calibration,
    evaluate_paths,
    split_articles,
)

TRAIN, HELD_OUT = "train", "held-out"
# The split recorded in docs/textkit.md: articles-extra shuffled with seed 20, half held out.
DEFAULT_SEED, DEFAULT_SHARE = 20, 0.5


def _band_cell(band: dict) -> str:
    return "—" if band["right"] is None else f"{band['right']:.2f} ({band['n']})"


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
        parser.add_argument(
            "--pool",
            action="append",
            default=[],
            help="Thư mục được chia ngẫu nhiên (theo --split-seed) thành phần phát triển và phần giữ lại.",
        )
        parser.add_argument("--split-seed", type=int, default=DEFAULT_SEED, dest="split_seed")
        parser.add_argument("--held-out-share", type=float, default=DEFAULT_SHARE, dest="held_out_share")
        parser.add_argument("--details", action="store_true", help="In các trường sai của từng bài (tập train).")
        parser.add_argument(
            "--show-held-out", action="store_true", dest="show_held_out", help="In cả các trường sai của tập held-out."
        )

    def handle(self, *args, directories, held_out, pool, split_seed, held_out_share, **options):
        groups: list[tuple[str, str, list[Path]]] = [(d, TRAIN, article_pairs(d)) for d in directories]
        split = None
        if pool:
            pooled = [p for d in pool for p in article_pairs(d)]
            development, kept = split_articles(pooled, seed=split_seed, held_out_share=held_out_share)
            split = {"seed": split_seed, "share": held_out_share, "held_out": [p.stem for p in kept]}
            train_paths = [p for _, _, paths in groups for p in paths] + development
            name = "+".join([*(Path(d).name for d in directories), *(Path(d).name for d in pool)])
            groups = [(name, TRAIN, train_paths), (name, HELD_OUT, kept)]
        groups += [(d, HELD_OUT, article_pairs(d)) for d in held_out]
        if not groups:
            raise CommandError("Cần ít nhất một thư mục.")
        sets = []
        for directory, label, paths in groups:
            if not paths:
                raise CommandError(f"Không có cặp NNN.txt + NNN.json nào trong {directory}")
            summary, rows = evaluate_paths(paths)
            self.stdout.write(f"== {directory} ({label}, {summary['n']} bài)")
            show = options.get("details") and (label == TRAIN or options.get("show_held_out"))
            for row in rows:
                wrong = [f for f, ok in row["fields"].items() if not ok]
                self.stdout.write(f"{row['article']}: {len(row['fields']) - len(wrong)}/{len(row['fields'])} đúng")
                if show:
                    for f in wrong:
                        self.stdout.write(f"  {f}: đề xuất={row['pred'].get(f)!r} | chú thích={row['gold'].get(f)!r}")
            summary = {**summary, "calibration": calibration(rows)}
            sets.append({"directory": str(directory), "name": Path(directory).name, "label": label, "summary": summary})
        header = "".join(f" {s['name'][:14]:>14s}" for s in sets)
        labels = "".join(f" {s['label']:>14s}" for s in sets)
        self.stdout.write(f"{'field':20s}{header}")
        self.stdout.write(f"{'':20s}{labels}")
        for f in FIELDS:
            cells = "".join(f" {s['summary'][f]:>14.2%}" if f in s["summary"] else f" {'—':>14s}" for s in sets)
            self.stdout.write(f"{f:20s}{cells}")
        self.stdout.write(f"{'n':20s}" + "".join(f" {s['summary']['n']:>14d}" for s in sets))
        self.stdout.write("right share by confidence band (fields in band)")
        for _low, _high, band in CONFIDENCE_BANDS:
            cells = "".join(f" {_band_cell(s['summary']['calibration'][band]):>14s}" for s in sets)
            self.stdout.write(f"{band:20s}{cells}")
        last = dict(sets[0]["summary"])
        last["sets"] = [{k: s[k] for k in ("directory", "label", "summary")} for s in sets]
        if split:
            last["split"] = split
        self.stdout.write(json.dumps(last, ensure_ascii=False))
