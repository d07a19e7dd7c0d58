"""Article import against the database: units, persons, saving a meeting, the upload page."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from sausat.meetings.article_import import match_persons, province_unit_code
from sausat.textkit.articles import parse_article

pytestmark = pytest.mark.django_db

ARTICLE = """Lãnh đạo tỉnh đối thoại với thanh niên về khởi nghiệp

Cập nhật: 15/03/2024 | 09:00

Sáng ngày 14/3, tại Hội trường Tỉnh ủy, Thường trực Tỉnh ủy Hậu Giang tổ chức hội nghị đối thoại với thanh niên. Đồng chí Nghiêm Văn Thử, Bí thư Tỉnh ủy chủ trì hội nghị.

Hội nghị ghi nhận 40 ý kiến bằng văn bản và 8 ý kiến trực tiếp.
"""


def test_province_unit_code_prefers_the_era(units):
    assert province_unit_code("Hậu Giang", dt.date(2021, 4, 27)) == "L-p93"
    assert province_unit_code("Cần Thơ", dt.date(2021, 4, 27)) == "L-p92"
    assert province_unit_code("Cần Thơ", dt.date(2025, 9, 1)) == "p92"
    assert province_unit_code("Tỉnh Bến Tre", None) == "L-p83"
    assert province_unit_code("Hoà Bình", None) == province_unit_code("Hòa Bình", None)
    assert province_unit_code("Không Có", None) is None
    assert province_unit_code(None) is None


def test_match_persons_by_match_key(cast):
    from sausat.people.models import Person
    from sausat.people.services import create_person

    create_person(actor=cast.admin, full_name="Nghiêm Văn Thử", home_unit=cast.province)
    record = parse_article(ARTICLE)
    found = match_persons(record)
    person = Person.objects.get(full_name="Nghiêm Văn Thử")
    assert found == {"Nghiêm Văn Thử": [person.pk]}


def test_import_command_saves_a_meeting_only_when_confirmed(cast, tmp_path):
    from sausat.meetings.models import Meeting

    article = tmp_path / "bai.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(Exception, match="--confirm"):
        call_command("import_article", str(article), "--save", stdout=StringIO())
    assert not Meeting.objects.exists()
    out = StringIO()
    call_command("import_article", str(article), "--save", "--confirm", "--as", cast.secretary.username, stdout=out)
    meeting = Meeting.objects.get()
    assert meeting.unit.code == "L-p93"
    assert meeting.kind == "dialogue"
    assert meeting.place == "Hội trường Tỉnh ủy"
    assert "40" in meeting.minutes and "Nghiêm Văn Thử" in meeting.attendance


def test_upload_page_proposes_then_creates(cast, login):
    from sausat.meetings.models import Meeting

    client = login(cast.secretary)
    page = client.get("/van-ban/nhap-bai-bao/")
    assert page.status_code == 200
    proposal = client.post("/van-ban/nhap-bai-bao/", {"text": ARTICLE})
    assert proposal.status_code == 200
    form = proposal.context["confirm_form"]
    assert form.initial["meeting_date"] == dt.date(2024, 3, 14)
    assert form.initial["written"] == 40 and form.initial["direct"] == 8
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data["meeting_date"] = "2024-03-14"
    data["publish_date"] = "2024-03-15"
    data["province_unit"] = form.initial["province_unit"] or "L-p93"
    data["step"] = "save"
    done = client.post("/van-ban/nhap-bai-bao/", data)
    assert done.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.title == "Lãnh đạo tỉnh đối thoại với thanh niên về khởi nghiệp"


def test_upload_page_is_404_for_non_secretaries(cast, login):
    for user in (cast.citizen, cast.commune_b_cadre):
        client = login(user)
        assert client.get("/van-ban/nhap-bai-bao/").status_code == 404
        assert client.post("/van-ban/nhap-bai-bao/", {"text": ARTICLE}).status_code == 404


def test_saving_outside_the_secretary_scope_is_refused(cast, login):
    from sausat.meetings.models import Meeting

    client = login(cast.secretary)
    data = {
        "step": "save",
        "title": "Hội nghị",
        "kind": "dialogue",
        "meeting_date": "2024-03-14",
        "province_unit": "p01",
    }
    response = client.post("/van-ban/nhap-bai-bao/", data)
    assert response.status_code == 200
    assert response.context["confirm_form"].errors.get("province_unit")
    assert not Meeting.objects.exists()


NO_PROVINCE = """Đối thoại với thanh niên về khởi nghiệp

Cập nhật: 15/03/2024 | 09:00

Sáng ngày 14/3, Ban Thường vụ tổ chức hội nghị đối thoại với thanh niên tại hội trường.
Hội nghị ghi nhận 12 ý kiến bằng văn bản.
"""


def test_an_article_naming_no_province_defaults_to_the_office_province_marked_assumed(cast, login):
    client = login(cast.secretary)
    proposal = client.post("/van-ban/nhap-bai-bao/", {"text": NO_PROVINCE})
    assert proposal.status_code == 200
    assert proposal.context["record"].province is None
    assert proposal.context["confirm_form"].initial["province_unit"] == cast.province.code
    assert proposal.context["province_assumed"] is True
    assert 'id="province-assumed"' in proposal.text

    named = client.post("/van-ban/nhap-bai-bao/", {"text": ARTICLE})
    assert named.context["confirm_form"].initial["province_unit"] == "L-p93"
    assert named.context["province_assumed"] is False
    assert 'id="province-assumed"' not in named.text
