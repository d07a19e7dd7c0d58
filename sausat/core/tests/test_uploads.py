"""Bounded uploads: zip bombs, row caps, CSV line caps and the per-file cut-off of the upload handler."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from sausat.core import uploads
from sausat.core.uploads import UploadRefused, read_table

SHEET = "xl/worksheets/sheet1.xml"
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _row(n: int) -> bytes:
    return f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>dòng {n}</t></is></c></row>'.encode()


def xlsx_with_sheet(*chunks: bytes) -> bytes:
    """A real workbook (from openpyxl) whose first sheet's XML is replaced by ``chunks``, streamed."""
    wb = Workbook()
    wb.active.append(["Nội dung ý kiến"])
    src = io.BytesIO()
    wb.save(src)
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == SHEET:
                with zout.open(SHEET, "w", force_zip64=True) as sheet:
                    for chunk in chunks:
                        sheet.write(chunk)
            else:
                zout.writestr(item, zin.read(item.filename))
    return out.getvalue()


def sheet_rows(first: int, last: int, *, dimension: str = "") -> list[bytes]:
    chunks = [HEAD + (f'<dimension ref="{dimension}"/>'.encode() if dimension else b"") + b"<sheetData>"]
    batch: list[bytes] = []
    for n in range(first, last + 1):
        batch.append(_row(n))
        if len(batch) == 10_000:
            chunks.append(b"".join(batch))
            batch = []
    chunks.append(b"".join(batch) + b"</sheetData></worksheet>")
    return chunks


def test_a_normal_sheet_is_read_with_line_numbers():
    data = xlsx_with_sheet(*sheet_rows(1, 5))
    table = read_table(data, "phieu.xlsx", max_rows=10)
    assert [n for n, _ in table] == [1, 2, 3, 4, 5]
    assert table[-1][1][0] == "dòng 5"


def test_zip_bomb_refused_from_the_directory(settings):
    # 8 MB of XML padding compresses to a few KB: the ratio alone refuses it.
    data = xlsx_with_sheet(*sheet_rows(1, 3), b" " * (8 * uploads.MB))
    assert len(data) < 100_000
    with pytest.raises(UploadRefused, match="bom giải nén"):
        uploads.check_xlsx_archive(data)
    with pytest.raises(UploadRefused, match="bom giải nén"):
        read_table(data, "phieu.xlsx", max_rows=20_000)


def test_unpacked_size_over_the_limit_refused(settings):
    settings.SAUSAT_IMPORT_MAX_UNPACKED_BYTES = 2 * uploads.MB
    data = xlsx_with_sheet(*sheet_rows(1, 60_000))
    with pytest.raises(UploadRefused, match="khi giải nén lớn tới"):
        read_table(data, "phieu.xlsx", max_rows=20_000)


def test_declared_dimension_refused_before_reading_rows():
    data = xlsx_with_sheet(*sheet_rows(1, 3, dimension="A1:D6000000"))
    with pytest.raises(UploadRefused, match="quá nhiều dòng"):
        read_table(data, "phieu.xlsx", max_rows=20_000)


def test_sparse_row_bomb_stops_at_the_cap():
    # Two cells, rows 1 and 6,000,000: openpyxl would fill in six million empty rows.
    data = xlsx_with_sheet(HEAD + b"<sheetData>" + _row(1) + _row(6_000_000) + b"</sheetData></worksheet>")
    assert len(data) < 20_000
    with pytest.raises(UploadRefused, match="quá nhiều dòng"):
        read_table(data, "phieu.xlsx", max_rows=100)


def test_many_real_rows_stop_one_past_the_cap():
    seen = []
    data = xlsx_with_sheet(*sheet_rows(1, 5_001))  # a header and 5,000 rows
    table = read_table(data, "phieu.xlsx", max_rows=5_000)
    seen.append(len(table))
    with pytest.raises(UploadRefused, match=r"tối đa 4\.999"):
        read_table(data, "phieu.xlsx", max_rows=4_999)
    assert seen == [5_001]


def test_csv_caps_rows_line_length_and_encoding(settings):
    ok = "Nội dung ý kiến\n" + "".join(f"ý kiến {i}\n" for i in range(50))
    assert len(read_table(ok.encode(), "a.csv", max_rows=50)) == 51
    with pytest.raises(UploadRefused, match="quá nhiều dòng"):
        read_table(ok.encode(), "a.csv", max_rows=49)
    long_line = b"Noi dung\n" + b"x" * (uploads.CSV_MAX_LINE + 10) + b"\n"
    with pytest.raises(UploadRefused, match="dài quá"):
        read_table(long_line, "a.csv", max_rows=10)
    # An unclosed quote would otherwise swallow the rest of the file into one field.
    unclosed = b'Noi dung\n"' + b"y\n" * 100_000
    with pytest.raises(UploadRefused, match="không đúng định dạng"):
        read_table(unclosed, "a.csv", max_rows=10)
    with pytest.raises(UploadRefused, match="UTF-8"):
        read_table("Nội dung\nđề nghị\n".encode("utf-16"), "a.csv", max_rows=10)
    settings.SAUSAT_MAX_IMPORT_BYTES = 100
    with pytest.raises(UploadRefused, match="vượt giới hạn"):
        read_table(ok.encode(), "a.csv", max_rows=50)


def test_other_extensions_refused():
    with pytest.raises(UploadRefused, match="Chỉ nhận tệp"):
        read_table(b"MZ", "a.exe", max_rows=10)


def test_stash_round_trip_and_discard(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    digest = uploads.stash(b"abc")
    assert digest == uploads.sha256(b"abc") and uploads.stashed(digest) == b"abc"
    assert uploads.stashed("../" + digest) is None
    uploads.discard(digest)
    assert uploads.stashed(digest) is None and not list((tmp_path / "imports").iterdir())
