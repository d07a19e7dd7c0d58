import datetime as dt
import io

import pytest
from openpyxl import Workbook

from sausat.liaison.assignment_import import HEADERS
from sausat.liaison.models import Assignment, AssignmentDecision

pytestmark = pytest.mark.django_db


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "phan-cong.xlsx"
    return out


def _post(client, rows, dry_run):
    data = {
        "number": "20-QĐ/TU",
        "issued_on": "2025-09-15",
        "issuing_body": "Ban Thường vụ Thành ủy",
        "term_start": "2025-09-15",
        "visits_required": "1",
        "visit_period": "monthly",
        "report_schedule": "monthly",
        "file": _xlsx(rows),
    }
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/co-so/quyet-dinh/nhap/", data)


def test_template_downloads(cast, login):
    response = login(cast.secretary).get("/co-so/quyet-dinh/mau.xlsx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_import_dry_run_then_commit_is_idempotent(cast, login):
    rows = [
        [
            1,
            "Lê Thị Mai",
            "Phó Giám đốc Sở Y tế",
            "",
            cast.commune_a.code,
            "",
            "Phụ trách chính",
            "Dự họp",
            "15/09/2025",
            "",
        ],
        [2, "Phạm Hữu Lộc", "Chuyên viên", "theodoi", "", cast.commune_b.name, "Thành viên", "", None, None],
    ]
    client = login(cast.secretary)
    # Row 2 names an account belonging to someone else: a row-level error, nothing written.
    bad = _post(client, rows, dry_run=False)
    assert bad.status_code == 400
    assert "Dòng 3: Tài khoản “theodoi” thuộc Phạm Thị Dung" in bad.content.decode()
    assert Assignment.objects.count() == 0 and AssignmentDecision.objects.count() == 0
    rows[1][1] = "Phạm Thị Dung"
    dry = _post(client, rows, dry_run=True)
    assert dry.status_code == 200
    assert "mới" in dry.content.decode()
    assert Assignment.objects.count() == 0
    ok = _post(client, rows, dry_run=False)
    assert ok.status_code == 200, ok.content.decode()[:2000]
    assert Assignment.objects.count() == 2
    again = _post(client, rows, dry_run=False)
    assert again.status_code == 200
    assert Assignment.objects.count() == 2
    assert "đã có" in again.content.decode()
    linked = Assignment.objects.get(unit=cast.commune_b)
    assert linked.user == cast.liaison and linked.start_date == dt.date(2025, 9, 15)


def test_import_row_errors_in_vietnamese(cast, login):
    rows = [
        [1, "", "", "", "", "Xã Không Có Thật", "Phó nhóm", "", "31/02/2025", ""],
    ]
    response = _post(login(cast.secretary), rows, dry_run=True)
    text = response.content.decode()
    assert "Chưa ghi họ tên cán bộ" in text
    assert "Không tìm thấy địa bàn “Xã Không Có Thật”" in text
    assert "Vai trò “Phó nhóm” không hợp lệ" in text
    assert "không đúng dạng ngày" in text


def test_import_is_office_only(cast, login):
    assert login(cast.liaison).get("/co-so/quyet-dinh/nhap/").status_code == 404
