"""Embedding cache in the database, for :func:`sausat.textkit.vectors.embed` and the grouping functions.

The store reads and writes only textkit's own :class:`sausat.textkit.models.TextVector` rows, so the
text package stays free of every app; the apps that group their texts pass a store in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


class DbVectorStore:
    """Embedding cache in the ``textkit_textvector`` table (see :mod:`sausat.textkit.vectors`)."""

    def __init__(self, *, readonly: bool = False):
        self.readonly = readonly

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        import numpy as np

        from sausat.textkit.models import TextVector
        from sausat.textkit.vectors import EMBED_DIM

        out: dict[str, np.ndarray] = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            rows = TextVector.objects.filter(key__in=keys[start : start + 500]).values_list("key", "vector")
            for key, blob in rows:
                vec = np.frombuffer(bytes(blob), dtype="<f4")
                if vec.shape == (EMBED_DIM,):
                    out[key] = vec.copy()
        return out

    def set_many(self, items: dict[str, np.ndarray]) -> None:
        if self.readonly or not items:
            return
        import numpy as np
        from django.db import transaction

        from sausat.textkit.models import TextVector
        from sausat.textkit.vectors import EMBED_MODEL

        rows = [
            TextVector(key=k, model=EMBED_MODEL, vector=np.asarray(v, dtype="<f4").tobytes()) for k, v in items.items()
        ]
        # One short transaction per call (embed() calls once per batch): the rows are visible to the
        # grouping page as soon as the batch is done, and a crash loses at most the batch at hand.
        with transaction.atomic():
            TextVector.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
