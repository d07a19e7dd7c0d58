"""The counting minutes of a confidence vote (biên bản kiểm phiếu), .docx through the one generator
(Party layout, HD 36-HD/VPTW). Paper and electronic ballots give the same minutes; an electronic
count says so and how many codes were issued and used, never which code or who."""

from __future__ import annotations

import datetime as dt

from sausat.cadres.models import BallotBox, VoteCandidate, VoteSession
from sausat.core.exports.official_document import (
    Authority,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    render_docx,
)
from sausat.core.numbers import vn_number, vn_percent
from sausat.people import documents


def _share(count: int | None, total: int | None) -> str:
    if count is None:
        return "—"
    if not total:
        return vn_number(count)
    return f"{vn_number(count)} ({vn_percent(count, total)})"


def _method(box: BallotBox | None) -> Paragraph:
    if box is None:
        return Paragraph("Hình thức bỏ phiếu: phiếu giấy, bỏ phiếu kín.")
    used = "" if box.is_open else " Mỗi mã chỉ dùng được một lần; phiếu không gắn với người bỏ phiếu."
    return Paragraph(
        f"Hình thức bỏ phiếu: phiếu điện tử tại hội nghị, bỏ phiếu kín. Số mã phiếu đã phát: "
        f"{vn_number(box.codes_issued)}.{used}"
    )


def counting_minutes_docx(session: VoteSession, candidates: list[VoteCandidate], *, today: dt.date) -> bytes:
    who = documents.board_issuer(session.unit, documents.ORGANISATION_BOARD_KEYS, session.held_on)
    box = BallotBox.objects.filter(session=session).first()
    returned = session.returned
    tallied = session.tallied_at is not None
    blocks = [
        Paragraph(
            f"Hôm nay, ngày {session.held_on:%d/%m/%Y}, Ban kiểm phiếu của hội nghị “{session.title}” "
            f"tiến hành kiểm phiếu lấy phiếu tín nhiệm theo Quy định {session.rule_code}."
        ),
        Heading("I. Số lượng"),
        Paragraph(
            f"Số người được triệu tập: {vn_number(session.summoned)}; có mặt: "
            f"{vn_number(session.present) if session.present is not None else '—'}."
        ),
        _method(box),
    ]
    if tallied:
        blocks.append(
            Paragraph(
                f"Số phiếu phát ra: {vn_number(session.issued)}; thu về: {vn_number(session.returned)}; "
                f"hợp lệ: {vn_number(session.valid)}; không hợp lệ: {vn_number(session.invalid)}."
            )
        )
    else:
        blocks.append(Paragraph("Chưa có kết quả kiểm phiếu."))
    blocks += [
        Heading("II. Kết quả (tỷ lệ trên tổng số phiếu thu về)"),
        Table(
            headers=["Họ và tên", "Chức danh", "Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp", "Hệ quả"],
            rows=[
                [
                    str(c.person),
                    c.post_title,
                    _share(c.high, returned),
                    _share(c.confidence, returned),
                    _share(c.low, returned),
                    c.get_consequence_display() if c.consequence else "—",
                ]
                for c in candidates
            ],
            widths_mm=[38, 32, 25, 25, 25, 20],
        ),
        Paragraph("Biên bản được lập xong, Ban kiểm phiếu thông qua và cùng ký tên."),
    ]
    doc = OfficialDocument(
        **who.header(),
        number="",
        symbol="",
        date=today,
        doc_type="Biên bản kiểm phiếu",
        title=f"lấy phiếu tín nhiệm: {session.title}",
        blocks=blocks,
        archive="hồ sơ hội nghị",
        signature=Signature.of(Authority.ON_BEHALF, "Ban kiểm phiếu", "Trưởng ban"),
    )
    return render_docx(doc)
