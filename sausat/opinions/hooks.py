"""Declared hooks through which an app above opinions takes part in its flows.

opinions imports no app above it (docs/architecture.md). directives fills these in its
``AppConfig.ready()`` (:mod:`sausat.directives.opinion_hooks`):

- a *direction handler* runs inside the answer's transaction when an opinion is answered
  "directed for resolution" (directives: create the follow-up task, linked back to the opinion);
- a *linked-items reader* lists, for the opinion page, the objects made from an opinion that the
  reader may open (directives: the tasks, through its own policy); with it, an optional *existence
  test* (an ``Exists`` on ``OuterRef("pk")``) that the page's opinion query carries, so the page asks
  the reader nothing when no object was made from the opinion, which is most of them (issue 17).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sausat.core.actors import Actor
    from sausat.opinions.models import Opinion
    from sausat.people.models import Organ


class DirectionHandler(Protocol):
    def __call__(
        self, *, actor: Actor, opinion: Opinion, lead_organ: Organ, deadline: dt.date | None, title: str, content: str
    ) -> Any: ...


LinkedReader = Callable[[Any, "Opinion", int], list]
# No argument; returns an expression true when an object was made from the opinion OuterRef("pk").
LinkedExists = Callable[[], Any]

_direction_handlers: dict[str, DirectionHandler] = {}
_linked_readers: dict[str, LinkedReader] = {}
_linked_exists: dict[str, LinkedExists] = {}
_linked_data: dict[str, tuple[str, ...]] = {}


def register_direction_handler(key: str, handler: DirectionHandler) -> None:
    _direction_handlers[key] = handler


def direction_handlers() -> list[DirectionHandler]:
    return list(_direction_handlers.values())


def register_linked_reader(
    key: str, reader: LinkedReader, *, exists: LinkedExists | None = None, data: tuple[str, ...] = ()
) -> None:
    """``reader(user, opinion, limit)`` returns the objects made from ``opinion`` that ``user`` may open;
    ``exists()``, if given, an expression telling whether any such object exists at all (in any scope:
    it only spares the reader's query when there is none); ``data``, the kinds of data the reader reads
    (:mod:`sausat.core.data_versions` keys), which the cached opinion page is kept under."""
    _linked_readers[key] = reader
    _linked_data[key] = data
    if exists is not None:
        _linked_exists[key] = exists
    else:
        _linked_exists.pop(key, None)


def linked_exists(key: str) -> LinkedExists | None:
    return _linked_exists.get(key)


def linked_data() -> tuple[str, ...]:
    """Every kind of data the linked-items readers read."""
    return tuple(sorted({kind for kinds in _linked_data.values() for kind in kinds}))


def linked_reader(key: str) -> LinkedReader | None:
    return _linked_readers.get(key)
