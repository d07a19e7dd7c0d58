"""Evidence and confidence for each proposed field (no database).

Each field of the proposal carries the sentence it was read from (shown beside the field on the import
page, so the office checks it at a glance) and a confidence between 0 and 1. The confidence is set by
how direct the statement the rule relied on was (a year written beside the day, a venue after "tại" in
the opening sentence, a list after a colon) and is checked against the evaluation: docs/textkit.md
gives the share of right fields per confidence band, held out. Fields below ``REVIEW_BELOW`` are the
ones the page highlights ("nên xem lại").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sausat.textkit.normalize import match_key

REVIEW_BELOW = 0.7


@dataclass
class Evidence:
    sentence: str | None
    confidence: float

    @property
    def needs_review(self) -> bool:
        return self.confidence < REVIEW_BELOW


def _find(sentences: list[str], needle: str | None) -> str | None:
    if not needle:
        return None
    key = match_key(needle)[:40]
    return next((s for s in sentences if key and key in match_key(s)), None)


def _count_sentence(sentences: list[str], value: int) -> str | None:
    number = f"{value:,}".replace(",", "[.,]?")  # "1.200" or "1200"
    pattern = re.compile(r"(?<![\d.,])" + number + r"(?!\d)")
    return next((s for s in sentences if pattern.search(s)), None)


def field_evidence(record, sentences: list[str], *, place_evidence: tuple[str | None, float] | None = None) -> dict:
    """``{field: Evidence}`` for a parsed record and the article's sentences (headline first)."""
    ev: dict[str, Evidence] = {}
    ev["title"] = Evidence(record.title, 0.9 if record.title and len(record.title.split()) >= 6 else 0.7)
    ev["publish_date"] = Evidence(None, 0.95 if record.publish_date else 0.7)
    if record.meeting_date:
        day = f"{record.meeting_date.day}"
        month = f"{record.meeting_date.month}"
        pattern = re.compile(rf"(?<!\d)0?{day}\s*[/-]\s*0?{month}(?!\d)|(?<!\d)0?{day} tháng 0?{month}(?!\d)")
        sentence = next((s for s in sentences if pattern.search(s)), None)
        with_year = bool(sentence and str(record.meeting_date.year) in sentence)
        ev["meeting_date"] = Evidence(sentence, 0.95 if with_year else 0.8)
    else:
        ev["meeting_date"] = Evidence(None, 0.7)
    kind_sentence = next((s for s in sentences[:6] if _KIND_WORDS.search(s)), None)
    ev["kind"] = Evidence(kind_sentence, 0.85 if record.kind != "other" else 0.6)
    if record.province:
        ev["province"] = Evidence(_find(sentences, record.province), 0.9)
    else:
        ev["province"] = Evidence(None, 0.75)
    if place_evidence is not None:
        ev["place"] = Evidence(place_evidence[0], place_evidence[1])
    else:
        ev["place"] = Evidence(None, 0.6)
    chair_sentence = next((s for s in sentences if re.search(r"chủ trì|dẫn đầu", s, re.I)), None)
    ev["chairs"] = Evidence(chair_sentence, 0.85 if record.chairs else 0.6)
    first = record.participants_named[0].name if record.participants_named else None
    ev["participants_named"] = Evidence(_find(sentences, first), 0.75)
    stated = [c for c in record.opinion_counts.values() if c is not None]
    count_sentence = _count_sentence(sentences, stated[0].value) if stated else None
    ev["opinion_counts"] = Evidence(count_sentence, 0.85 if stated else 0.8)
    ev["issue_groups"] = Evidence(
        _find(sentences, record.issue_groups[0][:40]) if record.issue_groups else None,
        0.75 if record.issue_groups else 0.6,
    )
    ev["directives"] = Evidence(
        _find(sentences, record.directives[0][:40]) if record.directives else None, 0.7 if record.directives else 0.65
    )
    return ev


_KIND_WORDS = re.compile(
    r"tiếp xúc cử tri|đối thoại|sơ kết|tổng kết|giao ban|làm việc|hội nghị|phiên họp|kỳ họp", re.IGNORECASE
)
