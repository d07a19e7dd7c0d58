"""Readers for counts, listed issues, directives and place (province: ``province.py``)."""

from __future__ import annotations

import re

from sausat.textkit.articles.record import Count
from sausat.textkit.normalize import match_key

_NUM = r"(?P<q>hơn|trên|gần|khoảng|có|với|gồm|ghi nhận|nhận được|tổng số|tổng cộng)?\s*(?P<n>\d{1,3}(?:[.,]\d{3})*|\d+)"
_OPINION = re.compile(
    _NUM + r"\s+(?P<noun>lượt ý kiến|lượt cử tri|lượt người|lượt|ý kiến|kiến nghị|đề xuất|câu hỏi|phản ánh|vấn đề)"
    r"(?=(?P<rest>[^\d]{0,60}))",
    re.IGNORECASE,
)
_WRITTEN = re.compile(r"phiếu|bằng văn bản|văn bản|gửi trước|qua thư|hòm thư|thư điện tử|email|trực tuyến", re.I)
_DIRECT = re.compile(r"trực tiếp|phát biểu|tại hội nghị|tại buổi|tại diễn đàn", re.I)
_TOTAL = re.compile(r"tổng số|tổng cộng|tất cả", re.I)
# "Tại buổi tiếp xúc, có 9 kiến nghị ...": the sentence places the number at the meeting itself, so these
# opinions were raised there (direct), whatever verb follows; opinions sent in advance say so (written).
_AT_MEETING = re.compile(r"(?:^|[\s,])tại (?:buổi|hội nghị|cuộc|diễn đàn|phiên)\b[^.;!?\n]*$", re.I)
_SPEECH = re.compile(r"^\W*(?:[^,.;]{0,40}?)\b(?:phản ánh|phát biểu|nêu|trao đổi|bày tỏ|kiến nghị)\b", re.I)


def opinion_counts(body: str, kind: str) -> dict[str, Count | None]:
    counts: dict[str, Count | None] = {"written": None, "direct": None, "total": None}
    for m in _OPINION.finditer(body):
        noun = m.group("noun").lower()
        rest = m.group("rest")
        if noun in ("lượt", "lượt người", "lượt cử tri") and not re.match(
            r"\s*(?:cử tri\s*)?(?:phát biểu|kiến nghị|ý kiến|đề xuất|nêu)", rest, re.I
        ):
            continue
        if noun == "vấn đề":
            continue
        value = int(re.sub(r"[.,]", "", m.group("n")))
        at_least = (m.group("q") or "").lower() in ("hơn", "trên")
        before = body[max(0, m.start() - 25) : m.start()]
        if _TOTAL.search(before + (m.group("q") or "")):
            slot = "total"
        elif _WRITTEN.search(rest):
            slot = "written"
        elif (
            _DIRECT.search(rest)
            or noun.startswith("lượt")
            or (kind == "dialogue" and _SPEECH.search(rest))
            or _AT_MEETING.search(body[max(0, m.start() - 120) : m.start()])
        ):
            slot = "direct"
        else:
            slot = "total"
        if counts[slot] is None:
            counts[slot] = Count(value, at_least)
    if counts["total"] is None and counts["written"] and counts["direct"]:
        counts["total"] = Count(
            counts["written"].value + counts["direct"].value, counts["written"].at_least or counts["direct"].at_least
        )
    return counts


_VOTER_PLACE = re.compile(
    r"cử tri\s+(?:của\s+|tại\s+|ở\s+)?(?P<u>xã|phường|thị trấn|huyện|thị xã|quận)\s+(?P<n>[A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ]\w*)*)"
)


def distinct_voter_places(text: str) -> set[str]:
    return {match_key(m.group("n")) for m in _VOTER_PLACE.finditer(text)}


_PLACE_AT = re.compile(
    r"\btại\s+(?P<p>.+?)(?=\s*[,.;:]|\s+(?:để|do|với|về|cho|nhằm|đã|diễn ra|tổ chức|dưới|trong|vào)\s|$)", re.I
)
_NOT_PLACE = re.compile(r"^(?:buổi|hội nghị|kỳ họp|cuộc|phiên|đây|đó|chỗ|địa phương|cơ sở|thời điểm)\b", re.I)
_VOTER_PLACE_FULL = re.compile(
    r"cử tri\s+(?:của\s+|tại\s+|ở\s+)(?P<p>(?:xã|phường|thị trấn)\s+[A-ZĐÀ-Ỹ][^,.;]*?(?:\s*\([^)]*\))?)(?=[,.;]|\s+(?:đã|về|trước|sau)\s|$)"
)


