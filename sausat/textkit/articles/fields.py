"""Field readers for news articles: header lines, dates, kind, counts, listed issues, directives."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from sausat.textkit.normalize import search_key

# Lines after which a news page is navigation, comments or footer, not the article.
_FOOTER = re.compile(
    r"^(?:Lượt người xem|Tin liên quan|Các tin khác|Tin cùng chuyên mục|Bình luận|Chịu trách nhiệm|Ghi rõ nguồn"
    r"|Bản quyền|Copyright|Manage Permissions|Version History)|Các ý kiến của bạn đọc",
    re.IGNORECASE,
)
_NAV = re.compile(r"^(?:Skip |Trang chủ|Tin tức và sự kiện$|Menu$)", re.IGNORECASE)
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_HEADER_DATE_LINE = re.compile(
    r"(?:cập nhật|ngày đăng|đăng ngày|xuất bản|thứ\s*\w+\s*,|^\s*date\b|^\s*\d{1,2}:\d{2}|\d{4}\s*[|,]?\s*\d{1,2}:\d{2}"
    r"|\d{4}\s*\||^\s*\(?\d{1,2}/\d{1,2}/\d{4}\)?\s*$)",
    re.IGNORECASE,
)
# A meeting day: "Sáng ngày 27/4", "chiều 1-7", "Ngày 24/2", "diễn ra ngày 25/11", with an optional year.
_MEETING_DAY = re.compile(
    r"\b(?P<lead>sáng|chiều|trưa|tối|ngày)\s+(?:(?:hôm\s+)?nay\s*\()?(?:ngày\s+)?"
    r"(?P<d>\d{1,2})\s*(?P<sep>[/-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d/-])((?:19|20)\d{2})(?![\d/-])")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}")


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def content_lines(text: str) -> list[str]:
    """The article's lines, navigation dropped and cut at the first footer line."""
    lines = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _FOOTER.search(line):
            head = _FOOTER.split(line)[0].strip()
            if head and not _FOOTER.match(line):
                lines.append(head)
            break
        if _NAV.match(line):
            continue
        lines.append(line)
    return lines


def is_header_date_line(line: str) -> bool:
    return (
        len(line.split()) <= 16
        and bool(_FULL_DATE.search(line) or _ISO_DATE.search(line))
        and bool(_HEADER_DATE_LINE.search(line))
    )


def publish_date(lines: list[str]) -> dt.date | None:
    """The publication date: a short dated header line near the top ("[ Cập nhật vào ngày (27/04/2021) ]")."""
    for line in lines[:12]:
        lead = _LEADING_DATE.match(line)
        if lead:
            m = _ISO_DATE.search(lead.group(0))
            return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if not is_header_date_line(line):
            continue
        m = _ISO_DATE.search(line)
        if m:
            return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _FULL_DATE.search(line)
        if m:
            return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


_LEADING_DATE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*", re.IGNORECASE)
_DATELINE = re.compile(r"^\s*\((?:[A-ZĐ]{1,6})(?:\s*[-–]\s*[A-ZĐ]{1,6})?\)\s*[-–]?\s*")


def strip_header_prefix(line: str) -> str:
    return _LEADING_DATE.sub("", line)


# A short line naming a meeting ("Tiếp xúc cử tri", "Hội nghị Ban Thường vụ") is a headline; a category
# label names a section of the site ("Chính trị", "Tin trong tỉnh", "Hoạt động đại biểu"), not an event.
_EVENT_WORDS = re.compile(r"\b(?:tiep xuc|doi thoai|hoi nghi|hop|lam viec|so ket|tong ket|giao ban|gap mat|gap go)\b")


