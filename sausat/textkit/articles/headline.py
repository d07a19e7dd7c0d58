"""The record's title when the stored text has no usable headline (no database).

Two rules, both about voter-meeting reports, whose headlines follow one formula
("<who> tiếp xúc cử tri <before/after which session> <where>"):

- A photo caption is not the headline. In a report on voter meetings in several places, a first line
  that names exactly one of those places ("... tiếp xúc cử tri tại xã A") describes one photo, not the
  article (``caption_of_one_place``).
- When a voter-meeting report has no headline, one is composed from the lead in that formula
  (``compose_voter_meeting_title``): the delegation ("Tổ đại biểu số 3", "Đoàn ĐBQH tỉnh") when the
  sentence that says "tiếp xúc" names it, the session it comes before or after ("sau Kỳ họp thứ 5,
  HĐND tỉnh khóa X") and the place of a single meeting. With neither session nor place there is too
  little to say and the title stays null. Other kinds of meeting have no such formula (their headlines
  are the editor's own words), so they keep a null title.
"""

from __future__ import annotations

import re

from sausat.textkit.articles import extract
from sausat.textkit.normalize import match_key

COMPOSED_WARNING = "Bài không có dòng tiêu đề: tiêu đề được soạn từ đoạn mở đầu, cần kiểm tra lại."

_SUBJECT = re.compile(
    r"(?<!\w)(?P<s>(?i:tổ|đoàn)\s+(?:đại biểu|ĐBQH|đại biểu Quốc hội)(?:\s+[^\s,;.()]+){0,6}?)"
    r"(?=\s+(?:do|gồm|đã|tiếp xúc|cùng|đến|về|có)\s|\s*[,(:])"
)
_SESSION = re.compile(
    r"(?<!\w)(?P<rel>trước|sau|kết quả)(?!\w)[^.;\n]{0,60}?(?<!\w)"
    r"(?P<s>[Kk]ỳ họp\s+(?:thứ\s+\w+|chuyên đề(?:\s+thứ\s+\w+)?|bất thường(?:\s+lần\s+thứ\s+\w+)?)"
    r"(?:\s*,?\s*(?:HĐND|Hội đồng nhân dân|Quốc hội)(?:\s+(?:tỉnh|thành phố|huyện|thị xã|xã|phường))?"
    r"(?:\s*,?\s*kh(?:óa|oá)\s+[IVXLC]+)?)?)",
    re.IGNORECASE,
)


_COMMUNE = re.compile(r"(?<!\w)(?:xã|phường|thị trấn)\s+(?P<n>[A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ0-9]\w*){0,3})")


def caption_of_one_place(title: str | None, text: str) -> bool:
    """True when ``title`` names one commune's voter meeting while ``text`` reports meetings in several
    places. A headline naming a district ("... tiếp xúc cử tri huyện A") may cover its communes' meetings."""
    if not title or not re.search(r"cử tri", title, re.I):
        return False
    communes = {match_key(m.group("n")) for m in _COMMUNE.finditer(title) if m.group("n")[0].isupper()}
    places = extract.distinct_voter_places(text)
    return len(communes) == 1 and len(places) >= 2 and bool(places - communes)


def _session(text: str) -> str | None:
    m = _SESSION.search(text)
    if not m:
        return None
    rel = m.group("rel").lower()
    return f"{'trước' if rel == 'trước' else 'sau'} {m.group('s')[0].upper()}{m.group('s')[1:]}"


def _subject(sentences: list[str]) -> str | None:
    for sentence in sentences:
        if not re.search(r"tiếp xúc", sentence, re.I):
            continue
        m = _SUBJECT.search(sentence)
        if m and re.search(r"tiếp xúc", sentence[m.end() :], re.I):
            subject = m.group("s").strip()
            return subject[0].upper() + subject[1:]
    return None


def compose_voter_meeting_title(lead: str, opening: str, place: str | None) -> str | None:
    """A title in the voter-meeting formula from the meeting sentence ``lead`` and the article's
    opening text (``place`` is the single meeting's place, or None)."""
    session = _session(lead) or _session(opening)
    if not session and not place:
        return None
    subject = _subject([lead, *extract._split_sentences(opening)])
    parts = [f"{subject} tiếp xúc cử tri" if subject else "Tiếp xúc cử tri"]
    if session:
        parts.append(session)
    if place:
        parts.append(f"tại {place}")
    return " ".join(parts)
