"""Field-by-field comparison of proposed records with hand annotations (dNN.txt + dNN.json pairs).

Rules (also in docs/textkit.md):
- dates, kind: exact (null equals null);
- province: equal after ``match_key`` with "Tỉnh"/"Thành phố" dropped;
- title, place: equal when the syllable sets overlap enough (overlap coefficient ≥ 0.75, Dice ≥ 0.6 for titles);
- chairs, participants_named: the sets of names (``match_key``) are equal;
- opinion_counts: written, direct and total numbers all equal ("hơn 10" compares as 10);
- issue_groups, directives: items matched one-to-one by syllable overlap coefficient ≥ 0.5; the list is
  right when the F1 of matched items is ≥ 0.6 (two empty lists agree).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from sausat.textkit.articles.parser import parse_article
from sausat.textkit.normalize import match_key, search_key

FIELDS = (
    "title",
    "meeting_date",
    "publish_date",
    "province",
    "place",
    "kind",
    "chairs",
    "participants_named",
    "opinion_counts",
    "issue_groups",
    "directives",
)
_STOP = {"cua", "tai", "va", "cac", "nhung", "mot", "so", "o", "cho", "ve"}


def _syllables(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", search_key(text or "")) if w not in _STOP}


def overlap(a: str | None, b: str | None) -> float:
    x, y = _syllables(a), _syllables(b)
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def dice(a: str | None, b: str | None) -> float:
    x, y = _syllables(a), _syllables(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def _province_key(name: str | None) -> str:
    key = match_key(name or "")
    for prefix in ("tỉnh ", "thành phố ", "tp "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key


def _list_f1(pred: list[str], gold: list[str], threshold: float = 0.5) -> float:
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), reverse=True)
    used_p, used_g, matched = set(), set(), 0
    for score, i, j in pairs:
        if score < threshold:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matched += 1
    if matched == 0:
        return 0.0
    precision, recall = matched / len(pred), matched / len(gold)
    return 2 * precision * recall / (precision + recall)


def _count(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value.get("value")
    return int(value)


def field_correct(name: str, pred: dict, gold: dict) -> bool:
    p, g = pred.get(name), gold.get(name)
    if name in ("meeting_date", "publish_date", "kind"):
        return (p or None) == (g or None)
    if name == "province":
        return _province_key(p) == _province_key(g)
    if name == "title":
        return (not p and not g) or (bool(p) and bool(g) and dice(p, g) >= 0.6)
    if name == "place":
        return (not p and not g) or (bool(p) and bool(g) and overlap(p, g) >= 0.75)
    if name in ("chairs", "participants_named"):
        return {match_key(x["name"]) for x in p or []} == {match_key(x["name"]) for x in g or []}
    if name == "opinion_counts":
        return all(_count((p or {}).get(k)) == _count((g or {}).get(k)) for k in ("written", "direct", "total"))
    if name in ("issue_groups", "directives"):
        return _list_f1(p or [], g or []) >= 0.6
    raise KeyError(name)


def article_pairs(directory: str | Path) -> list[Path]:
    """The ``NNN.txt`` files of ``directory`` that have an ``NNN.json`` annotation beside them."""
    return [txt for txt in sorted(Path(directory).glob("*.txt")) if txt.with_suffix(".json").exists()]


def evaluate_paths(paths: list[Path]) -> tuple[dict, list[dict]]:
    """Per-field accuracy over the given ``NNN.txt`` files (annotation beside each), and the detail."""
    rows: list[dict] = []
    for txt in paths:
        gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        pred = parse_article(txt.read_text(encoding="utf-8")).as_json()
        rows.append(
            {
                "article": txt.stem,
                "fields": {f: field_correct(f, pred, gold) for f in FIELDS if f in gold},
                "pred": pred,
                "gold": gold,
            }
        )
    return summarise(rows), rows


def summarise(rows: list[dict]) -> dict:
    summary: dict = {}
    for f in FIELDS:
        marks = [r["fields"][f] for r in rows if f in r["fields"]]
        if marks:
            summary[f] = round(sum(marks) / len(marks), 4)
    summary["n"] = len(rows)
    return summary


CONFIDENCE_BANDS = ((0.0, 0.7, "< 0.70"), (0.7, 0.85, "0.70–0.84"), (0.85, 1.01, "≥ 0.85"))


def calibration(rows: list[dict]) -> dict[str, dict]:
    """Share of right fields per confidence band (the confidence each proposed field carries)."""
    out: dict[str, dict] = {}
    for low, high, label in CONFIDENCE_BANDS:
        marks = [
            ok
            for r in rows
            for f, ok in r["fields"].items()
            if low <= ((r["pred"].get("evidence") or {}).get(f) or {}).get("confidence", -1) < high
        ]
        out[label] = {"n": len(marks), "right": round(sum(marks) / len(marks), 4) if marks else None}
    return out


def evaluate_dir(directory: str | Path) -> tuple[dict, list[dict]]:
    """Per-field accuracy over the pairs in ``directory``, and the per-article detail."""
    return evaluate_paths(article_pairs(directory))


def split_articles(pool: list[Path], *, seed: int, held_out_share: float) -> tuple[list[Path], list[Path]]:
    """A fixed split of ``pool`` into (development, held-out): sorted by name, shuffled with ``seed``.

    The development part is what a person reads while writing rules; the held-out part is never opened,
    so its figure is the one to expect on unseen articles. The split depends on the seed and the
    article names only, so it can be recorded and repeated."""
    ordered = sorted(pool, key=lambda p: p.stem)
    random.Random(seed).shuffle(ordered)  # noqa: S311 - a reproducible split, not a secret
    cut = round(len(ordered) * held_out_share)
    held_out = sorted(ordered[:cut], key=lambda p: p.stem)
    development = sorted(ordered[cut:], key=lambda p: p.stem)
    return development, held_out
