"""Is the displayed group confidence honest? A held-out reliability table on labelled opinions.

A group's confidence claims the share of its members that belong together. "Belong" is measured
against the labels: a member is right when its label is the group's majority label. Every member
of a group of two or more is one record (predicted confidence, right or not); singletons carry no
claim and are left out.

Protocol (fixed seeds, nothing fitted on what is scored): for each seed the opinions are split in
two halves; each half is grouped with k chosen automatically (as the page does), on the half and
on SUBSETS random 80 % subsets of it, giving the raw evidence of each group (margin, shared key
phrase). The logistic calibration (intercept, margin, phrase share) is fitted on one half's records
and scored on the other half's, both ways; the train figure (scored on its own records) is printed
beside it. The constants shipped in :data:`sausat.textkit.grouping.CALIBRATION` are the fit on all
records, rounded.
"""

from __future__ import annotations

import itertools
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sausat.textkit.evaluation import Dataset
from sausat.textkit.grouping import NO_SHARED_PHRASE_CAP, calibrated_confidence, suggest_groups

SEEDS = 5
SUBSETS = 3
SUBSET_SHARE = 0.8
BINS = (0.0, 0.5, 0.6, 0.7, 0.85, 0.95, 1.0001)


@dataclass
class Record:
    margin: float
    share: float
    size: int
    right: bool


def group_records(data: Dataset, idx: np.ndarray, *, method: str = "auto") -> list[Record]:
    texts = [data.texts[i] for i in idx]
    out: list[Record] = []
    for g in suggest_groups(texts, ids=list(idx), method=method):
        if g.size < 2:
            continue
        labels = [data.labels[i] for i in g.members]
        major = Counter(labels).most_common(1)[0][0]
        out += [Record(g.margin, g.phrase_share, g.size, lab == major) for lab in labels]
    return out


def half_records(data: Dataset, seeds: int = SEEDS, method: str = "auto") -> list[tuple[list[Record], list[Record]]]:
    """For each seed, the records of the two halves."""
    n = len(data.texts)
    pairs = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        perm = rng.permutation(n)
        halves = (np.sort(perm[: n // 2]), np.sort(perm[n // 2 :]))
        recs: list[list[Record]] = []
        for half in halves:
            r = group_records(data, half, method=method)
            for _ in range(SUBSETS):
                sub = np.sort(rng.choice(half, size=max(3, round(SUBSET_SHARE * len(half))), replace=False))
                r += group_records(data, sub, method=method)
            recs.append(r)
        pairs.append((recs[0], recs[1]))
    return pairs


def fit(records: list[Record]) -> tuple[float, float, float]:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[r.margin, r.share] for r in records])
    y = np.array([r.right for r in records])
    if len(set(y.tolist())) < 2:
        return (3.0 if y.all() else -3.0, 0.0, 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = LogisticRegression(C=1.0).fit(x, y)
    return (float(m.intercept_[0]), float(m.coef_[0][0]), float(m.coef_[0][1]))


def predict(records: list[Record], coef: tuple[float, float, float] | None) -> np.ndarray:
    """Calibrated confidences with ``coef`` (None: the shipped constants)."""
    out = []
    for r in records:
        if coef is None:
            out.append(calibrated_confidence(r.margin, r.share, r.size))
            continue
        a, b, c = coef
        p = 1.0 / (1.0 + np.exp(-(a + b * r.margin + c * r.share)))
        out.append(min(p, NO_SHARED_PHRASE_CAP) if r.share <= 0 else p)
    return np.array(out)


def old_confidence(records: list[Record]) -> np.ndarray:
    """The confidence shown before calibration: mean margin / 0.7, clipped."""
    return np.clip(np.array([r.margin for r in records]) / 0.7, 0.0, 1.0)


def reliability(p: np.ndarray, right: np.ndarray) -> tuple[list[dict], float]:
    """Rows (bin, n, mean predicted, observed share right) and the expected calibration error."""
    rows = []
    ece = 0.0
    for lo, hi in itertools.pairwise(BINS):
        m = (p >= lo) & (p < hi)
        if not m.any():
            rows.append({"bin": (lo, min(hi, 1.0)), "n": 0, "predicted": None, "observed": None})
            continue
        pred, obs = float(p[m].mean()), float(right[m].mean())
        ece += m.sum() / len(p) * abs(pred - obs)
        rows.append({"bin": (lo, min(hi, 1.0)), "n": int(m.sum()), "predicted": pred, "observed": obs})
    return rows, float(ece)


def evaluate_confidence(data: Dataset, *, seeds: int = SEEDS, log: Callable[[str], None] = print) -> dict:
    pairs = half_records(data, seeds)
    held_p, held_y, train_p, train_y = [], [], [], []
    for a, b in pairs:
        for fit_on, score_on in ((a, b), (b, a)):
            coef = fit(fit_on)
            held_p.append(predict(score_on, coef))
            held_y.append(np.array([r.right for r in score_on]))
            train_p.append(predict(fit_on, coef))
            train_y.append(np.array([r.right for r in fit_on]))
    all_recs = [r for a, b in pairs for r in a + b]
    y_all = np.array([r.right for r in all_recs])
    tables = {
        "held_out": reliability(np.concatenate(held_p), np.concatenate(held_y)),
        "train": reliability(np.concatenate(train_p), np.concatenate(train_y)),
        "old_display": reliability(old_confidence(all_recs), y_all),
        "shipped": reliability(predict(all_recs, None), y_all),
    }
    coef = fit(all_recs)
    log(f"{len(all_recs)} member records from {seeds} seeds x 2 halves x {1 + SUBSETS} groupings (k automatic)")
    log(f"fit on all records: intercept {coef[0]:.2f}, margin {coef[1]:.2f}, phrase share {coef[2]:.2f}")
    for name, (rows, ece) in tables.items():
        log(f"{name}: ECE {ece:.3f}")
        for r in rows:
            if r["n"]:
                log(
                    f"  [{r['bin'][0]:.2f}, {r['bin'][1]:.2f})  n={r['n']:4d}  predicted {r['predicted']:.2f}  observed {r['observed']:.2f}"
                )
    return {name: {"ece": round(ece, 4), "rows": rows} for name, (rows, ece) in tables.items()} | {"fit_all": coef}
