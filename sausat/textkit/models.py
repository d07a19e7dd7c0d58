"""Textkit tables.

``TextVector`` is a cache, not business data: the sentence embedding of one text (keyed by
the sha256 of the model name and the text's match key), recomputable at any time. It therefore
has no unit, no audit rows and no soft delete; rows are written only by
:class:`sausat.textkit.vector_store.DbVectorStore`.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class TextVector(models.Model):
    key = models.CharField(max_length=64, unique=True)
    model = models.CharField(max_length=60)
    vector = models.BinaryField()  # float32 little-endian, 384 values
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "vector cache entry"

    def __str__(self) -> str:
        return self.key[:12]
