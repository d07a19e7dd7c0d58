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
- **Rejections as negatives:** the learning curve when the office accepts right suggestions and
  rejects (or corrects) wrong ones, with and without the negatives, their weight chosen by nested
  cross-validation (:func:`decisions_nested`).
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


# --- rejected suggestions as negatives, their weight chosen by nested cross-validation -------------

NEG_WEIGHTS = (0.0, 1.0, 2.0, 4.0)
_Hits = dict[float, dict[int, tuple[list[bool], list[bool]]]]


def _decisions_fold(
    texts: list[str],
    labels: list[str],
    train: np.ndarray,
    test: np.ndarray,
    key: Sequence[int],
    *,
    method: str,
    office: str,
    ns: Sequence[int],
    draws: int,
    weights: Sequence[float],
) -> _Hits:
    """Hits on ``test`` per weight and ``n`` after the office decided ``n`` suggestions on ``train``.

    A new meeting (no placed opinion), as in :func:`learning_curve`. Each decided opinion was
    suggested the label ranked first for it by the descriptions alone (the office's first
    suggestions, before any history). A right suggestion is accepted (a positive pair). A wrong
    one is, with ``office="reject"``, rejected: only the negative (text, suggested label) is known;
    with ``office="correct"``, corrected: the positive (text, true label) and the same negative.
    Weight 0 ignores the negatives (the behaviour before)."""
    all_labels = sorted(set(labels))
    first = classify([texts[i] for i in train], [], top=1, method=method, extra_labels=all_labels)
    suggested = {int(i): r[0][0] for i, r in zip(train, first, strict=True)}
    truth = [labels[i] for i in test]
    hits: _Hits = {w: {n: ([], []) for n in ns} for w in weights}
    for n in ns:
        for d in range(draws if n else 1):
            pick = np.random.default_rng([*key, n, d]).permutation(train)[: min(n, len(train))]
            pos: list[tuple[str, str]] = []
            neg: list[tuple[str, str]] = []
            for i in pick:
                s = suggested[int(i)]
                if s == labels[i]:
                    pos.append((texts[i], s))
                    continue
                neg.append((texts[i], s))
                if office == "correct":
                    pos.append((texts[i], labels[i]))
            pos, neg = history_examples(pos, all_labels), history_examples(neg, all_labels)
            for w in weights:
                ranked = classify(
                    [texts[i] for i in test],
                    pos,
                    top=3,
                    method=method,
                    extra_labels=all_labels,
                    negatives=neg if w else (),  # weight 0 is the behaviour before: no negatives at all
                    neg_weight=w,
                )
                a, b = _hits(ranked, truth)
                hits[w][n][0].extend(a)
                hits[w][n][1].extend(b)
    return hits


def decisions_nested(
    texts: list[str],
    labels: list[str],
    *,
    method: str,
    office: str = "reject",
    ns: Sequence[int] = CURVE_NS,
    fold_seeds: Sequence[int] = FOLD_SEEDS,
    draws: int = DRAWS,
    weights: Sequence[float] = NEG_WEIGHTS,
) -> dict:
    """The learning curve with and without the negatives, held out; the weight of the negatives is
    chosen per outer fold by the same simulation on inner folds of its training folds (best mean
    top-1 over ``n > 0``, then top-3, then the smaller weight).

    Returns ``{"without": {n: (top1, top3)}, "with": {...}, "train": {...}, "chosen": [w, ...],
    "fixed": {w: {n: (top1, top3)}}}``: "with" uses the chosen weight, "train" is the inner score of
    the chosen weight, "fixed" every weight of the grid held out (for reading only: choosing on it
    would not be held out), "train_fixed" every weight on the inner folds."""
    keep = [n for n in ns if n]
    outer: _Hits = {w: {n: ([], []) for n in ns} for w in weights}
    chosen_hits: dict[int, tuple[list[bool], list[bool]]] = {n: ([], []) for n in ns}
    train_hits: dict[int, tuple[list[bool], list[bool]]] = {n: ([], []) for n in ns}
    chosen: list[float] = []
    inner_all: _Hits = {w: {n: ([], []) for n in ns if n} for w in weights}
    for seed in fold_seeds:
        for f, test in enumerate(_folds(labels, seed)):
            train = np.setdiff1d(np.arange(len(texts)), test)
            inner: _Hits = {w: {n: ([], []) for n in keep} for w in weights}
            sub_l = [labels[i] for i in train]
            for g, sub_test in enumerate(_folds(sub_l, seed + 100)):
                te = train[sub_test]
                tr = np.setdiff1d(train, te)
                got = _decisions_fold(
                    texts,
                    labels,
                    tr,
                    te,
                    (seed, f, g, 100),
                    method=method,
                    office=office,
                    ns=keep,
                    draws=draws,
                    weights=weights,
                )
                for w in weights:
                    for n in keep:
                        for part in (inner, inner_all):
                            part[w][n][0].extend(got[w][n][0])
                            part[w][n][1].extend(got[w][n][1])

            def score(w: float, inner: _Hits = inner) -> tuple[float, float, float]:
                a = float(np.mean([np.mean(inner[w][n][0]) for n in keep]))
                b = float(np.mean([np.mean(inner[w][n][1]) for n in keep]))
                return a, b, -w

            best = max(weights, key=score)
            chosen.append(best)
            got = _decisions_fold(
                texts, labels, train, test, (seed, f), method=method, office=office, ns=ns, draws=draws, weights=weights
            )
            for n in ns:
                for w in weights:
                    outer[w][n][0].extend(got[w][n][0])
                    outer[w][n][1].extend(got[w][n][1])
                chosen_hits[n][0].extend(got[best][n][0])
                chosen_hits[n][1].extend(got[best][n][1])
                if n:
                    train_hits[n][0].extend(inner[best][n][0])
                    train_hits[n][1].extend(inner[best][n][1])

    def means(h: dict[int, tuple[list[bool], list[bool]]]) -> dict[int, tuple[float, float]]:
        return {n: (float(np.mean(a)), float(np.mean(b))) for n, (a, b) in h.items() if a}

    def per_seed(h: dict[int, tuple[list[bool], list[bool]]]) -> dict[int, list[tuple[float, float]]]:
        # Hits are appended seed by seed, the same number per seed: equal chunks are the seeds.
        k = len(fold_seeds)
        return {
            n: [
                (float(np.mean(a)), float(np.mean(b)))
                for a, b in zip(np.array_split(x, k), np.array_split(y, k), strict=True)
            ]
            for n, (x, y) in h.items()
            if x
        }

    return {
        "without": means(outer[0.0]) if 0.0 in outer else None,
        "with": means(chosen_hits),
        "train": means(train_hits),
        "chosen": chosen,
        "fixed": {w: means(outer[w]) for w in weights},
        "train_fixed": {w: means(inner_all[w]) for w in weights},
        "per_seed": {"without": per_seed(outer[0.0]) if 0.0 in outer else None, "with": per_seed(chosen_hits)},
    }
