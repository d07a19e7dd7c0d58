"""Held-out figures of issue 20: top-1/top-3 over fold seeds, the learning curve, and the choice of k.

- **Top-k:** the cross-validation of :mod:`sausat.textkit.evaluation` (stratified folds) for fold
  seeds 0-3; a text counts for top-3 when its label is among the three labels shown.
- **Learning curve:** a new meeting with no placed opinion, where the office has corrected ``n``
  opinions before (its history, :func:`classify.history_examples`). For each fold seed and fold,
  ``n`` opinions are drawn at random from the training folds (``DRAWS`` draws), the held-out fold
  is classified with them beside the sector descriptions. ``n = 0`` is descriptions alone.
- **Choice of k:** each rule of :data:`grouping.K_RULES` chooses k on the same vectors. The rule is
  chosen by nested halves: the opinions are split in two stratified halves (5 split seeds); the
  rule with the best mean ARI on one half (over the 4 k-means seeds) is scored on the other half.
  The "train" figure is the chosen rule's ARI on the half that chose it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from sklearn.metrics import adjusted_rand_score

from sausat.textkit import grouping
from sausat.textkit.classify import classify, history_examples

FOLD_SEEDS = (0, 1, 2, 3)
KMEANS_SEEDS = (0, 1, 2, 3)
CURVE_NS = (0, 5, 10, 20, 40)
DRAWS = 3
SPLIT_SEEDS = (0, 1, 2, 3, 4)


def _folds(labels: Sequence[str], seed: int) -> list[np.ndarray]:
    from sausat.textkit.evaluation import folds

    return folds(labels, seed=seed)


def _hits(ranked, truth: Sequence[str]) -> tuple[list[bool], list[bool]]:
    top1 = [bool(r) and r[0][0] == y for r, y in zip(ranked, truth, strict=True)]
    top3 = [y in [lab for lab, _s in r[:3]] for r, y in zip(ranked, truth, strict=True)]
    return top1, top3


def topk_cv(texts: list[str], labels: list[str], *, method: str, seed: int) -> tuple[float, float]:
    """(top-1, top-3) accuracy, held out by stratified cross-validation with fold seed ``seed``."""
    all_labels = sorted(set(labels))
    h1: list[bool] = []
    h3: list[bool] = []
    for test in _folds(labels, seed):
        train = np.setdiff1d(np.arange(len(texts)), test)
        ranked = classify(
            [texts[i] for i in test],
            [(texts[i], labels[i]) for i in train],
            top=3,
            method=method,
            extra_labels=all_labels,
        )
        a, b = _hits(ranked, [labels[i] for i in test])
        h1 += a
        h3 += b
    return float(np.mean(h1)), float(np.mean(h3))


def learning_curve(
    texts: list[str],
    labels: list[str],
    *,
    method: str,
    ns: Sequence[int] = CURVE_NS,
    fold_seeds: Sequence[int] = FOLD_SEEDS,
    draws: int = DRAWS,
) -> dict[int, tuple[float, float]]:
    """n -> (held-out top-1, top-3) when the office's history holds ``n`` corrected opinions."""
    all_labels = sorted(set(labels))
    hits: dict[int, tuple[list[bool], list[bool]]] = {n: ([], []) for n in ns}
    for seed in fold_seeds:
        for f, test in enumerate(_folds(labels, seed)):
            train = np.setdiff1d(np.arange(len(texts)), test)
            truth = [labels[i] for i in test]
            for n in ns:
                for d in range(draws if n else 1):
                    rng = np.random.default_rng([seed, f, n, d])
                    pick = rng.permutation(train)[: min(n, len(train))]
                    history = history_examples([(texts[i], labels[i]) for i in pick], all_labels)
                    ranked = classify([texts[i] for i in test], history, top=3, method=method, extra_labels=all_labels)
                    a, b = _hits(ranked, truth)
                    hits[n][0].extend(a)
                    hits[n][1].extend(b)
    return {n: (float(np.mean(a)), float(np.mean(b))) for n, (a, b) in hits.items()}


# --- the choice of k -----------------------------------------------------------------------------


@contextmanager
def kmeans_seed(seed: int) -> Iterator[None]:
    """Run grouping's k-means with another seed (the figures are means over seeds)."""
    old = grouping.SEED
    grouping.SEED = seed
    try:
        yield
    finally:
        grouping.SEED = old


def _ari_rule(x: np.ndarray, labels: Sequence[str], rule: str | int) -> tuple[float, list[int]]:
    """Mean ARI over the k-means seeds, and the k chosen by each, for a rule (or a fixed k)."""
    aris: list[float] = []
    ks: list[int] = []
    for s in KMEANS_SEEDS:
        with kmeans_seed(s):
            if isinstance(rule, int):
                lab = grouping.cluster(x, rule)
            else:
                lab = grouping.cluster(x, None, rule=rule)
        aris.append(float(adjusted_rand_score(labels, lab)))
        ks.append(len(set(lab.tolist())))
    return float(np.mean(aris)), ks