def title(lines: list[str], exclude: tuple[str, ...] = ()) -> str | None:
    """The headline: a title-like line before the body starts, skipping category labels.

    Only a line of the stored text is a headline; none is ever composed (``../shared/dev-data/README.md``:
    a title only where the excerpt contains one). The longest line of ≥ 6 words wins (category labels
    above the headline are shorter); without one, the first short line that names a meeting."""
    candidates = []
    for line in lines[:8]:
        line = strip_header_prefix(line)
        words = line.split()
        if is_header_date_line(line) or not words:
            continue
        body_like = len(words) > 45 or (len(words) > 25 and line.rstrip().endswith(".")) or _DATELINE.match(line)
        if body_like or _MEETING_DAY.match(line):
            break
        if "|" in line or line.lower().endswith((".jpg", ".png")) or line.strip() in exclude:
            continue
        candidates.append(line.strip())
    long_ones = [c for c in candidates if len(c.split()) >= 6]
    if long_ones:
        return max(long_ones, key=lambda c: len(c.split()))
    short = [
        c for c in candidates if 2 <= len(c.split()) < 6 and not c.endswith(".") and _EVENT_WORDS.search(search_key(c))
    ]
    return short[0] if short else None


_MEETING_DAY_WORDS = re.compile(
    r"\b(?P<lead>sáng|chiều|trưa|tối|ngày)\s+(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"(?:\s+năm\s+(?P<y>(?:19|20)\d{2}))?",
    re.IGNORECASE,
)


def meeting_day_matches(body: str) -> list[re.Match]:
    """Meeting-day phrases in order: "Sáng 27/4", "chiều 1-7", "ngày 15 tháng 3 năm 2022"."""
    found = [*_MEETING_DAY.finditer(body), *_MEETING_DAY_WORDS.finditer(body)]
    return sorted(found, key=lambda m: m.start())


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left:right]


def text_years(text: str) -> Counter:
    """Years written in the text, not counting ranges such as "nhiệm kỳ 2021-2026"."""
    cleaned = _YEAR_RANGE.sub(" ", text)
    years: Counter = Counter()
    for m in _FULL_DATE.finditer(cleaned):
        years[int(m.group(3))] += 1
    for m in _YEAR.finditer(_FULL_DATE.sub(" ", cleaned)):
        years[int(m.group(1))] += 1
    return years


def meeting_date(body: str, published: dt.date | None) -> dt.date | None:
    """The meeting day; a day without a year takes the publication year, else a year the text states."""
    matches = meeting_day_matches(body)
    if not matches:
        return None
    m = matches[0]
    day, month = int(m.group("d")), int(m.group("m"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if m.group("y"):
        return _date(int(m.group("y")), month, day)
    if published is not None:
        found = _date(published.year, month, day)
        if found and found > published + dt.timedelta(days=60):
            found = _date(published.year - 1, month, day)
        return found
    sentence_years = text_years(_sentence_around(body, m.start(), m.end()))
    if len(sentence_years) == 1:
        return _date(next(iter(sentence_years)), month, day)
    years = text_years(body).most_common()
    if years and (len(years) == 1 or years[0][1] > years[1][1]):
        return _date(years[0][0], month, day)
    return None


# Kind keywords, checked on accent-free text; the first hit in the headline, then in the lead, decides.
_KIND_PATTERNS = [
    ("voter_meeting", r"tiep xuc cu tri|\btxct\b|tiep xuc voi cu tri|gap go cu tri"),
    ("dialogue", r"doi thoai"),
    (
        "review_conference",
        r"\bso ket\b|\btong ket\b|danh gia tinh hinh|hoi nghi (?:lan thu \w+ )?ban chap hanh|trien khai nhiem vu"
        r"|giao ban",
    ),
    ("working_session", r"buoi lam viec|lam viec (?:voi|tai|dinh ky)|\bđoan cong tac\b|doan cong tac"),
    ("other", r"\bhop\b|phien hop|hoi nghi"),
]


def kind(headline: str | None, lead: str) -> str:
    for text in (headline or "", lead):
        key = search_key(text)
        hits = []
        for name, pattern in _KIND_PATTERNS:
            m = re.search(pattern, key)
            if m and name != "other":
                hits.append((m.start(), name))
        if hits:
            return min(hits)[1]
    return "other"
