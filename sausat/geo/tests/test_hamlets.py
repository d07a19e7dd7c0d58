import datetime as dt
import io

import openpyxl
import pytest

from sausat.core.models import AuditEvent
from sausat.geo import services
from sausat.geo.models import AdministrativeUnit, DivisionType, Level

pytestmark = pytest.mark.django_db


def xlsx(rows, header=services.HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows) -> bytes:
    lines = [",".join(services.HEADER)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


@pytest.fixture
def good_rows(cast):
    a, b = cast.commune_a, cast.commune_b
    return [
        [a.official_code, "Đông Thạnh", "thôn"],
        [int(a.official_code), "Ấp Tân Phú", "ấp"],
        [b.name, "Tổ dân phố 3", "tổ dân phố"],
        [b.short_name, "Số 4", "to dan pho"],
    ]


def hamlets_of(province):
    return AdministrativeUnit.objects.filter(level=Level.HAMLET, parent__parent=province)


def test_valid_file_imports_with_codes_paths_and_one_audit_row(cast, good_rows):
    audits = AuditEvent.objects.count()
    result = services.import_hamlets(cast.secretary, cast.province, xlsx(good_rows), dry_run=False, filename="t.xlsx")
    assert result.written and result.created == 4 and not result.errors
    assert AuditEvent.objects.count() == audits + 1
    audit = AuditEvent.objects.latest("id")
    assert audit.verb == "geo.import_hamlets" and audit.after["created"] == 4
    dong = AdministrativeUnit.objects.get(name="Thôn Đông Thạnh")
    assert dong.parent == cast.commune_a and dong.division_type == DivisionType.THON
    assert dong.code == f"h{cast.commune_a.official_code}-1"
    assert dong.path == f"{cast.commune_a.path}{dong.code}/"
    assert dong.scope_path.startswith(cast.commune_a.scope_path)
    assert dong.search_key == "thon dong thanh"
    assert dong.valid_from == cast.commune_a.valid_from and dong.valid_to is None
    assert not AdministrativeUnit.objects.on(dt.date(2024, 1, 1)).filter(level=Level.HAMLET).exists()
    tan_phu = AdministrativeUnit.objects.get(parent=cast.commune_a, short_name="Tân Phú")
    assert tan_phu.name == "Ấp Tân Phú" and tan_phu.code.endswith("-2")
    assert hamlets_of(cast.province).filter(parent=cast.commune_b).count() == 2


def test_reimporting_the_same_file_creates_no_duplicates(cast, good_rows):
    data = xlsx(good_rows)
    services.import_hamlets(cast.secretary, cast.province, data, dry_run=False, filename="t.xlsx")
    again = services.import_hamlets(cast.secretary, cast.province, data, dry_run=False, filename="t.xlsx")
    assert again.created == 0 and len(again.existing_rows) == 4
    assert hamlets_of(cast.province).count() == 4
    # Another tone placement of the same name is the same hamlet.
    tone = services.import_hamlets(
        cast.secretary,
        cast.province,
        csv_bytes([[cast.commune_a.official_code, "Hoà Bình", "thôn"]]),
        dry_run=False,
        filename="a.csv",
    )
    assert tone.created == 1
    tone2 = services.import_hamlets(
        cast.secretary,
        cast.province,
        csv_bytes([[cast.commune_a.official_code, "Hòa Bình", "Thôn"]]),
        dry_run=False,
        filename="b.csv",
    )
    assert tone2.created == 0
    assert AdministrativeUnit.objects.get(parent=cast.commune_a, short_name="Hoà Bình").code.endswith("-3")


def test_bad_rows_are_reported_in_vietnamese_and_nothing_is_written(cast):
    other_province_commune = (
        AdministrativeUnit.objects.current().filter(level=Level.COMMUNE).exclude(parent=cast.province).first()
    )
    rows = [
        ["99999", "Thôn Một", "thôn"],  # unknown code
        [other_province_commune.official_code, "Thôn Hai", "thôn"],  # another province
        [cast.commune_a.official_code, "", "thôn"],  # empty name
        [cast.commune_a.official_code, "Ba", "làng"],  # bad type
        [cast.commune_a.official_code, "Bốn", "thôn"],
        [cast.commune_a.official_code, "Thôn Bốn", "Thôn"],  # duplicate in file
        ["Xã Không Có Thật", "Năm", "thôn"],  # unknown name
    ]
    audits = AuditEvent.objects.count()
    result = services.import_hamlets(cast.secretary, cast.province, xlsx(rows), dry_run=False, filename="bad.xlsx")
    assert not result.written
    messages = {row.line: " ".join(row.errors) for row in result.rows}
    assert "Không có xã, phường nào mang mã" in messages[2]
    assert "không thuộc" in messages[3]
    assert "Thiếu tên" in messages[4]
    assert "không hợp lệ" in messages[5]
    assert messages[6] == ""
    assert "Trùng với dòng 6" in messages[7]
    assert "Không tìm thấy" in messages[8]
    assert hamlets_of(cast.province).count() == 0
    assert AuditEvent.objects.count() == audits
    only_valid = services.import_hamlets(
        cast.secretary, cast.province, xlsx(rows), dry_run=False, filename="bad.xlsx", valid_only=True
    )
    assert only_valid.written and only_valid.created == 1
    assert hamlets_of(cast.province).get().name == "Thôn Bốn"


def test_dry_run_writes_nothing(cast, good_rows):
    result = services.import_hamlets(cast.secretary, cast.province, xlsx(good_rows), dry_run=True, filename="t.xlsx")
    assert len(result.new_rows) == 4 and not result.written
    assert hamlets_of(cast.province).count() == 0


def test_unreadable_files_are_refused(cast):
    with pytest.raises(services.HamletFileError):
        services.import_hamlets(cast.secretary, cast.province, b"not a workbook", filename="x.xlsx")
    with pytest.raises(services.HamletFileError):
        services.import_hamlets(cast.secretary, cast.province, b"a,b", filename="x.pdf")
    with pytest.raises(services.HamletFileError):
        services.import_hamlets(cast.secretary, cast.province, csv_bytes([]), filename="x.csv")


def test_import_page_dry_run_then_confirm(cast, good_rows, login):
    client = login(cast.secretary)
    url = f"/dia-ban/{cast.province.code}/nhap-thon/"
    assert client.get(url).status_code == 200
    template = client.get(url + "mau.xlsx")
    assert template.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == services.HEADER
    upload = io.BytesIO(xlsx(good_rows))
    upload.name = "thon.xlsx"
    checked = client.post(url, {"action": "check", "file": upload})
    assert checked.status_code == 200
    assert "Xác nhận nhập" in checked.content.decode()
    assert hamlets_of(cast.province).count() == 0
    done = client.post(url, {"action": "confirm"}, follow=True)
    assert done.status_code == 200
    assert hamlets_of(cast.province).count() == 4


def test_import_page_with_errors_needs_the_valid_only_choice(cast, login):
    client = login(cast.admin)
    url = f"/dia-ban/{cast.province.code}/nhap-thon/"
    upload = io.BytesIO(
        csv_bytes([[cast.commune_a.official_code, "Một", "thôn"], [cast.commune_a.official_code, "Hai", "xóm"]])
    )
    upload.name = "thon.csv"
    checked = client.post(url, {"action": "check", "file": upload})
    assert "không hợp lệ" in checked.content.decode()
    refused = client.post(url, {"action": "confirm"})
    assert refused.status_code == 400 and hamlets_of(cast.province).count() == 0
    client.post(url, {"action": "confirm", "valid_only": "1"})
    assert hamlets_of(cast.province).count() == 1


@pytest.mark.parametrize("who", ["commune_b_cadre", "leader", "citizen", "responder"])
def test_import_page_is_404_for_everyone_else(cast, login, who):
    client = login(getattr(cast, who))
    url = f"/dia-ban/{cast.province.code}/nhap-thon/"
    assert client.get(url).status_code == 404
    assert client.get(url + "mau.xlsx").status_code == 404
    assert client.post(url, {"action": "confirm"}).status_code == 404


def test_secretary_of_one_province_gets_404_for_another(cast, login):
    other = AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).exclude(pk=cast.province.pk).first()
    assert login(cast.secretary).get(f"/dia-ban/{other.code}/nhap-thon/").status_code == 404
    assert login(cast.secretary).get("/dia-ban/w00000/nhap-thon/").status_code == 404


def test_khu_vuc_and_khom_are_hamlet_types(cast):
    """Hậu Giang and Cần Thơ call urban hamlets "khu vực" and "khóm" (seed 000: "ấp, khu vực")."""
    from sausat.geo.naming import committee_name, unit_phrase

    a = cast.commune_a
    rows = [[a.official_code, "Khu vực 3", "khu vực"], [a.official_code, "Khóm 2", "Khóm"]]
    result = services.import_hamlets(cast.secretary, cast.province, xlsx(rows), dry_run=False, filename="t.xlsx")
    assert result.created == 2 and not result.errors
    khu_vuc = AdministrativeUnit.objects.get(parent=a, name="Khu vực 3")
    khom = AdministrativeUnit.objects.get(parent=a, name="Khóm 2")
    assert (khu_vuc.division_type, khom.division_type) == (DivisionType.KHU_VUC, DivisionType.KHOM)
    assert unit_phrase(khom) == "khóm 2" and committee_name(khu_vuc) == "Chi bộ khu vực 3"
