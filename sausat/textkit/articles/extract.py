"""Readers for counts, listed issues and directives (place: ``place.py``; province: ``province.py``)."""

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
# Written opinions were sent in before the meeting: by form or letter, or compiled ("được tổng hợp") or
# received ("nhận được", "tiếp nhận") by the organisers; direct ones were raised at it (spoken, "ý kiến
# đối thoại", "chất vấn"). The verb and the time phrase around the number tell which, never a sum.
_WRITTEN = re.compile(
    r"phiếu|bằng văn bản|văn bản|gửi trước|qua thư|hòm thư|thư điện tử|email|trực tuyến|(?:được|đã) tổng hợp"
    r"|trước (?:hội nghị|buổi|diễn đàn)",
    re.I,
)
_RECEIVED_BEFORE = re.compile(
    r"(?:nhận được|tiếp nhận|tổng hợp(?: được)?|thu thập(?: được)?)\s*(?:tổng cộng\s*)?$", re.I
)
# "Trước hội nghị, ... N câu hỏi": the time phrase of the sentence puts the opinions before the meeting.
_BEFORE_MEETING = re.compile(
    r"(?:^|[\s,])(?:Trước|trước khi diễn ra)\s+(?:hội nghị|buổi|diễn đàn|kỳ họp)\b[^.;!?\n]*$", re.I
)
_DIRECT = re.compile(r"trực tiếp|phát biểu|tại hội nghị|tại buổi|tại diễn đàn|^\s*đối thoại|chất vấn", re.I)
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
        elif _WRITTEN.search(rest) or (
            (
                _RECEIVED_BEFORE.search(before)
                or _RECEIVED_BEFORE.search(before + " " + (m.group("q") or ""))
                or _BEFORE_MEETING.search(body[max(0, m.start() - 120) : m.start()])
            )
            and not re.search(r"trực tiếp|phát biểu", rest, re.I)
        ):
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
    # No sum: a total is a number the text states (dev-data README: what the text states, null otherwise).
    return counts


_VOTER_PLACE = re.compile(
    r"cử tri\s+(?:của\s+|tại\s+|ở\s+)?(?P<u>xã|phường|thị trấn|huyện|thị xã|quận)\s+(?P<n>[A-ZĐÀ-Ỹ]\w*(?:[ \t]+[A-ZĐÀ-Ỹ]\w*)*)"
)


def distinct_voter_places(text: str) -> set[str]:
    return {match_key(m.group("n")) for m in _VOTER_PLACE.finditer(text)}


# The meeting's place is read by articles/place.py.


_LIST_TRIGGER = re.compile(
    r"(?:vấn đề|nội dung|ý kiến|kiến nghị|đề nghị|đề xuất|phản ánh|Cụ thể)[^.:;]{0,80}?:\s*"
    r"|(?:một số|các|nhiều|những)\s+(?:vấn đề|nội dung)\s*,?\s*(?:như|về)\s+"
    # "nhiều kiến nghị như A, B", "các ý kiến gồm A; B": a noun of concern, then "như"/"gồm" opens the list
    r"|(?:một số|các|nhiều|những)\s+(?:ý kiến|kiến nghị|khó khăn|vướng mắc|câu hỏi|lĩnh vực|nhóm vấn đề)"
    r"(?:\s*,\s*(?:kiến nghị|đề xuất|vướng mắc|khó khăn))?\s*,?\s*(?:như|bao gồm|gồm)\s+"
    r"|(?:vấn đề|nội dung|ý kiến|kiến nghị)[^.:;]{0,60}?\s(?:bao gồm|gồm)\s+"
    r"|(?:tập trung (?:vào|ở|về)|xoay quanh|đề cập (?:đến|tới)|chủ yếu (?:về|là))\s+(?:(?:các|những|một số)\s+)?(?:(?:nhóm vấn đề|vấn đề|lĩnh vực|nội dung)\s*)?"
    r"(?:(?:như|về|liên quan đến)\s*)?:?\s*",
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
        shorter = _ITEM_LEAD.sub("", item).strip()
        # "việc làm" is a noun (jobs), not "việc" + an item: a lead word goes only when a phrase remains.
        if len(shorter.split()) < 2 and len(item.split()) <= 2:
            break
        item = shorter
    return item


# "TP. Hà Tĩnh", "TS. Nguyễn ...": an abbreviation's period does not end the sentence.
_ABBREVIATION_END = r"(?<!\bTP\.)(?<!\bTp\.)(?<!\bTS\.)(?<!\bBS\.)(?<!\bThS\.)(?<!\bGS\.)(?<!\bPGS\.)(?<!\bTT\.)"


def _split_sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?…])" + _ABBREVIATION_END + r"\s+(?=[A-ZĐÀ-Ỹ*\"“])", paragraph) if s.strip()]