def place(lead: str) -> str | None:
    for m in _PLACE_AT.finditer(lead):
        candidate = m.group("p").strip()
        if _NOT_PLACE.match(candidate) or len(candidate.split()) > 12 or len(candidate.split()) < 2:
            continue
        return candidate
    m = _VOTER_PLACE_FULL.search(lead)
    if m:
        return m.group("p").strip()
    return None


_LIST_TRIGGER = re.compile(
    r"(?:vấn đề|nội dung|ý kiến|kiến nghị|đề nghị|đề xuất|phản ánh|Cụ thể)[^.:;]{0,80}?:\s*"
    r"|(?:một số|các|nhiều|những)\s+(?:vấn đề|nội dung)\s*,?\s*(?:như|về)\s+",
    re.I,
)
_STOP_CONTINUE = re.compile(
    r"đã được|được .{0,40}(?:trao đổi|làm rõ|trả lời|giải đáp|tiếp thu)|Bên cạnh đó|Sau khi|Kết thúc|Phát biểu"
    r"|Tại buổi|Các ý kiến trên|Thay mặt|Trả lời",
    re.I,
)
_ITEM_LEAD = re.compile(
    r"^(?:và\s+|cũng\s+)?(?:một số vấn đề (?:về|như)\s+|các vấn đề về\s+|về\s+|việc\s+|đề nghị\s+|quan tâm\s+)", re.I
)


def _clean_item(item: str) -> str:
    item = item.strip(" .…;,:-–*")
    item = re.sub(r"\.{2,}$|…$", "", item).strip()
    for _ in range(2):
        item = _ITEM_LEAD.sub("", item).strip()
    return item


def _split_sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ*\"“])", paragraph) if s.strip()]


def issue_groups(paragraphs: list[str]) -> list[str]:
    items: list[str] = []
    found_any = False
    for para in paragraphs:
        sentences = _split_sentences(para)
        i = 0
        while i < len(sentences):
            sentence = sentences[i]
            m = _LIST_TRIGGER.search(sentence)
            if not m or not re.search(r"ý kiến|kiến nghị|phản ánh|đề nghị|đề xuất|vấn đề|Cụ thể", sentence, re.I):
                if found_any:
                    extra = re.search(
                        r"(?:^|\s)(?:vấn đề như|phản ánh tình trạng|phản ánh việc)\s+(?P<x>.+)$", sentence, re.I
                    )
                    if extra:
                        items.append(_clean_item(extra.group("x")))
                i += 1
                continue
            found_any = True
            chunk = sentence[m.end() :]
            j = i + 1
            while j < len(sentences) and j <= i + 2 and not _STOP_CONTINUE.search(sentences[j]):
                if len(sentences[j].split()) > 45:
                    break
                chunk += " ; " + sentences[j]
                j += 1
            for part in re.split(r"\s*;\s*", chunk):
                part = _clean_item(part)
                if len(part.split()) >= 2:
                    items.append(part)
            i = j
    return items


_LEADER_VERB = re.compile(r"\b(?:đề nghị|dề nghị|yêu cầu|chỉ đạo|giao|lưu ý|đề ra)\b", re.I)
_LEADER_SUBJECT = re.compile(r"đồng chí|\bông\b|\bbà\b|Bí thư|Chủ tịch|lãnh đạo|Trưởng|Giám đốc|Thường trực", re.I)
_NOT_LEADER = re.compile(r"cử tri|người dân|doanh nghiệp|nhân dân|ý kiến", re.I)
_NOMINAL_BEFORE = re.compile(r"(?:lãnh đạo,?|sự|việc|công tác|theo|phát biểu|kết luận|được|của|và)\s*$", re.I)
_HANDLING = re.compile(r"\bsẽ\s+(?:có\s+)?(?:tổng hợp|chuyển|trả lời|giải quyết|xem xét,? giải quyết|báo cáo)", re.I)
_HANDLING_START = re.compile(r"(?:Đối với|những|các)\s+(?:ý kiến|kiến nghị|vấn đề)", re.I)


def directives(paragraphs: list[str], exclude: list[str]) -> list[str]:
    out: list[str] = []
    for para in paragraphs:
        for sentence in _split_sentences(para):
            if any(x and x[:30] in sentence for x in exclude):
                continue
            h = _HANDLING.search(sentence)
            if h and re.search(r"ý kiến|kiến nghị|vấn đề", sentence, re.I):
                starts = [m.start() for m in _HANDLING_START.finditer(sentence) if m.start() < h.start()]
                out.append(sentence[starts[-1] if starts else 0 :].strip(" ."))
                continue
            v = _LEADER_VERB.search(sentence)
            if v and not _NOMINAL_BEFORE.search(sentence[: v.start()]):
                subject = sentence[: v.start()]
                if _LEADER_SUBJECT.search(subject) and not _NOT_LEADER.search(subject[-40:]):
                    out.append(sentence[v.start() :].strip(" ."))
    return out
