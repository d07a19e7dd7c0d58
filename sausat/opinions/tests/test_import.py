"""Paper survey import: dry run with row errors, all-or-nothing, valid rows only, re-import."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sausat.opinions import services
from sausat.opinions.models import Opinion
from sausat.opinions.survey_forms import COLUMNS
from sausat.opinions.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD = [
    ["Nguyễn Văn A", "Xã A", "Đề nghị mở lớp bồi dưỡng ngắn ngày", "Đào tạo"],
    ["Trần Thị B", "Xã B", "Phụ cấp kiêm nhiệm còn thấp", ""],
]
BAD = [*GOOD, ["Lê C", "Xã C", "", ""], ["Lê D", "Xã D", "Nội dung", "Nhóm không có"]]


def _upload(client, meeting, content, name="phieu.xlsx"):
    return client.post(reverse("opinions:import", args=[meeting.pk]), {"file": SimpleUploadedFile(name, content)})


def _confirm(client, meeting, response, mode):
    ctx = response.context
    return client.post(
        reverse("opinions:import", args=[meeting.pk]),
        {"step": "confirm", "file_hash": ctx["file_hash"], "filename": ctx["filename"], "mode": mode},
    )


def test_template_download(cast, login):
    response = login(cast.secretary).get(reverse("opinions:import_template"))
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[1]] == COLUMNS


def test_template_download_needs_sign_in(client):
    # Least privilege: the import workflow is staff-only, so is its template.
    response = client.get(reverse("opinions:import_template"))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_dry_run_then_import_and_reimport(cast, login):
    meeting = make_meeting(cast)
    services.create_group(actor=cast.secretary, meeting=meeting, title="Đào tạo")
    client = login(cast.secretary)
    dry = _upload(client, meeting, _xlsx(GOOD))
    assert dry.status_code == 200 and dry.context["n_errors"] == 0
    assert Opinion.objects.count() == 0  # a dry run writes nothing
    assert _confirm(client, meeting, dry, "all").status_code == 302
    assert Opinion.objects.filter(meeting=meeting).count() == 2
    assert Opinion.objects.get(author_name="Nguyễn Văn A").group.title == "Đào tạo"
    # The same file again (and the same rows in another order): nothing new.
    again = _upload(client, meeting, _xlsx(list(reversed(GOOD))))
    assert again.context["n_known"] == 2
    _confirm(client, meeting, again, "all")
    assert Opinion.objects.filter(meeting=meeting).count() == 2


def test_errors_block_everything_unless_valid_only(cast, login):
    meeting = make_meeting(cast)
    services.create_group(actor=cast.secretary, meeting=meeting, title="Đào tạo")
    client = login(cast.secretary)
    dry = _upload(client, meeting, _xlsx(BAD))
    page = dry.content.decode()
    assert dry.context["n_errors"] == 2
    assert "Thiếu nội dung ý kiến." in page and "Không có nhóm vấn đề “Nhóm không có”" in page
    refused = _confirm(client, meeting, dry, "all")
    assert refused.status_code == 200 and "chưa nhập dòng nào" in refused.content.decode()
    assert Opinion.objects.count() == 0
    assert _confirm(client, meeting, dry, "valid_only").status_code == 302
    assert Opinion.objects.filter(meeting=meeting).count() == 2


def test_csv_and_bad_files(cast, login):
    meeting = make_meeting(cast)
    client = login(cast.secretary)
    csv = "Họ và tên,Đơn vị,Nội dung ý kiến\nA,B,Ý kiến từ CSV\n".encode()
    dry = _upload(client, meeting, csv, "phieu.csv")
    _confirm(client, meeting, dry, "all")
    assert Opinion.objects.get().text == "Ý kiến từ CSV"
    bad = _upload(client, meeting, b"not a workbook", "x.xlsx")
    assert "Không đọc được tệp Excel" in bad.content.decode()
    wrong = _upload(client, meeting, b"a,b\n1,2\n", "x.csv")
    assert "Nội dung ý kiến" in wrong.content.decode()


def test_commune_cadre_cannot_import(cast, login):
    meeting = make_meeting(cast)
    assert login(cast.commune_b_cadre).get(reverse("opinions:import", args=[meeting.pk])).status_code == 404
