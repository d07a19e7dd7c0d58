"""The proposed meeting record read from an article."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

KINDS = ("dialogue", "working_session", "review_conference", "voter_meeting", "other")


@dataclass
class Count:
    """An opinion count; ``at_least`` for "hơn 10" (more than 10: kept as at least 10)."""

    value: int
    at_least: bool = False


@dataclass
class NamedPerson:
    name: str
    titles: list[str] = field(default_factory=list)
    titles_expanded: list[str] = field(default_factory=list)


@dataclass
class ArticleRecord:
    title: str | None = None
    kind: str = "other"
    meeting_date: dt.date | None = None
    publish_date: dt.date | None = None
    province: str | None = None
    place: str | None = None
    chairs: list[NamedPerson] = field(default_factory=list)
    participants_named: list[NamedPerson] = field(default_factory=list)
    opinion_counts: dict[str, Count | None] = field(
        default_factory=lambda: {"written": None, "direct": None, "total": None}
    )
    issue_groups: list[str] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # field name -> Evidence (articles/evidence.py): the sentence it was read from and a confidence.
    evidence: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        data = asdict(self)
        for key in ("meeting_date", "publish_date"):
            value = getattr(self, key)
            data[key] = value.isoformat() if value else None
        return data

    def count_value(self, key: str) -> int | None:
        count = self.opinion_counts.get(key)
        return count.value if count else None
