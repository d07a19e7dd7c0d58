"""The conclusion notice (Thông báo kết luận), drafted from the record, edited, then rendered.

The draft is plain text the secretary can edit: a line starting with "# " is a heading, "- " a
bullet, any other line a paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count

from sausat.core.calendar import local_date
from sausat.core.exports.official_document import (
    Bullets,
    Heading,
    Layout,
    OfficialDocument,
    Paragraph,
    Signature,
    render_docx,
)
from sausat.geo.naming import unit_phrase
from sausat.opinions import draft_selectors
from sausat.opinions.models import Answer, IssueGroup, Outcome
from sausat.people import documents
from sausat.people.naming import PARTY_KINDS


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def draft(meeting) -> dict[str, str]:
    """The editable fields of the notice, drafted from the meeting's record."""
    organ = meeting.organ
    unit = meeting.unit
    party = bool(organ and organ.kind in PARTY_KINDS)
    organiser = organ.name if organ else f"Ủy ban nhân dân {unit_phrase(unit)}"
    start = local_date(meeting.starts_at)
    # Issued by the office that issues the leaders' conclusion notices (the Party committee's
    # Văn phòng, HD 36-HD/VPTW; the People's Committee's, NĐ 30/2020; rules B.8), with the header
    # lines of the unit's type, and signed as that office signs ("T/L BAN THƯỜNG VỤ / CHÁNH VĂN
    # PHÒNG", "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG"); the sources of each choice: people/documents.py.
    issuer = documents.office_issuer(unit, party=party, on=start)
    signature = documents.office_signature(issuer, start)
    # Chairs named with the titles they held on the meeting's day, in protocol order.
    chairs = [documents.comrade(p, start) for p in meeting.chairs_in_order()]
    groups = list(
        IssueGroup.objects.filter(meeting=meeting)
        .select_related("responder_organ")
        .annotate(n=Count("opinions"))
        .order_by("sort_order", "id")
    )
    answers = list(
        Answer.objects.filter(opinion__meeting=meeting, opinion__deleted_at__isnull=True)
        .select_related("opinion__group", "directed_organ", "answered_by_organ")
        .order_by("opinion__group__sort_order", "answered_at", "id")
    )
    total = meeting.opinions.count()
    lines = [
        f"Ngày {_d(start)}, tại {meeting.place or 'hội trường'}, {organiser} tổ chức {meeting.title}."
        + (f" Chủ trì: {'; '.join(chairs)}." if chairs else ""),
        f"Hội nghị đã tiếp nhận {total} ý kiến (bằng văn bản, trực tuyến và phát biểu trực tiếp). "
        "Sau khi nghe các ý kiến và phần trả lời của các cơ quan, đồng chí chủ trì kết luận như sau:",
        "# 1. Các nhóm vấn đề được nêu",
    ]
    lines += [f"- {g.title}: {g.n} ý kiến." for g in groups] or ["- Chưa phân nhóm vấn đề."]
    lines.append("# 2. Trả lời, tiếp thu")
    by_group: dict[str, dict[str, str]] = defaultdict(dict)
    for a in answers:
        title = a.opinion.group.title if a.opinion.group_id else "Ý kiến khác"
        by_group[title].setdefault(a.text[:400], a.get_outcome_display())
    for title, texts in by_group.items():
        for text, outcome in list(texts.items())[:3]:
            lines.append(f"- {title} ({outcome.lower()}): {text}")
    if not by_group:
        lines.append("- Các cơ quan đang chuẩn bị trả lời.")
    lines.append("# 3. Giao nhiệm vụ")
    assigned = [g for g in groups if g.responder_organ_id]
    lines += [
        f"- Giao {g.responder_organ.name} trả lời nhóm vấn đề “{g.title}”, hạn {_d(g.deadline)}." for g in assigned
    ]
    directed = {}
    for a in answers:
        if a.outcome == Outcome.DIRECTED and a.directed_organ_id:
            directed.setdefault((a.directed_organ.name, a.directed_deadline), 0)
            directed[(a.directed_organ.name, a.directed_deadline)] += 1
    lines += [f"- Giao {name} chủ trì giải quyết {n} ý kiến, hạn {_d(day)}." for (name, day), n in directed.items()]
    petitions = [a for a in answers if a.outcome == Outcome.PETITIONED]
    if petitions:
        lines.append("# 4. Kiến nghị cấp có thẩm quyền")
        authorities: dict[str, int] = defaultdict(int)
        for a in petitions:
            authorities[a.petition_authority] += 1
        lines += [f"- Kiến nghị {auth} xem xét {n} nội dung." for auth, n in authorities.items()]
    # What was taken into which draft policy (the record's drafts, with their stage; see draft_selectors).
    taken = draft_selectors.notice_lines(meeting)
    if taken:
        lines.append("# 5. Tiếp thu vào đề án, chính sách")
        lines += taken
    # The one who gave the conclusion (recorded on the meeting; else the first chair).
    giver = meeting.conclusion_giver
    # "Kết luận của đồng chí Lê Tiến Châu, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy tại …".
    conclusion_by = documents.comrade(giver, start) if giver else "đồng chí chủ trì"
    archive = f"Lưu: {issuer.archive}" if issuer.layout == Layout.STATE_ND30 else f"Lưu {issuer.archive}"
    return {
        "issuing_body": issuer.issuing,
        "superior_body": issuer.superior,
        "number": "",
        "symbol": issuer.symbol("TB"),
        "place": issuer.place,
        # Dated by the record (the meeting's day); the office edits it to the day it signs.
        "date": _d(start),
        "title": f"Kết luận của {conclusion_by} tại {meeting.title}",
        "body": "\n".join(lines),
        "recipients": "\n".join(["Các cơ quan được giao nhiệm vụ", "Các đại biểu dự hội nghị", archive]),
        "authority": signature.line(issuer.layout),
        "signer_title": signature.title.upper(),
        "signer": signature.signer,
        "party": "1" if issuer.party else "",
    }


def blocks_from_text(body: str) -> list:
    blocks: list = []
    bullets: list[str] = []
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("- "):
            bullets.append(line[2:].strip())
            continue
        if bullets:
            blocks.append(Bullets(bullets))
            bullets = []
        if not line:
            continue
        if line.startswith("# "):
            blocks.append(Heading(line[2:].strip()))
        else:
            blocks.append(Paragraph(line))
    if bullets:
        blocks.append(Bullets(bullets))
    return blocks


def render(fields: dict[str, str]) -> bytes:
    try:
        day = dt.datetime.strptime(fields.get("date", ""), "%d/%m/%Y").date()  # noqa: DTZ007  (a date only)
    except ValueError:
        day = None
    doc = OfficialDocument(
        issuing_body=fields.get("issuing_body", ""),
        superior_body=fields.get("superior_body", ""),
        number=fields.get("number", ""),
        symbol=fields.get("symbol", ""),
        place=fields.get("place", ""),
        date=day,
        doc_type="Thông báo",
        title=fields.get("title", ""),
        blocks=blocks_from_text(fields.get("body", "")),
        recipients=[r for r in fields.get("recipients", "").splitlines() if r.strip()],
        signature=Signature(
            authority=fields.get("authority", ""), title=fields.get("signer_title", ""), signer=fields.get("signer", "")
        ),
        layout=Layout.PARTY_HD36 if fields.get("party") else Layout.STATE_ND30,
    )
    return render_docx(doc)
