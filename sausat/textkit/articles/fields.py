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


# A dateline on a line of its own, "Hải Phòng, ngày 16 tháng 09 năm 2019": where and when the piece was
# written (publication), not the meeting.
_DATELINE_WORDS = re.compile(
    r"^\s*[A-ZĐÀ-Ỹ][\w .-]{1,40},\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})\s*\.?\s*$"
)


def is_header_date_line(line: str) -> bool:
    if _DATELINE_WORDS.match(line):
        return True
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
            if m is None:  # "date 2021-12": a month, not a day
                return None
            return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if not is_header_date_line(line):
            continue
        words = _DATELINE_WORDS.match(line)
        if words:
            return _date(int(words.group("y")), int(words.group("m")), int(words.group("d")))
        m = _ISO_DATE.search(line)
        if m:
            return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _FULL_DATE.search(line)
        if m:
            return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


_LEADING_DATE = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?(?!\d)\s*", re.IGNORECASE)


def publish_month(lines: list[str]) -> dt.date | None:
    """The last day of a header's month when it gives no day ("date 2021-12"): enough to read the year of
    a meeting day written without one."""
    for line in lines[:3]:
        m = re.match(r"^\s*date\s+(\d{4})-(\d{2})(?![-\d])", line, re.IGNORECASE)
        if m and 1 <= int(m.group(2)) <= 12:
            y, mo = int(m.group(1)), int(m.group(2))
            return (dt.date(y + mo // 12, mo % 12 + 1, 1)) - dt.timedelta(days=1)
    return None


_DATELINE = re.compile(r"^\s*\((?:[A-ZĐ]{1,6})(?:\s*[-–]\s*[A-ZĐ]{1,6})?\)\s*[-–]?\s*")


def strip_header_prefix(line: str) -> str:
    return _LEADING_DATE.sub("", line)


# A short line naming a meeting ("Tiếp xúc cử tri", "Hội nghị Ban Thường vụ") is a headline; a category
# label names a section of the site ("Chính trị", "Tin trong tỉnh", "Hoạt động đại biểu"), not an event.
_EVENT_WORDS = re.compile(r"\b(?:tiep xuc|doi thoai|hoi nghi|hop|lam viec|so ket|tong ket|giao ban|gap mat|gap go)\b")


# A photo caption, not a headline: a view of the hall, or a person shown speaking ("Đồng chí A, Bí thư
# Tỉnh ủy phát biểu tại hội nghị"), or a credit "(Ảnh: ...)".
_CAPTION = re.compile(
    r"^(?:Quang cảnh|Toàn cảnh|Ảnh:)|\bẢnh\s*:|^(?:Đồng chí|Ông|Bà)\s+[A-ZĐ][^.]*\bphát biểu(?: [^.]{0,40})?\.?$"
)


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
        if "|" in line or line.lower().endswith((".jpg", ".png")) or line.strip() in exclude or _CAPTION.search(line):
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


# The date of a document ("Quy định số 11-QĐi/TW ngày 18/2/2019", "Nghị quyết ... ngày 5/3/2024") is not a
# meeting day: a document's number or kind stands right before it.
_DOCUMENT_BEFORE = re.compile(
    r"(?:\d+[-/][A-ZĐ][\w-]*(?:/[A-ZĐ][\w-]*)*|(?:Nghị quyết|Quyết định|Chỉ thị|Kết luận|Quy định|"
    r"Thông báo|Kế hoạch|Công văn|Thông tư|Nghị định|Luật)(?:\s+số)?)\s*,?\s*$"
)


def meeting_day_matches(body: str) -> list[re.Match]:
    """Meeting-day phrases in order: "Sáng 27/4", "chiều 1-7", "ngày 15 tháng 3 năm 2022"."""
    found = [*_MEETING_DAY.finditer(body), *_MEETING_DAY_WORDS.finditer(body)]
    found = [m for m in found if not _DOCUMENT_BEFORE.search(body[max(0, m.start() - 40) : m.start()])]
    return sorted(found, key=lambda m: m.start())


_ABBREVIATION = re.compile(r"(?:^|\W)(?:TP|Tp|TS|BS|ThS|GS|PGS|TT)$")


def _sentence_end(text: str, start: int) -> int:
    """The next ". " at or after ``start`` that ends a sentence ("TP. Hà Tĩnh" does not), or -1."""
    i = text.find(". ", start)
    while i != -1 and _ABBREVIATION.search(text[max(0, i - 4) : i]):
        i = text.find(". ", i + 1)
    return i


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (_sentence_end(text, end), text.find("\n", end)) if i != -1]
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


MAX_REPORT_DELAY_DAYS = 60


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
        # News reports a meeting within days. A day and month long before the publication date ("Sáng
        # 8/5" in a piece dated 16/9) may be of any year: the year cannot be read from the text.
        if found and found < published - dt.timedelta(days=MAX_REPORT_DELAY_DAYS):
            return None
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
        r"|giao ban|hoi nghi (?:rut kinh nghiem|danh gia|kiem diem)",
    ),
    ("working_session", r"buoi lam viec|lam viec (?:voi|tai|dinh ky)|\bđoan cong tac\b|doan cong tac"),
    ("other", r"\bhop\b|phien hop|hoi nghi"),
]


# A headline that names the event a sitting ("họp phiên thường kỳ", "phiên họp", "kỳ họp") decides "other":
# the lead then describes its agenda ("dự thảo báo cáo đánh giá tình hình ..."), not another kind of event.
_SITTING = re.compile(r"\bhop phien\b|\bphien hop\b|\bky hop\b")


def kind(headline: str | None, lead: str) -> str:
    for text in (headline or "", lead):
        if (
            text is headline
            and _SITTING.search(search_key(text))
            and not any(re.search(p, search_key(text)) for n, p in _KIND_PATTERNS if n != "other")
        ):
            return "other"
        key = search_key(text)
        hits = []
        for name, pattern in _KIND_PATTERNS:
            m = re.search(pattern, key)
            if m and name != "other":
                hits.append((m.start(), name))
        if hits:
            return min(hits)[1]
    return "other"
