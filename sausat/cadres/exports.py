"""The printable record summary (.docx, Party layout of HD 36-HD/VPTW via sausat.core.exports)."""

from __future__ import annotations

import datetime as dt

from sausat.cadres.selectors import Record
from sausat.core.exports.official_document import Heading, OfficialDocument, Paragraph, Signature, Table, render_docx
from sausat.people import documents


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def record_docx(rec: Record, *, today: dt.date) -> bytes:
    person = rec.profile.person
    unit = rec.profile.unit
    # Issued by the body that keeps the records (Ban Tổ chức; a commune's Ban Xây dựng Đảng), HD 36 layout.
    who = documents.board_issuer(unit, documents.ORGANISATION_BOARD_KEYS, today)
    born = f", sinh năm {person.birth_year}" if person.birth_year else ""
    blocks = [
        Paragraph(f"Họ và tên: {person.full_name}{born}. Dân tộc: {person.ethnicity or '—'}."),
        Paragraph(f"Cấp quản lý: {unit.name}. Tài liệu MẬT: chỉ Ban Tổ chức và cấp ủy có thẩm quyền được xem."),
        Heading("1. Quá trình công tác"),
        Table(
            headers=["Chức vụ", "Cơ quan", "Từ ngày", "Đến ngày"],
            rows=[
                [p.title, p.organ.name if p.organ else p.unit.name, _d(p.start_date), _d(p.end_date)]
                for p in rec.positions
            ],
            widths_mm=[60, 55, 25, 25],
        ),
        Heading("2. Quy hoạch"),
        Table(
            headers=["Chức danh", "Nhiệm kỳ", "Đưa vào", "Đưa ra (lý do)"],
            rows=[
                [
                    e.post_title,
                    e.term,
                    _d(e.added_on),
                    f"{_d(e.removed_on)} {e.removal_reason}".strip()
                    + "".join(f"\nCảnh báo: {f.text}" for f in rec.planning_flags.get(e.pk, []) if f.blocking),
                ]
                for e in rec.planning
            ],
            widths_mm=[60, 25, 25, 55],
        ),
        Heading("3. Luân chuyển"),
        Table(
            headers=["Từ", "Đến", "Thời gian", "Đánh giá trong thời gian luân chuyển"],
            rows=[
                [
                    f"{rv.rotation.from_title} ({rv.rotation.from_unit.name})",
                    f"{rv.rotation.to_title} ({rv.rotation.to_unit.name})",
                    f"{_d(rv.rotation.start)} – {_d(rv.rotation.end)}",
                    "; ".join(
                        f"{e.period.label}: {e.get_level_display() or e.get_step_display()}" for e in rv.evaluations
                    )
                    or "—",
                ]
                for rv in rec.rotation_views
            ],
            widths_mm=[45, 45, 30, 45],
        ),
        Heading("4. Đánh giá, xếp loại"),
        Table(
            headers=["Kỳ", "Quy định", "Điểm", "Kết quả"],
            rows=[
                [e.period.label, e.rule_code, str(e.score or "—"), e.get_level_display() or e.get_step_display()]
                for e in rec.evaluations
            ],
            widths_mm=[40, 35, 20, 70],
        ),
        Heading("5. Lấy phiếu tín nhiệm"),
        Table(
            headers=["Hội nghị", "Chức danh", "Cao / Tín nhiệm / Thấp", "Phiếu thu về"],
            rows=[
                [v.session.title, v.post_title, f"{v.high} / {v.confidence} / {v.low}", str(v.session.returned or "—")]
                for v in rec.votes
            ],
            widths_mm=[60, 40, 40, 25],
        ),
        Heading("6. Đào tạo, bồi dưỡng"),
        Table(
            headers=["Lớp, khóa", "Từ", "Đến"],
            rows=[[t.course, _d(t.start), _d(t.end)] for t in rec.training]
            + [
                [f"Đi cơ sở, phụ trách {a.unit_name} (Quyết định {a.decision_number})", _d(a.start), _d(a.end)]
                for a in rec.field_training
            ],
            widths_mm=[115, 25, 25],
        ),
        Heading("7. Kỷ luật"),
        Table(
            headers=["Hình thức", "Ngày", "Lý do"],
            rows=[[d.get_form_display(), _d(d.decided_on), d.reason] for d in rec.discipline],
            widths_mm=[45, 25, 95],
        ),
    ]
    doc = OfficialDocument(
        **who.header(),
        number="",
        symbol="",
        date=today,
        doc_type="Tóm tắt hồ sơ cán bộ",
        title=person.full_name,
        blocks=blocks,
        archive="hồ sơ cán bộ",
        signature=Signature(title="Trưởng ban"),
    )
    return render_docx(doc)