def _halves(labels: Sequence[str], seed: int) -> tuple[np.ndarray, np.ndarray]:
    parts = _folds(labels, seed)  # stratified; even folds on one side, odd on the other
    a = np.sort(np.concatenate(parts[0::2]))
    b = np.sort(np.concatenate(parts[1::2]))
    return a, b


def choose_k_rules(
    texts: list[str],
    labels: list[str],
    *,
    method: str,
    vectors: Callable[[list[str]], np.ndarray] | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    """Figures for every k rule on all opinions, and the rule chosen by nested halves."""
    make = vectors or (lambda t: grouping.group_vectors(t, method=method))
    rules = list(grouping.K_RULES)
    x = make(texts)
    full = {rule: _ari_rule(x, labels, rule) for rule in rules}
    k_true = len(set(labels))
    given, _ = _ari_rule(x, labels, k_true)
    chosen_counts: dict[str, int] = {}
    held: list[float] = []
    train: list[float] = []
    held_default: list[float] = []
    for seed in SPLIT_SEEDS:
        a, b = _halves(labels, seed)
        for choose, score in ((a, b), (b, a)):
            xa = make([texts[i] for i in choose])
            xb = make([texts[i] for i in score])
            la = [labels[i] for i in choose]
            lb = [labels[i] for i in score]
            on_a = {rule: _ari_rule(xa, la, rule)[0] for rule in rules}
            best = max(rules, key=lambda r: (on_a[r], -rules.index(r)))
            chosen_counts[best] = chosen_counts.get(best, 0) + 1
            train.append(on_a[best])
            held.append(_ari_rule(xb, lb, best)[0])
            held_default.append(_ari_rule(xb, lb, grouping.K_RULE)[0])
    log(f"{'k rule':<28} {'ARI (mean of 4 k-means seeds)':>30}  k chosen per seed")
    for rule in rules:
        ari, ks = full[rule]
        mark = " (shipped)" if rule == grouping.K_RULE else ""
        log(f"{rule + mark:<28} {ari:30.3f}  {ks}")
    log(f"{'k given (' + str(k_true) + ')':<28} {given:30.3f}")
    log(
        f"nested halves ({len(held)} scorings): rule chosen on one half, scored on the other: "
        f"held out ARI {np.mean(held):.3f}, train {np.mean(train):.3f}; shipped rule held out "
        f"{np.mean(held_default):.3f}; chosen {chosen_counts}"
    )
    return {
        "ari_auto_mean": round(full[grouping.K_RULE][0], 4),
        "ari_given_mean": round(given, 4),
        "k_auto": full[grouping.K_RULE][1],
        "ari_rules": {r: round(full[r][0], 4) for r in rules},
        "nested_held_out": round(float(np.mean(held)), 4),
        "nested_train": round(float(np.mean(train)), 4),
        "nested_shipped_held_out": round(float(np.mean(held_default)), 4),
        "nested_chosen": chosen_counts,
    }


# --- shrinking small centroids, chosen by nested cross-validation ---------------------------------

SHRINKS = (0.0, 1.0, 3.0, 10.0)


def _topk_inner(texts, labels, train: np.ndarray, seed: int, method: str, shrink: float) -> tuple[float, float]:
    sub_t = [texts[i] for i in train]
    sub_l = [labels[i] for i in train]
    all_labels = sorted(set(labels))
    h1: list[bool] = []
    h3: list[bool] = []
    for test in _folds(sub_l, seed + 100):
        fit = np.setdiff1d(np.arange(len(sub_t)), test)
        ranked = classify(
            [sub_t[i] for i in test],
            [(sub_t[i], sub_l[i]) for i in fit],
            method=method,
            extra_labels=all_labels,
            shrink=shrink,
        )
        a, b = _hits(ranked, [sub_l[i] for i in test])
        h1 += a
        h3 += b
    return float(np.mean(h1)), float(np.mean(h3))


def topk_nested(
    texts: list[str], labels: list[str], *, method: str, seed: int, shrinks: Sequence[float] = SHRINKS
) -> tuple[float, float, float, float, list[float]]:
    """Held-out (top-1, top-3) with ``shrink`` chosen per outer fold by an inner CV of its training
    folds; also the inner (train) figures of the chosen values, and the values chosen."""
    all_labels = sorted(set(labels))
    h1: list[bool] = []
    h3: list[bool] = []
    inner1: list[float] = []
    inner3: list[float] = []
    chosen: list[float] = []
    for test in _folds(labels, seed):
        train = np.setdiff1d(np.arange(len(texts)), test)
        scored = {s: _topk_inner(texts, labels, train, seed, method, s) for s in shrinks}
        best = max(shrinks, key=lambda s: (scored[s], -s))
        chosen.append(best)
        inner1.append(scored[best][0])
        inner3.append(scored[best][1])
        ranked = classify(
            [texts[i] for i in test],
            [(texts[i], labels[i]) for i in train],
            method=method,
            extra_labels=all_labels,
            shrink=best,
        )
        a, b = _hits(ranked, [labels[i] for i in test])
        h1 += a
        h3 += b
    return float(np.mean(h1)), float(np.mean(h3)), float(np.mean(inner1)), float(np.mean(inner3)), chosen
