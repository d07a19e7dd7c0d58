"""parse_article(text) -> ArticleRecord: a proposed meeting record read from a news article (no database)."""

from __future__ import annotations

import re

from sausat.textkit.articles import extract, fields, headline
from sausat.textkit.articles.evidence import field_evidence
from sausat.textkit.articles.people import Person, persons_in
from sausat.textkit.articles.place import meeting_place
from sausat.textkit.articles.province import province
from sausat.textkit.articles.record import ArticleRecord, NamedPerson
from sausat.textkit.mojibake import detect_legacy_encoding, legacy_warning
from sausat.textkit.normalize import match_key, normalize
from sausat.textkit.titles import expand_abbreviations

_CHAIR = re.compile(r"\b(?:đồng chủ trì|chủ trì|dẫn đầu)\b", re.I)
_CHAIR_STOP = re.compile(r"\b(?:tham dự|cùng dự|dự hội nghị|cùng các|cùng với)\b", re.I)
_PARTICIPATION = re.compile(
    r"tham dự|cùng dự|\bdự (?:hội nghị|buổi|phiên|điểm cầu|có)|^dự\b|\bgồm\b|có mặt|phát biểu|báo cáo|tiếp xúc"
    r"|đối thoại|làm việc|thay mặt|kết luận|chỉ đạo|trả lời|cho biết|nhấn mạnh|đề nghị|yêu cầu|ghi nhận|khẳng định"
    r"|trình bày|giải trình|tiếp thu|gặp gỡ"
    # someone who speaks at the meeting is at it: "có ý kiến", "chia sẻ", "nêu", "giải đáp", "trao đổi" ...
    r"|có ý kiến|chia sẻ|\bnêu\b|kiến nghị|đề xuất|phản ánh|bày tỏ|giải đáp|trao đổi|đặt câu hỏi|thông tin về"
    r"|cảm ơn|chúc mừng|trao (?:tặng|quà|giấy khen|bằng khen)"
    # with the delegation or taking part: "Cùng đi có ...", "với sự tham gia của ...", "điều hành phần đối thoại"
    r"|cùng đi|đi cùng|tháp tùng|tham gia|chứng kiến|điều hành|dẫn chương trình",
    re.I,
)


_OUTLET_CREDIT = re.compile(
    r"^\s*(?:(?:Nguồn|Theo)\s*:|(?:Đài|Báo|Truyền hình|Cổng thông tin)\b[^.]{0,60}?\b(?:thông tin|đưa tin)(?: chi tiết)?\b)",
    re.I,
)


def _sentences(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        out.extend(extract._split_sentences(line))
    return out


def _to_named(person: Person) -> NamedPerson:
    return NamedPerson(
        name=person.name, titles=list(person.titles), titles_expanded=[expand_abbreviations(t) for t in person.titles]
    )


def _merge(into: dict[str, Person], person: Person) -> None:
    key = person.key()
    if key not in into:
        into[key] = Person(person.name, list(person.titles))
        return
    known = {match_key(expand_abbreviations(t)) for t in into[key].titles}
    for t in person.titles:
        if match_key(expand_abbreviations(t)) not in known:
            into[key].titles.append(t)
            known.add(match_key(expand_abbreviations(t)))


def parse_article(text: str) -> ArticleRecord:
    record = ArticleRecord()
    encoding = detect_legacy_encoding(text or "")
    if encoding:
        record.warnings.append(legacy_warning(encoding))
    text = normalize(text or "")
    lines = fields.content_lines(text)
    record.title = fields.title(lines)
    content = "\n".join(fields.strip_header_prefix(line) for line in lines if not fields.is_header_date_line(line))
    if headline.caption_of_one_place(record.title, content):
        # A photo caption of one of several meetings stays in the body; a shorter headline may remain.
        record.title = fields.title(lines, exclude=(record.title,))
    record.publish_date = fields.publish_date(lines)
    body_lines = [
        fields.strip_header_prefix(line)
        for line in lines
        if not fields.is_header_date_line(line) and fields.strip_header_prefix(line) != (record.title or "")
    ]
    body = "\n".join(body_lines)
    record.meeting_date = fields.meeting_date(body, record.publish_date or fields.publish_month(lines))
    day_matches = fields.meeting_day_matches(body)
    sentences = _sentences(body_lines)
    if day_matches:
        m = day_matches[0]
        lead = fields._sentence_around(body, m.start(), m.end())
        lead_index = next((i for i, s in enumerate(sentences) if m.group(0) in s), 0)
        kind_lead = " ".join(sentences[lead_index : lead_index + 2])
    else:
        lead = " ".join(sentences[:2])
        kind_lead = lead
    record.kind = fields.kind(record.title, kind_lead + " " + " ".join(sentences[:3]))
    multi = len(extract.distinct_voter_places("\n".join([record.title or "", body]))) >= 2
    place_evidence, place_confidence = None, 0.7
    if multi:  # several voter meetings: no single place
        record.place = None
    else:
        record.place, place_evidence, place_confidence = meeting_place(lead, record.title, sentences)
    # A dateline ("Hải Phòng, ngày ...") and other header date lines say where the piece was written.
    # So does a credit line of the publishing outlet ("Đài PT-TH X thông tin chi tiết", "Nguồn: Báo X").
    province_text = "\n".join(
        line
        for line in text.split("\n")
        if not fields.is_header_date_line(line.strip()) and not _OUTLET_CREDIT.match(line)
    )
    record.province = province(province_text, record.meeting_date or record.publish_date, headline=record.title)

    chairs: dict[str, Person] = {}
    participants: dict[str, Person] = {}
    for sentence in [*([record.title] if record.title else []), *sentences]:
        people = persons_in(sentence)
        if not people:
            continue
        chair_m = _CHAIR.search(sentence)
        if chair_m:
            stop = _CHAIR_STOP.search(sentence, chair_m.end())
            for person in people:
                pos = sentence.find(person.name)
                if stop and pos > stop.start():
                    _merge(participants, person)
                else:
                    _merge(chairs, person)
        elif _PARTICIPATION.search(sentence):
            for person in people:
                _merge(participants, person)
    for key, person in chairs.items():
        if key in participants:
            _merge(chairs, participants.pop(key))
            del person
    record.chairs = [_to_named(p) for p in chairs.values()]
    record.participants_named = [_to_named(p) for p in participants.values()]

    paragraphs = body_lines
    record.opinion_counts = (
        {"written": None, "direct": None, "total": None} if multi else extract.opinion_counts(body, record.kind)
    )
    record.issue_groups = extract.issue_groups(paragraphs)
    if not record.issue_groups and record.kind in extract.AGENDA_KINDS:
        record.issue_groups = extract.agenda_items(sentences)
    record.directives = extract.directives(paragraphs, record.issue_groups)
    record.evidence = field_evidence(
        record,
        [*([record.title] if record.title else []), *sentences],
        place_evidence=(place_evidence, place_confidence),
    )
    return record
