"""The hamlet import reads bounded: bombs refused, the upload waits on disk (not in the session) and is deleted."""

from __future__ import annotations

import io

import pytest

from sausat.core import uploads
from sausat.core.models import AuditEvent
from sausat.core.tests.test_uploads import HEAD, _row, xlsx_with_sheet
from sausat.geo.models import AdministrativeUnit, Level
from sausat.geo.tests.test_hamlets import xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def _stash_files(var_dir) -> list:
    path = var_dir / "imports"
    return list(path.iterdir()) if path.exists() else []


def _post(client, cast, content: bytes, name: str):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(f"/dia-ban/{cast.province.code}/nhap-thon/", {"action": "check", "file": upload})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            xlsx_with_sheet(HEAD + b"<sheetData>" + _row(1) + _row(6_000_000) + b"</sheetData></worksheet>"),
            "quá nhiều dòng",
        ),
        (xlsx_with_sheet(HEAD + b"<sheetData>", b" " * (8 * uploads.MB), b"</sheetData></worksheet>"), "bom giải nén"),
        (b"Ma xa,Ten thon,Loai\n" + b"x" * (uploads.CSV_MAX_LINE + 1) + b"\n", "dài quá"),
    ],
)
def test_hostile_files_refused_with_nothing_kept(cast, login, var_dir, content, message):
    client = login(cast.secretary)
    response = _post(client, cast, content, "thon.csv" if message == "dài quá" else "thon.xlsx")
    assert response.status_code == 400 and message in response.content.decode()
    assert _stash_files(var_dir) == []
    assert not any(k.startswith("geo_hamlet_import") for k, _ in client.session.items())


def test_upload_kept_on_disk_until_confirmed_then_deleted(cast, login, var_dir):
    client = login(cast.secretary)
    content = xlsx([[cast.commune_a.official_code, "Đông Thạnh", "thôn"]])
    assert _post(client, cast, content, "thon.xlsx").status_code == 200
    stored = [v for k, v in client.session.items() if k.startswith("geo_hamlet_import")]
    assert stored == [{"name": "thon.xlsx", "sha256": uploads.sha256(content)}]  # no file bytes in the session
    assert len(_stash_files(var_dir)) == 1
    client.post(f"/dia-ban/{cast.province.code}/nhap-thon/", {"action": "confirm"})
    assert AdministrativeUnit.objects.filter(level=Level.HAMLET, parent=cast.commune_a).count() == 1
    assert _stash_files(var_dir) == []
    assert AuditEvent.objects.get(verb="geo.import_hamlets").after["sha256"] == uploads.sha256(content)