_LIST_MARKER = re.compile(r"^\s*(?:[-–+•*●▪]|\d{1,2}[.)]|[a-zđ][.)])\s*")


def _marked_items(paragraphs: list[str], start: int) -> tuple[list[str], int]:
    """Items written one per line with a list marker ("- ...", "+ ...", "1. ...", "a) ...") from
    ``paragraphs[start]`` on; returns them and the index of the first line that is not one."""
    items: list[str] = []
    k = start
    while k < len(paragraphs) and _LIST_MARKER.match(paragraphs[k]) and len(paragraphs[k].split()) <= 60:
        item = _clean_item(_LIST_MARKER.sub("", paragraphs[k], count=1))
        if len(item.split()) >= 2:
            items.append(item)
        k += 1
    return items, k


def _chunk_items(chunk: str, first_sentence: str) -> list[str]:
    """Items of the list after a trigger. ";" separates items whose own wording has commas; a list in one
    sentence without any ";" ("các vấn đề như: A, B, C") is a comma list."""
    if ";" not in first_sentence and first_sentence.count(",") >= 1 and " ; " not in chunk:
        return _split_list(first_sentence.strip(" ."), commas=True)
    return [c for c in (_clean_item(p) for p in re.split(r"\s*;\s*", chunk)) if len(c.split()) >= 2]


def issue_groups(paragraphs: list[str]) -> list[str]:
    items: list[str] = []
    found_any = False
    p = 0
    while p < len(paragraphs):
        sentences = _split_sentences(paragraphs[p])
        p += 1
        i = 0
        while i < len(sentences):
            sentence = sentences[i]
            m = _LIST_TRIGGER.search(sentence)
            if not m or not re.search(
                r"ý kiến|kiến nghị|phản ánh|đề nghị|đề xuất|vấn đề|Cụ thể|nội dung|câu hỏi|băn khoăn|vướng mắc|khó khăn",
                sentence,
                re.I,
            ):
                related = related_items(sentence) or audience_requests(sentence)
                if related:
                    found_any = True
                    items.extend(related)
                elif found_any:
                    extra = re.search(
                        r"(?:^|\s)(?:vấn đề như|phản ánh tình trạng|phản ánh việc)\s+(?P<x>.+)$", sentence, re.I
                    )
                    if extra:
                        items.append(_clean_item(extra.group("x")))
                i += 1
                continue
            if _is_instruction(sentence[: m.end()]):
                i += 1  # "Bí thư đề nghị các cấp ủy tập trung: A; B": the leader's list is directives
                continue
            found_any = True
            items.extend(related_items(sentence[: m.start()]))
            chunk = sentence[m.end() :]
            if not chunk.strip() and i == len(sentences) - 1:
                # "Cử tri kiến nghị các nội dung sau:" and the items on the following lines, one per line.
                marked, p = _marked_items(paragraphs, p)
                items.extend(marked)
                break
            j = i + 1
            while j < len(sentences) and j <= i + 2 and not _STOP_CONTINUE.search(sentences[j]):
                if len(sentences[j].split()) > 45:
                    break
                chunk += " ; " + sentences[j]
                j += 1
            items.extend(_chunk_items(chunk, sentence[m.end() :]))
            i = j
    return items


