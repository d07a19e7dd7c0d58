"""Bounded ``limit``/``offset`` for every paginated API list.

Unbounded integers reached the database (a 64-bit overflow there was a 500); the bounds make them a 422
with a message before any query runs.
"""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Số dòng mỗi trang (1–{MAX_LIMIT}).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"Bỏ qua bao nhiêu dòng (0–{MAX_OFFSET}).")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
