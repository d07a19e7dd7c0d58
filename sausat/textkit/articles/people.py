"""Named persons and their titles in Vietnamese news text (no database).

A sentence is cut into segments at ",", ";", ":", " và " and "- " (after a name). Each segment is
a name (optionally after an honorific such as "ông", "đồng chí", or a rank such as "Đại tá"),
titles followed by a name ("Bí thư Tỉnh ủy Phan Văn Mãi"), titles alone, or something else.
Titles between two names go to the earlier name, except after a strong break (";", "và") when the
next name carries its own titles in front ("...; Phó Bí thư Thành ủy, Chủ tịch UBND thành phố Lê
Trung Chinh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sausat.textkit.normalize import match_key

SURNAMES = {
    match_key(s)
    for s in [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đồng",
        "Mai",
        "Cao",
        "Quách",
        "Thái",
        "Tô",
        "Lương",
        "Đinh",
        "Trương",
        "Lâm",
        "Hà",
        "Tạ",
        "Châu",
        "Đoàn",
        "Trịnh",
        "Đào",
        "Lại",
        "Kiều",
        "Triệu",
        "La",
        "Mạc",
        "Lò",
        "Vi",
        "Hứa",
        "Chu",
        "Tăng",
        "Thạch",
        "Danh",
        "Kim",
        "Âu",
        "Từ",
        "Khổng",
        "Giang",
        "Nông",
        "Lưu",
        "Phùng",
        "Quan",
        "Tiêu",
        "Diệp",
        "Bế",
        "Mẫn",
        "Đàm",
        "Thân",
        "Khúc",
        "Nghiêm",
        "Tôn",
        "Doãn",
        "Lạc",
        "Lục",
        "Hầu",
        "Ứng",
        "Vương",
        "Viên",
        "Trình",
        "Quang",
        "Mã",
        "Lữ",
        "Phí",
        "Đậu",
        "Bạch",
        "Cù",
        "Hàn",
        "Hoa",
        "Kha",
        "Lăng",
        "Tống",
        "Ksor",
        "Siu",
        # Common surnames of the northern mountain peoples (Hmông, Thái, Tày, Dao, ...) and others.
        "Giàng",
        "Vàng",
        "Sùng",
        "Thào",
        "Lầu",
        "Tòng",
        "Cầm",
        "Lường",
        "Quàng",
        "Sầm",
        "Điêu",
        "Khuất",
        "Nịnh",
        "Bàn",
        "Khương",
        "Thiều",
        "Chau",
        "Rơ",
        "Lã",
        # Ê Đê and Jrai men's names open with "Y" ("Y Bhin Niê"): a one-letter first syllable.
        "Y",
    ]
}
HONORIFICS = ("các đồng chí", "đồng chí", "đ/c", "ông", "bà", "anh", "chị")
RANKS = (
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "ĐBQH",
    "PGS.TS",
    "GS.TS",
    "TS",
    "ThS",
    "Bác sĩ",
    "Luật sư",
)
TITLE_HEADS = (
    "Phó",
    "Chủ tịch",
    "Bí thư",
    "Ủy viên",
    "Tỉnh ủy viên",
    "Thành ủy viên",
    "Huyện ủy viên",
    "TUV",
    "HUV",
    "Trưởng",
    "Giám đốc",
    "Chánh",
    "Tổng",
    "Thứ trưởng",
    "Bộ trưởng",
    "Chỉ huy trưởng",
    "Chính ủy",
    "Tư lệnh",
    "Viện trưởng",
    "Hiệu trưởng",
    "Thủ tướng",
    "Chủ nhiệm",
    "Đại biểu",
    "Thành viên",
    "Người phát ngôn",
    "Kiểm sát viên",
    "Thẩm phán",
    "Bí thư",
    *RANKS,
)
_TITLE_HEADS_KEYS = sorted({match_key(t) for t in TITLE_HEADS}, key=len, reverse=True)
# Where a title stops and the sentence goes on.
_TITLE_END = re.compile(
    r"\s+(?:đã|đang|sẽ|vừa|đồng chủ trì|chủ trì|dẫn đầu|phát biểu|cho biết|tại|trao|báo cáo|tiếp xúc|nhấn mạnh"
    r"|cùng|có|làm việc|thay mặt|khẳng định|đề nghị|yêu cầu|ghi nhận|gặp gỡ|đối thoại|kiểm tra|dự|tham dự|về dự"
    r"|gồm|chúc mừng|trả lời|kết luận|chỉ đạo|thăm|tặng|đánh giá|giải trình|tiếp thu|trình bày|lưu ý|bày tỏ)\b.*$",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|xã|phường|đường|phố|trường|cầu|khu|hồ|sông|núi|giải"
    r"|tuyến|ấp|thôn|bản|làng|cụm|chợ|bến|cảng|đảo|đèo|quảng trường|nhà văn hóa|công viên|lăng|đặc khu)\s*$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"(\s*;\s*|\s*:\s*|\s*,\s*|\s+và\s+|\s*[-–]\s+|\s+[-–]\s*)")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Person:
    name: str
    titles: list[str] = field(default_factory=list)

    def key(self) -> str:
        return match_key(self.name)


@dataclass
class _Seg:
    kind: str  # "name" | "title" | "other"
    text: str = ""
    name: str = ""
    prefix_title: str = ""
    opens: bool = True  # name-first: following titles attach to it
    strong_before: bool = False
    junk_after: bool = False


def _is_name_syllable(tok: str) -> bool:
    # "A" is a one-letter middle name of many Hmông men ("Giàng A Chớ"); no other single letter is a syllable.
    return (len(tok) >= 2 and tok[0].isupper() and tok[1:].islower() and tok.isalpha()) or tok in ("A", "Y")


def _is_place(words: list[str], wards: bool = True) -> bool:
    from sausat.textkit.articles.gazetteer import gazetteer

    g = gazetteer()
    key = match_key(" ".join(words))
    return (
        key in g.legacy_provinces
        or key in g.current_provinces
        or key in g.legacy_districts
        or (wards and (key in g.legacy_wards or key in g.current_wards))
    )


def find_name(segment: str) -> tuple[int, int, str] | None:
    """The first person name in ``segment``: (start, end, name) or None."""
    tokens = list(_WORD.finditer(segment))
    i = 0
    while i < len(tokens):
        if not _is_name_syllable(tokens[i].group(0)):
            i += 1
            continue
        j = i
        while (
            j < len(tokens)
            and _is_name_syllable(tokens[j].group(0))
            and segment[tokens[j - 1].end() : tokens[j].start()] in ("", " ")
            if j > i
            else j < len(tokens) and _is_name_syllable(tokens[j].group(0))
        ):
            j += 1
        run = tokens[i:j]
        words_all = [t.group(0) for t in run]
        after_place_word = bool(_PLACE_BEFORE.search(segment[: run[0].start()]))
        skip = 0
        if after_place_word:
            # "tỉnh Tây Ninh Nguyễn Thanh Ngọc": drop the place; "xã Lý Trạch" is only a place.
            for k in range(len(words_all), 0, -1):
                if _is_place(words_all[:k]):
                    skip = k
                    break
            if skip == 0 and len(words_all) < 3:
                skip = len(words_all)
        for start in range(skip, len(run)):
            words = words_all[start:]
            if len(words) < 2:
                break
            if match_key(words[0]) not in SURNAMES or len(words) > (5 if words[0] == "Y" else 4):
                continue
            if start == 0 and _is_place(words, wards=False):
                break
            return run[start].start(), run[-1].end(), " ".join(words)
        i = j
    return None


def _title_part(text: str) -> str:
    """The title phrase inside ``text`` (from the first title word), or ""."""
    key = match_key(text)
    best = None
    for head in _TITLE_HEADS_KEYS:
        for m in re.finditer(r"(?:^|(?<=\s))" + re.escape(head) + r"(?=\s|$|\.)", key):
            if not text[m.start()].isupper():
                continue
            if best is None or m.start() < best:
                best = m.start()
            break
    if best is None:
        return ""
    title = text[best:]
    title = _TITLE_END.sub("", title).strip(" .,;:-–()")
    return title


def _classify(text: str) -> _Seg:
    words = text.split()
    if (
        2 <= len(words) <= 4
        and words[0].islower()
        and match_key(words[0]) in SURNAMES
        and all(_is_name_syllable(w) for w in words[1:])
    ):
        text = words[0].capitalize() + text[len(words[0]) :]
    found = find_name(text)
    if found:
        start, end, name = found
        before, after = text[:start].strip(), text[end:].strip()
        low = match_key(before)
        cued = not before or any(low.endswith(match_key(h)) for h in HONORIFICS) or bool(_title_part(before))
        if len(name.split()) == 2 and not cued and any(before.endswith(r) for r in RANKS) is False:
            return _Seg(kind="other", text=text)
        seg = _Seg(kind="name", text=text, name=name)
        seg.junk_after = bool(after) and not after.startswith("(")
        if not before or any(low.endswith(match_key(h)) for h in HONORIFICS):
            seg.opens = True
        elif any(before.endswith(r) for r in RANKS):
            rank = next(r for r in RANKS if before.endswith(r))
            seg.prefix_title, seg.opens = rank, True
        else:
            title = _title_part(before)
            if title:
                seg.prefix_title, seg.opens = title, False
            else:
                seg.opens = True
        return seg
    title = _title_part(text)
    if title:
        return _Seg(
            kind="title", text=title, junk_after=_TITLE_END.search(" " + text[text.find(title[:3]) :]) is not None
        )
    return _Seg(kind="other", text=text)


def persons_in(sentence: str) -> list[Person]:
    """Persons named in one sentence, with their titles in the order written."""
    sentence = re.sub(r"\([^)]{0,40}\)", " ", sentence)
    parts = _SPLIT.split(sentence)
    segs: list[_Seg] = []
    strong = True
    for idx, part in enumerate(parts):
        if idx % 2 == 1:
            if part.strip() in (";", ":") or part.strip() == "và":
                strong = True
            continue
        if not part.strip():
            continue
        seg = _classify(part.strip())
        seg.strong_before = strong
        strong = seg.kind == "other" or seg.junk_after
        segs.append(seg)
    people: list[Person] = []
    pending: list[tuple[str, bool]] = []  # (title, strong break before it)
    current: Person | None = None
    current_opens = False

    def close() -> None:
        nonlocal pending, current_opens
        if current is not None and current_opens:
            current.titles.extend(t for t, _b in pending if t)
            pending = []
        pending.append(("", True))
        current_opens = False

    for seg in segs:
        if seg.kind == "title":
            pending.append((seg.text, seg.strong_before))
            if seg.junk_after:
                close()
        elif seg.kind == "other":
            close()
        else:
            person = Person(name=seg.name)
            if not seg.opens:
                # Titles since the last strong break belong to this name (or all, if the previous one closed).
                cut = 0
                for k, (_t, brk) in enumerate(pending):
                    if brk:
                        cut = k
                if seg.strong_before:
                    cut = len(pending)
                mine = [t for t, _b in pending[cut:] if t]
                rest = [t for t, _b in pending[:cut] if t]
                if current is not None and current_opens:
                    current.titles.extend(rest)
                person.titles.extend([*mine, seg.prefix_title])
            else:
                if current is not None and current_opens:
                    current.titles.extend(t for t, _b in pending if t)
                elif pending and not seg.strong_before:
                    cut = 0
                    for k, (_t, brk) in enumerate(pending):
                        if brk:
                            cut = k
                    person.titles.extend(t for t, _b in pending[cut:] if t)
                if seg.prefix_title:
                    person.titles.append(seg.prefix_title)
            pending = []
            current, current_opens = person, seg.opens
            people.append(person)
            if seg.junk_after:
                close()
    if current is not None and current_opens:
        current.titles.extend(t for t, _b in pending if t)
    for p in people:
        seen, titles = set(), []
        for t in p.titles:
            if t and match_key(t) not in seen:
                seen.add(match_key(t))
                titles.append(t)
        p.titles = titles
    return people