# Where an article lists no opinions after a colon, it often names what they were about: "nhiều câu hỏi
# liên quan đến A, B", "Nhiều vấn đề liên quan đến A đã được giải đáp". The phrase after "liên quan
# (trực tiếp) đến" runs to the next clause ("đặc biệt là", "tập trung", a colon, "đã/được ...").
_RELATED = re.compile(
    r"liên quan(?: trực tiếp)? (?:đến|tới)\s+(?P<x>.+?)(?=,\s*(?:đặc biệt|nhất là|tập trung|trong đó|như)\b|:|;"
    r"|\s(?:đã|được|cũng|sẽ)\s|[.…]|$)",
    re.I,
)
_OPINION_WORD = re.compile(r"câu hỏi|ý kiến|kiến nghị|vấn đề|đề xuất|phản ánh|đề nghị|băn khoăn|vướng mắc", re.I)
# A working session or review conference has no opinions to list: its issues are the agenda its opening
# sentences state ("... để đánh giá A và B", "làm việc với X về A; việc B", "Hội nghị nghe ... trình bày
# A; B; C"). The verb that introduces the agenda is not part of an item.
_AGENDA = re.compile(
    r"\b(?:nhằm|để)\s+(?:đánh giá|rà soát|bàn|thảo luận|cho ý kiến(?: vào| về)?|xem xét|kiểm điểm)\s+(?P<x>.+)"
    r"|(?:làm việc|họp|hội nghị|giao ban|buổi làm việc)\b[^;:]{0,160}?\svề\s+(?P<y>.+)"
    r"|\bnghe\s+[^.;:]{0,60}?(?:báo cáo|trình bày|thông qua)\s+(?P<z>.+)",
    re.I,
)
AGENDA_KINDS = ("working_session", "review_conference", "other")


def _split_list(chunk: str, *, commas: bool) -> list[str]:
    """Items of an enumeration: ";" separates items whose own wording has commas; without a ";", a
    comma list (``commas``) or "A và B" of two long phrases."""
    parts = re.split(r"\s*;\s*", chunk)
    if len(parts) == 1:
        if commas:
            parts = re.split(r"\s*,\s*(?:và\s+)?", chunk)
        else:
            halves = re.split(r"\s+và\s+", chunk)
            if len(halves) == 2 and all(len(h.split()) >= 4 for h in halves):
                parts = halves
    return [c for c in (_clean_item(p) for p in parts) if len(c.split()) >= 2 or (commas and len(c) >= 4)]


def agenda_items(sentences: list[str]) -> list[str]:
    """The agenda a working session's or conference's opening sentences state (first match only)."""
    for sentence in sentences[:4]:
        m = _AGENDA.search(sentence)
        if m:
            chunk = (m.group("x") or m.group("y") or m.group("z")).strip(" .")
            chunk = re.split(r"\s*,\s*(?:đồng chí|ông|bà)\s+[A-ZĐÀ-Ỹ]", chunk)[0]
            return _split_list(chunk, commas=False)
    return []


