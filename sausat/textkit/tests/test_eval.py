"""``manage.py textkit_eval``: last line is one JSON object with the agreed keys."""

from __future__ import annotations

import io
import json
import os

import pytest
from django.core.management import call_command

from sausat.textkit.evaluation import folds
from sausat.textkit.tests.tml_corpus import labelled

os.environ["HF_HUB_OFFLINE"] = "1"

KEYS = {"accuracy", "macro_f1", "ari", "v_measure", "baseline_accuracy", "baseline_macro_f1", "baseline_ari", "n"}
# Issue 20: top-3 and means over fold seeds, k chosen automatically; curve and k rules with variants.
KEYS |= {
    "top3",
    "accuracy_mean",
    "top3_mean",
    "ari_auto",
    "curve",
    "k_rules",
    "nested_accuracy_mean",
    "nested_top3_mean",
}


def _run(path, *args) -> tuple[list[str], dict]:
    out = io.StringIO()
    call_command("textkit_eval", str(path), *args, stdout=out)
    lines = out.getvalue().strip().splitlines()
    return lines, json.loads(lines[-1])


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")


def test_last_line_is_json_with_the_keys_on_a_tiny_file(tmp_path):
    rows = [{"id": f"t{i}", "text": t, "group": lab, "group_norm": lab} for i, (t, lab) in enumerate(labelled())]
    rows.append({"id": "lonely", "text": "Nhà văn hóa ấp xuống cấp.", "group": "x", "group_norm": "van_hoa_xa_hoi"})
    path = tmp_path / "tiny.jsonl"
    _write(path, rows)
    _lines, summary = _run(path, "--method", "tfidf")
    assert set(summary) == KEYS
    assert summary["n"] == len(rows)
    assert summary["accuracy"] >= 0.8  # clear topics
    assert summary["ari"] >= 0.6


def test_very_tiny_files_do_not_crash(tmp_path):
    for n in (1, 2, 3):
        rows = [{"text": t, "group_norm": lab} for t, lab in labelled()[::6][:n]]
        path = tmp_path / f"n{n}.jsonl"
        _write(path, rows)
        _lines, summary = _run(path, "--method", "tfidf", "--no-variants")
        assert set(summary) == KEYS and summary["n"] == n


def test_folds_are_stratified_deterministic_and_cover_everything():
    labels = ["a"] * 7 + ["b"] * 3 + ["c"]
    a, b = folds(labels), folds(labels)
    assert [f.tolist() for f in a] == [f.tolist() for f in b]
    assert sorted(i for f in a for i in f) == list(range(len(labels)))
    assert len(a) == 5
    assert all(sum(labels[i] == "b" for i in f) <= 1 for f in a)


@pytest.mark.django_db
def test_dev_data_beats_the_baseline(shared):
    path = shared / "dev-data" / "opinions.jsonl"
    if not path.is_file():
        pytest.skip(f"dev data not present at {path}")
    _lines, summary = _run(path, "--no-variants")
    assert set(summary) == KEYS
    assert summary["n"] >= 50
    # Measured (docs/textkit.md): accuracy 0.75 vs 0.56, ARI 0.39 vs 0.29. Assert with slack.
    assert summary["accuracy"] >= summary["baseline_accuracy"]
    assert summary["macro_f1"] >= summary["baseline_macro_f1"]
