"""Data versions: a counter per kind of data, bumped after every committed write to it.

A page that computes an expensive figure caches it under the versions of the data it reads
(:mod:`sausat.core.data_versions`); a write to that data moves the version on, so the next reader
computes afresh. The counter lives in the database, so every web process sees the same version.
"""

from __future__ import annotations

from django.db import models

__all__ = ["DataVersion"]


class DataVersion(models.Model):
    key = models.CharField(max_length=100, unique=True)
    n = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}@{self.n}"