# The audience's own requests, without a list trigger: "Cử tri phản ánh tình trạng A, đề nghị ...", "các hội
# viên đề nghị các cấp hỗ trợ A; B; C", "doanh nghiệp nêu nhiều khó khăn về A, B, C". The subject opens a
# clause and names the audience (not a leader: a leader's request is a directive); the request runs to the
# sentence end. After a noun of concern ("khó khăn, vướng mắc về") the topics are a comma list.
_AUDIENCE_REQUEST = re.compile(
    r"(?:^|[,:]\s*)(?:(?:nhiều|các|một số|những|có)\s+)?(?:ý kiến\s+(?:của\s+)?)?(?:(?:các\s+)?bạn\s+)?"
    r"(?:cử tri|người dân|nhân dân|hội viên|đoàn viên|thanh niên|doanh nghiệp|nông dân|phụ nữ|bà con|chị em"
    r"|hộ dân|người lao động)\b[^,.;:]{0,40}?\s(?:(?:cũng|đã|tiếp tục|còn)\s+)*"
    r"(?:kiến nghị|đề nghị|phản ánh|đề xuất|nêu|mong muốn|đặt|(?<!câu )hỏi|bày tỏ băn khoăn|băn khoăn|chia sẻ)"
    r"\s+(?P<x>[^:]+)$",
    re.I,
)
_CONCERN_LIST = re.compile(
    r"^(?:(?:nhiều|một số|các|những)\s+)?(?:ý kiến|kiến nghị|khó khăn|vướng mắc|băn khoăn|vấn đề|nội dung|bất cập|câu hỏi)"
    r"(?:\s*,\s*(?:khó khăn|vướng mắc|kiến nghị|đề xuất|bất cập))*\s+(?:về|liên quan đến|như|trong)\s+(?P<x>.+)$",
    re.I,
)


_GENERIC_CONCERN = re.compile(
    r"^(?:(?:nhiều|một số|các|những|rất nhiều)\s+)?(?:ý kiến|kiến nghị|khó khăn|vướng mắc|băn khoăn|vấn đề|nội dung"
    r"|bất cập|tâm tư|nguyện vọng|câu hỏi)\b",
    re.I,
)


_REQUEST_VERB = re.compile(r"\b(?:kiến nghị|đề nghị|phản ánh|đề xuất|nêu)\s+(?P<x>[^:]+)$", re.I)


def audience_requests(sentence: str) -> list[str]:
    """What the audience asks or reports in a sentence without a list trigger (see ``_AUDIENCE_REQUEST``),
    or what a citizen named with their hamlet or business asks ("Ông A (thôn 2) đề nghị ...")."""
    m = _AUDIENCE_REQUEST.search(sentence.strip())
    if not m:
        v = _REQUEST_VERB.search(sentence.strip())
        if not (v and _CITIZEN.search(sentence[: v.start()]) and len(sentence[: v.start()].split()) <= 25):
            return []
        m = v
    chunk = re.sub(r"^(?:lên|ra|về|đến|liên quan đến)\s+", "", m.group("x").strip(" .…"))
    concern = _CONCERN_LIST.match(chunk)
    if concern:
        return _split_list(concern.group("x").strip(" ."), commas=True)
    if _GENERIC_CONCERN.match(chunk):
        return []  # "nêu lên những vấn đề bức xúc": that they spoke, not what about
    return [c for c in (_clean_item(p) for p in re.split(r"\s*;\s*", chunk)) if len(c.split()) >= 2]


def related_items(sentence: str) -> list[str]:
    """The topics named after "liên quan đến" in a sentence about opinions or questions."""
    items: list[str] = []
    for m in _RELATED.finditer(sentence):
        if _OPINION_WORD.search(sentence[: m.start()]):
            items.extend(_split_list(m.group("x").strip(" ."), commas=True))
    return items


