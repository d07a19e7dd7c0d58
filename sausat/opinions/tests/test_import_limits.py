"""Hostile survey files are refused with nothing written; large ones import in the background."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from sausat.core import uploads
from sausat.core.job_worker import run_worker
from sausat.core.models import AuditEvent
from sausat.core.models_jobs import Job
from sausat.core.tests.test_uploads import HEAD, _row, xlsx_with_sheet
from sausat.opinions.jobs import import_paper_job
from sausat.opinions.models import Opinion
from sausat.opinions.survey_forms import COLUMNS
from sausat.opinions.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def _stash_files(var_dir) -> list:
    path = var_dir / "imports"
    return list(path.iterdir()) if path.exists() else []


def _upload(client, meeting, content, name):
    return client.post(reverse("opinions:import", args=[meeting.pk]), {"file": SimpleUploadedFile(name, content)})


def _refused_with_nothing_written(response, message, var_dir):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Opinion.all_objects.count() == 0
    assert not AuditEvent.objects.filter(verb="opinion.import").exists()
    assert _stash_files(var_dir) == []


def test_six_million_row_bomb_refused(cast, login, var_dir):
    # A small file that openpyxl would expand to six million rows (sparse rows are filled in).
    bomb = xlsx_with_sheet(HEAD + b"<sheetData>" + _row(1) + _row(6_000_000) + b"</sheetData></worksheet>")
    response = _upload(login(cast.secretary), make_meeting(cast), bomb, "bom.xlsx")
    _refused_with_nothing_written(response, "quá nhiều dòng", var_dir)


def test_zip_bomb_refused(cast, login, var_dir):
    bomb = xlsx_with_sheet(HEAD + b"<sheetData>" + _row(1), b" " * (8 * uploads.MB), b"</sheetData></worksheet>")
    response = _upload(login(cast.secretary), make_meeting(cast), bomb, "bom.xlsx")
    _refused_with_nothing_written(response, "bom giải nén", var_dir)


def test_oversize_csv_refused_by_the_form(cast, login, settings, var_dir):
    settings.SAUSAT_MAX_IMPORT_BYTES = 64 * 1024
    big = ("Nội dung ý kiến\n" + "Đề nghị sửa đường liên thôn\n" * 4000).encode()
    response = _upload(login(cast.secretary), make_meeting(cast), big, "lon.csv")
    assert response.status_code == 400 and "vượt giới hạn" in response.content.decode()
    assert Opinion.all_objects.count() == 0 and _stash_files(var_dir) == []


def test_upload_past_the_hard_cap_is_not_buffered(cast, login, settings, var_dir):
    settings.SAUSAT_MAX_UPLOAD_BYTES = 256 * 1024
    big = b"Noi dung y kien\n" + b"y kien\n" * 100_000  # ~700 KB
    response = _upload(login(cast.secretary), make_meeting(cast), big, "lon.csv")
    assert response.status_code == 400 and "vượt giới hạn" in response.content.decode()
    assert Opinion.all_objects.count() == 0 and _stash_files(var_dir) == []


def test_csv_with_too_many_rows_refused(cast, login, var_dir):
    rows = "Nội dung ý kiến\n" + "".join(f"Ý kiến số {i}\n" for i in range(20_001))
    response = _upload(login(cast.secretary), make_meeting(cast), rows.encode(), "nhieu.csv")
    _refused_with_nothing_written(response, "tối đa 20.000", var_dir)


def _xlsx(n: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for i in range(n):
        ws.append([f"Người {i}", "Xã A", f"Ý kiến số {i} về đường giao thông nông thôn", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_large_import_runs_as_a_job_and_the_upload_is_deleted(cast, login, settings, var_dir):
    settings.SAUSAT_IMPORT_BACKGROUND_ROWS = 5
    meeting = make_meeting(cast)
    client = login(cast.secretary)
    content = _xlsx(12)
    dry = _upload(client, meeting, content, "phieu.xlsx")
    assert dry.status_code == 200 and dry.context["background"] and len(_stash_files(var_dir)) == 1
    digest = dry.context["file_hash"]
    assert digest == uploads.sha256(content)
    confirm = client.post(
        reverse("opinions:import", args=[meeting.pk]),
        {"step": "confirm", "file_hash": digest, "filename": "phieu.xlsx", "mode": "all"},
    )
    job = Job.objects.get(kind=import_paper_job.module_path)
    assert confirm.status_code == 302 and confirm["Location"] == reverse("core:job_status", args=[job.pk])
    assert Opinion.objects.count() == 0  # nothing written inside the request
    assert run_worker(once=True) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result["created"] == 12 and job.result["sha256"] == digest
    assert job.result["url"] == reverse("meetings:detail", args=[meeting.pk])
    assert Opinion.objects.filter(meeting=meeting).count() == 12
    assert _stash_files(var_dir) == []  # the upload is gone; its hash and report stay in the audit
    audit = AuditEvent.objects.get(verb="opinion.import")
    assert audit.after["sha256"] == digest and audit.after["created"] == 12 and audit.after["rows"] == 12
    status = client.get(reverse("core:job_status", args=[job.pk]))
    assert status.status_code == 200 and "Nhập phiếu lấy ý kiến" in status.content.decode()


def test_small_import_deletes_the_upload_and_keeps_the_report(cast, login, var_dir):
    meeting = make_meeting(cast)
    client = login(cast.secretary)
    rows = "Họ và tên,Nội dung ý kiến\nA,Ý kiến một\nB,\n".encode()
    dry = _upload(client, meeting, rows, "phieu.csv")
    assert dry.context["n_errors"] == 1 and not dry.context["background"]
    done = client.post(
        reverse("opinions:import", args=[meeting.pk]),
        {"step": "confirm", "file_hash": dry.context["file_hash"], "filename": "phieu.csv", "mode": "valid_only"},
    )
    assert done.status_code == 302 and Opinion.objects.count() == 1
    assert _stash_files(var_dir) == []
    after = AuditEvent.objects.get(verb="opinion.import").after
    assert after["sha256"] == uploads.sha256(rows)
    assert after["errors"] == [{"row": 3, "errors": ["Thiếu nội dung ý kiến."]}]
