"""Bounded ``limit``/``offset`` for every paginated API list, and lists read from the process cache.

Unbounded integers reached the database (a 64-bit overflow there was a 500); the bounds make them a 422
with a message before any query runs.

A view may return a :class:`CachedList` instead of a queryset: the page and the total then come from
:func:`sausat.core.data_versions.cached` under the view's key parts (the reader, the filters), the
offset and the limit, and the versions of the data the list reads, so repeated reads skip the count
and the page query (issue 17, S5 and S8). The queryset is made inside the computation: a scope check
that raises 404 there answers 404 and leaves nothing in the cache.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from sausat.core.data_versions import cached

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


@dataclass(frozen=True)
class CachedList:
    """A paginated list kept in the process cache: ``make()`` returns the (scoped) queryset."""

    name: str
    data: Iterable[str]
    parts: Hashable
    make: Callable[[], QuerySet]
    seconds: int = 600


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Số dòng mỗi trang (1–{MAX_LIMIT}).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"Bỏ qua bao nhiêu dòng (0–{MAX_OFFSET}).")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params) -> Any:
        if not isinstance(queryset, CachedList):
            return super().paginate_queryset(queryset, pagination, request, **params)
        listing = queryset
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)

        def page() -> tuple[list, int]:
            qs = listing.make()
            return list(qs[offset : offset + limit]), qs.count()

        items, count = cached(listing.name, listing.data, (listing.parts, offset, limit), page, seconds=listing.seconds)
        return {self.items_attribute: items, "count": count}