# A leader's instruction: the verb, then whom it addresses or what is to be done. "mong muốn"/"kêu gọi"
# addressed to the audience are instructions too. A verb followed by a comma is one of a series of
# activities ("chủ động chỉ đạo, điều hành, tổ chức ...", "sự quan tâm chỉ đạo, tạo điều kiện"), not an
# instruction.
# "giao" assigns a task only as a verb: "giao ban" (a briefing), "giao thông", "giao lưu", "giao đất" are nouns.
_GIAO_NOUN = r"(?!\s+(?:ban|lưu|thông|dịch|tiếp|nhận|hữu|thừa|kết|khoán|đất|hàng|thương|liên|quyền|thoa|nộp)\b)"
_LEADER_VERB = re.compile(
    r"\b(?:đề nghị|dề nghị|yêu cầu|chỉ đạo|giao"
    + _GIAO_NOUN
    + r"|lưu ý|đề ra|mong muốn(?!\s+được\b)|kêu gọi)\b(?!\s*,)",
    re.I,
)
_LEADER_SUBJECT = re.compile(r"đồng chí|\bông\b|\bbà\b|Bí thư|Chủ tịch|lãnh đạo|Trưởng|Giám đốc|Thường trực", re.I)
_NOT_LEADER = re.compile(r"cử tri|người dân|doanh nghiệp|nhân dân|ý kiến", re.I)
# The audience named as an object ("đánh giá cao ý kiến của cử tri và đề nghị ...") is not the subject.
_OBJECT_BEFORE = re.compile(
    r"(?:của|với|cho|đến|tới|cao|ghi nhận|tiếp thu|lắng nghe|trả lời|giải đáp|cảm ơn)\s+(?:(?:các|những|nhiều)\s+)?$",
    re.I,
)
# A citizen speaking for themself: named with their hamlet ("Ông A (thôn 2)", "bà B ở tổ dân phố 5") or their
# business ("Giám đốc Công ty ...", "đại diện HTX ..."). Their "đề nghị" is a request, not an instruction.
_CITIZEN = re.compile(
    r"\(\s*(?:thôn|ấp|xóm|bản|tổ|khu|khóm|xã|phường|thị trấn)\b|\b(?:ở|trú (?:tại|ở)|ngụ (?:tại|ở))\s+"
    r"(?:thôn|ấp|xóm|bản|tổ|khu|khóm|xã|phường|thị trấn)\b|\bCông ty\b|\bHTX\b|\bHợp tác xã\b|\bđại diện\b",
    re.I,
)


def _leader_speaks(subject: str) -> bool:
    """The words before a directive verb name a leader as its subject (not the audience, not a citizen)."""
    if not _LEADER_SUBJECT.search(subject) or _CITIZEN.search(subject):
        return False
    tail_start = max(0, len(subject) - 40)
    return not any(
        m.start() >= tail_start and not _OBJECT_BEFORE.search(subject[: m.start()])
        for m in _NOT_LEADER.finditer(subject)
    )


# Words after which the verb is used as a noun ("sự chỉ đạo", "theo chỉ đạo", "quan tâm chỉ đạo"); "và" is
# not one of them: "đánh giá cao ..., và yêu cầu ..." coordinates two of the leader's verbs.
_NOMINAL_BEFORE = re.compile(
    r"(?:lãnh đạo,?|sự|việc|công tác|theo|phát biểu|kết luận|được|của|quan tâm|bàn|chuyển)\s*$", re.I
)
_HANDLING = re.compile(r"\bsẽ\s+(?:có\s+)?(?:tổng hợp|chuyển|trả lời|giải quyết|xem xét,? giải quyết|báo cáo)", re.I)
# "Những vấn đề thuộc thẩm quyền của tỉnh được tiếp thu và chuyển đến cơ quan chức năng trả lời": what
# happens to opinions beyond the meeting's competence (forwarded for an answer) is a decision of the
# meeting; opinions answered on the spot ("đã được giải trình") are not.
_FORWARD = re.compile(
    r"\b(?:tổng hợp|chuyển|gửi)(?:\s+(?:đến|tới|cho|về))?\s+[^.;]{0,60}?\b(?:trả lời|giải quyết|xem xét|xử lý)\b", re.I
)
_HANDLING_START = re.compile(r"(?:Đối với|những|các)\s+(?:ý kiến|kiến nghị|vấn đề)", re.I)


# A leader's speech goes on over several sentences: one that opens with a linking phrase and a directive
# verb ("Đồng thời, yêu cầu ...", "Bên cạnh đó, đề nghị ...") continues the instruction before it.
_CONTINUES = re.compile(
    r"^(?:Đồng thời|Bên cạnh đó|Ngoài ra|Cùng với đó|Mặt khác|Trong thời gian tới)?\s*,?\s*(?:cũng\s+)?"
    r"(?:đề nghị|yêu cầu|chỉ đạo|giao" + _GIAO_NOUN + r"|lưu ý)\b",
    re.I,
)


