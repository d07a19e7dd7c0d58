"""The place of the meeting: its venue or the commune it was held in, never the attendees' home.

Read in this order; the first rule that finds something wins, and its confidence says how direct the
statement was (a venue after "tại" in the sentence that opens the report is the most direct):

1. "tại X" in the opening (meeting) sentence, where X is not the meeting itself ("tại hội nghị"), not a
   whole province (a province is not a venue: the province field says it), and not right after the
   attendees ("doanh nghiệp tại X", "cử tri tại X" say where they live or work);
2. the voters' commune of a voter meeting: "tiếp xúc cử tri (của/tại) xã X(, huyện Y)";
3. "tại X" in the headline, same conditions;
4. the commune whose bodies the delegation "làm việc với" (a working visit is held there), or whose
   bodies organise the meeting ("Đảng ủy, UBND xã X tổ chức ...");
5. "tại X" in another sentence about the meeting (a photo caption "Quang cảnh hội nghị tại X").
"""

from __future__ import annotations

import re

from sausat.textkit.articles.gazetteer import gazetteer
from sausat.textkit.articles.province import _CENTRAL_CITIES
from sausat.textkit.normalize import match_key

_PLACE_AT = re.compile(
    r"\btại\s+(?P<p>(?:TP\.\s*)?.+?)(?=\s*[,.;:]|\s+(?:để|do|với|về|cho|nhằm|đã|diễn ra|tổ chức|dưới|trong|vào|ảnh)\s|$)",
    re.I,
)
# Not a venue: the meeting itself, a pointer ("đây", "địa phương"), several places ("tại các xã ...": the
# scope of what is discussed, one meeting has one venue) or a document ("quy định tại Điều 5, Nghị quyết ...").
_NOT_PLACE = re.compile(
    r"^(?:buổi|hội nghị|kỳ họp|cuộc|phiên|đây|đó|chỗ|địa phương|cơ sở|thời điểm|diễn đàn|hội trường$"
    r"|các|những|nhiều|một số|mỗi|từng|Điều|Khoản|Nghị quyết|Quyết định|Chỉ thị|Kết luận|Thông báo|Công văn"
    r"|Kế hoạch|Tờ trình|Nghị định|Thông tư|văn bản)\b",
    re.I,
)
# Attendees named right before "tại": the place is their home or workplace, not the meeting's.
_PEOPLE_BEFORE = re.compile(
    r"(?:doanh nghiệp|cử tri|người dân|nhân dân|hội viên|nông dân|thanh niên|đoàn viên|phụ nữ|cán bộ|công nhân"
    r"|học sinh|sinh viên|hộ dân|hộ|bà con|đồng bào)\s*$",
    re.I,
)
# Words that name a building or a connection point: whatever precedes "tại", these are venues.
_VENUE = re.compile(
    r"(?:hội trường|trụ sở|nhà văn hóa|nhà văn hoá|điểm cầu|trung tâm|khách sạn|phòng họp|nhà thiếu nhi|nhà văn)\b",
    re.I,
)
_PROVINCE_ONLY = re.compile(r"^(?:tỉnh|thành phố|tp\.?)?\s*(?P<n>[A-ZĐÀ-Ỹ][\w -]+)$", re.I)
_VOTERS_COMMUNE = re.compile(
    r"(?:(?:tiếp xúc|gặp gỡ)\s+(?:với\s+)?(?:(?:hơn|gần|khoảng|trên)\s+)?(?:\d[\d.]*\s+)?cử tri\s+(?:của\s+|tại\s+|ở\s+)?"
    r"|cử tri\s+(?:của|tại|ở)\s+)(?P<p>(?:các\s+)?(?:xã|phường|thị trấn)\s+"
    r"[A-ZĐÀ-Ỹ0-9][^,.;()]*?(?:\s*\([^)]*\))?(?:,\s*(?:huyện|thị xã|quận|thành phố)\s+[A-ZĐÀ-Ỹ][^,.;]*?)?)"
    r"(?=\s*[,.;]|\s+(?:đã|về|trước|sau|tại|vào|nhằm|để)\s|$)"
)
# Upper-case Vietnamese letters (the range À-Ỹ also holds lower-case ones such as "đ").
_UP = "[" + "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and c.isalpha()) + "0-9]"
_COMMUNE = r"(?P<p>(?:xã|phường|thị trấn)[ \t]+" + _UP + r"\w*(?:[ \t]+" + _UP + r"\w*){0,3})"
_WORKS_WITH = re.compile(r"làm việc (?:với|tại)\s+[^.;]{0,80}?" + _COMMUNE)
_ORGANISED_BY = re.compile(
    r"(?:Đảng ủy|UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân)[^.;]{0,40}?" + _COMMUNE + r"[^.;]{0,60}?tổ chức"
)
# "Đảng ủy, UBND xã tổ chức ...": the commune's own bodies hold the meeting, the commune is named elsewhere.
_COMMUNE_BODIES_UNNAMED = re.compile(
    r"(?:Đảng ủy|UBND|HĐND|Ủy ban nhân dân)(?:\s*[,-]\s*(?:Đảng ủy|UBND|HĐND|Ủy ban nhân dân|MTTQ))*\s+(?:xã|phường)"
    r"\s+(?:đã\s+)?(?:chủ động\s+)?(?:phối hợp\s+)?tổ chức"
)
_HELD_AT = re.compile(r"(?:tổ chức|diễn ra|khai mạc|được tổ chức|họp)\s+tại\b", re.I)
_MEETING_WORDS = re.compile(r"hội nghị|buổi|đối thoại|tiếp xúc|làm việc|phiên họp|diễn đàn|điểm cầu", re.I)


