"""The inbox: what is waiting for the signed-in person, from every app, on the home page and the API.

Apps register their sources in ``AppConfig.ready`` (the dependency goes app -> core, never the other
way), so later apps add items without editing the home page. A source answers with its total count
and its first items ordered by deadline, in a constant number of queries whatever the data size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from sausat.core.calendar import local_date
from sausat.core.policy import scope_for

DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class InboxItem:
    title: str
    url: str
    due: dt.date | None = None
    overdue: bool = False
    kind: str = ""
    detail: str = ""
    count: int = 1  # an item may stand for several records (e.g. a conference's ungrouped opinions)


@dataclass(frozen=True)
class InboxFigure:
    """A figure of the three promises shown above a section's items (e.g. "Hoàn thành: 60%").

    ``value`` is the number (for the API and tests), ``text`` its Vietnamese rendering
    (:mod:`sausat.core.numbers`), computed by the same selector as the dashboard, pack and exports.
    """

    key: str
    label: str
    value: float | int | None
    text: str
    url: str = ""


@dataclass(frozen=True)
class InboxResult:
    count: int
    items: list[InboxItem] = field(default_factory=list)
    figures: list[InboxFigure] = field(default_factory=list)


@dataclass(frozen=True)
class InboxSource:
    key: str
    label: str  # a Vietnamese msgid (gettext_noop at registration), translated when shown
    visible: Callable  # (user) -> bool: whether this person has this kind of work at all
    items: Callable  # (user, today, limit) -> InboxResult
    order: int = 100
    more_url: Callable | None = None  # () -> url of the full list, when there is one


@dataclass(frozen=True)
class InboxSection:
    key: str
    label: str
    count: int
    overdue: int
    items: list[InboxItem]
    more_url: str = ""
    figures: list[InboxFigure] = field(default_factory=list)


_SOURCES: dict[str, InboxSource] = {}


def register_inbox_source(source: InboxSource) -> None:
    _SOURCES[source.key] = source


def registered_sources() -> list[InboxSource]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


def holds(user, *roles: str) -> bool:
    """The user holds one of ``roles`` by a live grant (an administrator does not thereby hold it)."""
    return bool(scope_for(user).roles & set(roles))


def from_queryset(qs: QuerySet, limit: int, to_item: Callable) -> InboxResult:
    """Two queries: the total and the first ``limit`` rows (the queryset is already ordered)."""
    count = qs.count()
    rows = list(qs[:limit]) if count else []
    return InboxResult(count=count, items=[to_item(row) for row in rows])


def _sort_key(item: InboxItem):
    return (item.due is None, item.due or dt.date.max)


def inbox_for(user, *, today: dt.date | None = None, limit: int = DEFAULT_LIMIT) -> list[InboxSection]:
    """Every source visible to ``user``, in registration order, items soonest deadline first."""
    if not scope_for(user).is_authenticated:
        return []
    today = today or local_date(timezone.now())
    sections = []
    for source in registered_sources():
        if not source.visible(user):
            continue
        result = source.items(user, today, limit)
        items = sorted(result.items, key=_sort_key)
        sections.append(
            InboxSection(
                key=source.key,
                label=gettext(source.label),
                count=result.count,
                overdue=sum(1 for i in items if i.overdue),
                items=items,
                more_url=source.more_url() if source.more_url and result.count > len(items) else "",
                figures=result.figures,
            )
        )
    return sections