_NO_OBJECT = re.compile(r"\s*(?:[.,;!?]|$|(?:tại|trong|ở)\s+(?:hội nghị|buổi|phiên|cuộc|kỳ họp)\b[^,;]*[.]?\s*$)", re.I)


def _is_instruction(head: str) -> bool:
    """``head`` (a sentence up to a list) is a leader's directive verb with its leader subject."""
    v = _LEADER_VERB.search(head)
    return bool(v and not _NOMINAL_BEFORE.search(head[: v.start()]) and _leader_speaks(head[: v.start()]))


def _instruction_items(text: str, paragraphs: list[str], index: int) -> tuple[list[str], int]:
    """One instruction, or its items when the leader lists them after a colon ("yêu cầu các ngành: A; B")
    or on the following lines with list markers; returns the items and the next paragraph to read."""
    head, colon, rest = text.partition(":")
    if colon and len(head.split()) <= 20:
        if rest.strip():
            parts = [c for c in (_clean_item(p) for p in re.split(r"\s*;\s*", rest)) if len(c.split()) >= 2]
            if len(parts) >= 2:
                return parts, index
        elif index < len(paragraphs):
            marked, nxt = _marked_items(paragraphs, index)
            if marked:
                return marked, nxt
    parts = [c for c in (_LINK.sub("", p.strip(" .,")) for p in _NEXT_INSTRUCTION.split(text)) if len(c.split()) >= 3]
    if len(parts) >= 2:
        return parts, index
    return [text.strip(" .")], index


_LINK = re.compile(r"^(?:đồng thời|và|cũng như|cùng với đó)\s*,?\s*(?:cũng\s+)?", re.I)
# One sentence often carries several instructions: "đề nghị A; đồng thời yêu cầu B", "yêu cầu A, đồng thời
# giao B", "yêu cầu các ngành làm A; B; C". Each is one directive, in the article's own words.
_NEXT_INSTRUCTION = re.compile(
    r"\s*;\s*|,?\s+(?:đồng thời|và|cũng như|cùng với đó)\s*,?\s+(?:cũng\s+)?"
    r"(?=(?:đề nghị|yêu cầu|chỉ đạo|giao" + _GIAO_NOUN + r"|lưu ý)\b)",
    re.I,
)


def directives(paragraphs: list[str], exclude: list[str]) -> list[str]:
    out: list[str] = []
    p = 0
    while p < len(paragraphs):
        sentences = _split_sentences(paragraphs[p])
        p += 1
        previous_was_directive = False
        for sentence in sentences:
            if any(x and x[:30] in sentence for x in exclude):
                previous_was_directive = False
                continue
            h = _HANDLING.search(sentence)
            if h and re.search(r"ý kiến|kiến nghị|vấn đề", sentence, re.I):
                starts = [m.start() for m in _HANDLING_START.finditer(sentence) if m.start() < h.start()]
                out.append(sentence[starts[-1] if starts else 0 :].strip(" ."))
                previous_was_directive = False
                continue
            if _HANDLING_START.match(sentence) and _FORWARD.search(sentence):
                out.append(sentence.strip(" ./"))
                previous_was_directive = False
                continue
            v = _LEADER_VERB.search(sentence)
            found = None
            if v and not _NOMINAL_BEFORE.search(sentence[: v.start()]):
                subject = sentence[: v.start()]
                # An instruction names whom it addresses or what to do: "chỉ đạo tại hội nghị" names neither.
                if _leader_speaks(subject) and not _NO_OBJECT.match(sentence[v.end() :]):
                    found = sentence[v.start() :]
            if found is None and previous_was_directive:
                c = _CONTINUES.match(sentence)
                if c:
                    found = sentence[c.start() :]
            if found is not None:
                # list lines below belong to it only when the colon ends its paragraph
                items, p = _instruction_items(found, paragraphs if sentence is sentences[-1] else [], p)
                out.extend(items)
            previous_was_directive = found is not None
    return out