_CENTRAL_KEYS = {match_key(c) for c in _CENTRAL_CITIES}


def _is_province(candidate: str) -> bool:
    m = _PROVINCE_ONLY.match(candidate.strip())
    if not m:
        return False
    key = match_key(m.group("n"))
    if re.match(r"(?:thành phố|tp)\b", candidate.strip(), re.I) and key not in _CENTRAL_KEYS:
        return False  # "tại thành phố Hà Tĩnh": a provincial city is a lower unit, so a place
    g = gazetteer()
    return key in g.current_provinces or key in g.legacy_provinces


_UNIT_WORD = re.compile(
    r"^(?:xã|phường|thị trấn|thôn|ấp|bản|xóm|khóm|tổ dân phố|huyện|quận|thị xã|thành phố|tỉnh)\b", re.I
)


def _venue_after_tai(sentence: str, *, named_only: bool = False) -> str | None:
    """The first "tại X" that can be the meeting's venue. ``named_only``: X must name a place (a
    capitalised word, a building or a unit: "tại đơn vị" or "tại địa phương" name none)."""
    for m in _PLACE_AT.finditer(sentence):
        candidate = m.group("p").strip()
        words = candidate.split()
        if _NOT_PLACE.match(candidate) or not 2 <= len(words) <= 12:
            continue
        if named_only and not (
            _VENUE.match(candidate) or _UNIT_WORD.match(candidate) or any(w[0].isupper() for w in words)
        ):
            continue
        venue = _VENUE.match(candidate)
        if (_PEOPLE_BEFORE.search(sentence[: m.start()]) and not venue) or _is_province(candidate):
            continue
        return candidate
    return None


def _named(place: str) -> bool:
    """A commune's name is capitalised or a number ("xã Tân Hòa", "phường 3"); "xã đã ..." is not one."""
    words = place.split()
    rest = words[2:] if words[0].lower() == "thị" else words[1:]
    return bool(rest) and (rest[0][0].isupper() or rest[0][0].isdigit())


def meeting_place(lead: str, title: str | None, sentences: list[str]) -> tuple[str | None, str | None, float]:
    """(place, the sentence it was read from, confidence); (None, None, c) when no rule applies."""
    found = _venue_after_tai(lead)
    if found:
        return found, lead, 0.85
    for text in (title or "", lead, *sentences[:6]):
        m = _VOTERS_COMMUNE.search(text)
        if m and _named(m.group("p")):
            return m.group("p").strip(), text, 0.8
    found = _venue_after_tai(title or "")
    if found:
        return found, title, 0.7
    # The opening sentence names the day; the next one often says where: "Hội nghị được tổ chức tại X".
    for text in sentences[:6]:
        if _HELD_AT.search(text):
            found = _venue_after_tai(text, named_only=True)
            if found:
                return found, text, 0.7
    for text in (lead, *sentences[:4]):
        m = _WORKS_WITH.search(text) or _ORGANISED_BY.search(text)
        if m and _named(m.group("p")):
            return m.group("p").strip(), text, 0.65
    for text in (lead, *sentences[:4]):
        if _COMMUNE_BODIES_UNNAMED.search(text):
            named = {match_key(m.group("p")): m.group("p") for s in sentences for m in re.finditer(_COMMUNE, s)}
            named = {k: v for k, v in named.items() if _named(v)}
            if len(named) == 1:
                return next(iter(named.values())), text, 0.55
    for text in sentences[:12]:
        if _MEETING_WORDS.search(text):
            found = _venue_after_tai(text, named_only=True)
            if found:
                return found, text, 0.5
    return None, None, 0.6
