"""Exports: XLSX formula neutralising, the official DOCX layouts (NĐ 30 and HD 36), download headers."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from sausat.core.exports.charts import chart_table_block, text_bar
from sausat.core.exports.http import attachment_response, content_disposition
from sausat.core.exports.official_document import (
    AdminDocument,
    Bullets,
    Heading,
    Paragraph,
    Signature,
    Table,
    render_docx,
    vn_date_line,
)
from sausat.core.exports.xlsx import Sheet, write_xlsx, write_xlsx_stream

INJECTIONS = ["=1+2", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=1", "\r=1", '\0=HYPERLINK("x")', '=HYPERLINK("http://x")']


def _open(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def test_xlsx_neutralises_every_formula_like_string():
    rows = [[value, "bình thường", 5] for value in INJECTIONS]
    wb = _open(write_xlsx([Sheet("Ý kiến", ["Giá trị", "Chữ", "Số"], rows)]))
    ws = wb["Ý kiến"]
    for row in ws.iter_rows(min_row=2):
        cell = row[0]
        assert cell.data_type == "s"
        assert cell.value.startswith("'")
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert ws["B2"].value == "bình thường" and ws["C2"].value == 5 and ws["C2"].data_type == "n"


def test_xlsx_header_dates_widths():
    rows = [[1, dt.date(2026, 11, 23), dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)]]
    wb = _open(write_xlsx([("Danh sách", ["STT", "Ngày", "Lúc"], rows, [6, 14, 18])]))
    ws = wb.active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C2"
    assert all(c.font.b for c in ws[1])
    assert ws["B2"].is_date and ws["B2"].number_format == "dd/mm/yyyy"
    assert ws["B2"].value.date() == dt.date(2026, 11, 23)
    assert ws["C2"].number_format == "dd/mm/yyyy hh:mm"
    assert ws["C2"].value == dt.datetime(2026, 11, 23, 15, 30)  # shown in Asia/Ho_Chi_Minh
    assert ws.column_dimensions["B"].width == 14


def test_xlsx_stream_many_rows_and_sheet_names(tmp_path):
    def gen():
        for i in range(5000):
            yield [i, f"Dòng {i}", "=bad" if i % 1000 == 0 else "ok"]

    path = tmp_path / "big.xlsx"
    with path.open("wb") as fh:
        n = write_xlsx_stream([Sheet("a/b:c", ["i", "t", "x"], gen()), Sheet("a/b:c", ["i"], [])], fh)
    assert n == 5000
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames == ["a b c", "a b c (2)"]
    ws = wb["a b c"]
    assert sum(1 for _ in ws.iter_rows()) == 5001
    second = next(ws.iter_rows(min_row=2, max_row=2))
    assert second[2].value == "'=bad" and second[2].data_type == "s"


def _doc(**kw) -> AdminDocument:
    fields = {
        "issuing_body": "Ủy ban nhân dân thành phố Cần Thơ",
        "superior_body": "",
        "number": "12",
        "symbol": "TB-UBND",
        "place": "Cần Thơ",
        "date": dt.date(2026, 2, 5),
        "doc_type": "Thông báo",
        "title": "Kết luận của Chủ tịch UBND thành phố tại buổi đối thoại với Nhân dân",
        "blocks": [
            Heading("1. Tình hình chung"),
            Paragraph("Buổi đối thoại diễn ra nghiêm túc, cởi mở."),
            Bullets(["Giao Sở Nội vụ tổng hợp", "Giao UBND xã trả lời"]),
            Table(["STT", "Nội dung", "Hạn"], [[1, "Trả lời kiến nghị", dt.date(2026, 3, 1)]]),
            chart_table_block([("Đất đai", 10), ("Môi trường", 4)], title="Kiến nghị theo lĩnh vực"),
        ],
        "recipients": ["Thường trực Thành ủy", "Các sở, ngành", "Lưu: VT"],
        "signature": Signature(authority="TM. Ủy ban nhân dân", title="Chủ tịch", signer="Nguyễn Văn A"),
    }
    fields.update(kw)
    return AdminDocument(**fields)


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_docx_nd30_layout_and_texts():
    document = docx.Document(io.BytesIO(render_docx(_doc())))
    section = document.sections[0]
    assert section.page_width == pytest.approx(Mm(210), abs=Mm(0.5))
    assert section.page_height == pytest.approx(Mm(297), abs=Mm(0.5))
    assert Mm(20) - 1000 <= section.top_margin <= Mm(25) + 1000
    assert Mm(20) - 1000 <= section.bottom_margin <= Mm(25) + 1000
    assert Mm(30) - 1000 <= section.left_margin <= Mm(35) + 1000
    assert Mm(15) - 1000 <= section.right_margin <= Mm(20) + 1000
    text = _all_text(document)
    for expected in [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ",
        "Số: 12/TB-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cần Thơ, ngày 05 tháng 02 năm 2026",
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND thành phố",
        "- Giao Sở Nội vụ tổng hợp",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
        "01/03/2026",
        "█",
    ]:
        assert expected in text, expected
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text
    header = document.tables[0].rows[0].cells
    motto = next(p for p in header[1].paragraphs if p.text == "Độc lập - Tự do - Hạnh phúc")
    # The motto is bold, not underlined: the line under it is a drawn rule (NĐ 30, Phụ lục I, Mục II.1).
    assert motto.runs[0].bold and not motto.runs[0].underline
    rule = motto._p.getnext()
    assert rule is not None and rule.find(".//" + qn("w:pBdr")) is not None
    dates = document.tables[0].rows[1].cells[1].paragraphs  # number and date share the header's second row
    assert next(p for p in dates if p.text.startswith("Cần Thơ")).runs[0].italic
    assert next(p for p in header[0].paragraphs if p.text.startswith("ỦY BAN")).runs[0].bold
    doc_type = next(p for p in document.paragraphs if p.text == "THÔNG BÁO")
    assert doc_type.alignment == 1 and doc_type.runs[0].bold  # centered
    body = next(p for p in document.paragraphs if p.text.startswith("Buổi đối thoại"))
    assert body.alignment == 3 and body.paragraph_format.first_line_indent > 0  # justified, indented
    runs = [r for p in document.paragraphs for r in p.runs]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    assert all(13 <= r.font.size.pt <= 14 for p in document.paragraphs if p.text.strip() for r in p.runs)


def test_docx_party_variant():
    document = docx.Document(
        io.BytesIO(
            render_docx(
                _doc(
                    party=True,
                    superior_body="Đảng bộ thành phố Cần Thơ",
                    issuing_body="Thành ủy Cần Thơ",
                    symbol="TB/TU",
                    signature=Signature("T/M Ban Thường vụ", "Bí thư", "Trần Văn B"),
                )
            )
        )
    )
    text = _all_text(document)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" not in text and "CỘNG HÒA XÃ HỘI" not in text
    assert "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ" in text and "THÀNH ỦY CẦN THƠ" in text
    assert "Số 12-TB/TU" in text and "T/M BAN THƯỜNG VỤ" in text


def test_vn_date_line():
    assert vn_date_line("Hậu Giang", dt.date(2026, 11, 23)) == "Hậu Giang, ngày 23 tháng 11 năm 2026"
    assert vn_date_line("Hậu Giang", dt.date(2026, 1, 9)) == "Hậu Giang, ngày 09 tháng 01 năm 2026"
    assert vn_date_line("Hậu Giang", dt.date(2026, 4, 9)) == "Hậu Giang, ngày 09 tháng 4 năm 2026"


def test_text_bar():
    assert text_bar(10, 10, 20) == "█" * 20
    assert text_bar(1, 1000, 20) == "█"
    assert text_bar(0, 10) == ""


def test_attachment_response_vietnamese_filename():
    response = attachment_response(b"x", "Báo cáo đối thoại 23/11.xlsx", "application/vnd.ms-excel")
    cd = response["Content-Disposition"]
    assert cd.startswith('attachment; filename="Bao cao doi thoai 2311.xlsx"')
    assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%91%E1%BB%91i%20tho%E1%BA%A1i%2023%2F11.xlsx" not in cd
    assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%91%E1%BB%91i%20tho%E1%BA%A1i%202311.xlsx" in cd
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b"x" and response["Content-Length"] == "1"


def test_content_disposition_strips_header_injection():
    cd = content_disposition('a"\r\nSet-Cookie: x.txt')
    assert "\r" not in cd and "\n" not in cd
    assert cd.count('"') == 2
    from urllib.parse import unquote

    star = cd.split("filename*=UTF-8''")[1]
    assert unquote(star) == "aSet-Cookie: x.txt"
