"""Declared links between apps that may not import each other.

directives and liaison are independent (.importlinter): neither imports the other. When a record
of one must point at a record of the other — a liaison cadre's "cầu nối" activity conveys a task
of a directing document to the commune — the pointing app stores a plain id and a label, and reads
the other app only through a *reference source* that the other app registers here in its
``AppConfig.ready()``. core knows neither app; an app that is not installed registers nothing and
the pointing app falls back to the stored label.

A source answers two questions, each under the source app's own policy:

- ``choices(user, unit, limit)``: the records of that app ``user`` may link from work at ``unit``;
- ``get(user, pk)``: one of them, or ``None`` when it is missing *or* out of ``user``'s scope
  (the two are told apart by nobody, as everywhere else).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reference:
    source: str  # the source's key, e.g. "directives.task"
    pk: int
    label: str  # what a reader sees: e.g. "Kết luận số 12-KL/TU: Sửa cống ấp 3"
    url: str = ""  # the record's page in its own app ("" when the reader may not open it)


@dataclass(frozen=True)
class ReferenceSource:
    key: str
    label: str  # what the linked records are, for forms: "Nhiệm vụ theo văn bản chỉ đạo"
    choices: Callable[[Any, Any, int], list[Reference]]
    get: Callable[[Any, int], Reference | None]


_sources: dict[str, ReferenceSource] = {}


def register_reference_source(source: ReferenceSource) -> None:
    _sources[source.key] = source


def reference_source(key: str) -> ReferenceSource | None:
    return _sources.get(key)
