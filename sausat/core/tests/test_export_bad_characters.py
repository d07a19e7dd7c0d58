"""Rows stored before input normalisation removed control characters and non-characters must not
break any export: each download answers 200 and opens (issue 11, hole 3).

The bad rows are written with ``QuerySet.update`` on purpose, bypassing the services (and so the
normalisation), the way old data, an import script or a database console would leave them.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from sausat.core.exports.text import export_text
from sausat.textkit.normalize import UNSAFE_CHARACTERS

pytestmark = pytest.mark.django_db

# What both SQLite and PostgreSQL can store (no NUL, no lone surrogate) and XML 1.0 refuses or
# Unicode reserves: C0 controls, DEL, C1 controls, U+FFFE/U+FFFF, U+FDD0, a plane-end non-character.
BAD = "\x01\x08\x0b\x1f\x7f\x85\x9f\ufffe\uffff\ufdd0\U0001fffe\U0010ffff"


def bad(text: str) -> str:
    """``text`` with the bad characters around and inside it."""
    head, _, tail = text.partition(" ")
    return f"{BAD}{head}\uffff {tail}\x01{BAD}"


def _assert_clean_xlsx(content: bytes, *expected: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(content))
    values = [
        cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None
    ]
    texts = [v for v in values if isinstance(v, str)]
    assert not any(UNSAFE_CHARACTERS.search(t) for t in texts)
    joined = "\n".join(texts)
    for text in expected:
        assert text in joined, text


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _assert_clean_docx(content: bytes, *expected: str) -> None:
    text = _docx_text(content)
    assert not UNSAFE_CHARACTERS.search(text)
    for part in expected:
        assert part in text, part


def test_opinions_register_xlsx_and_conclusion_notice_survive_bad_rows(cast, login):
    from sausat.meetings import services as meeting_services
    from sausat.meetings.models import Meeting, MeetingStatus
    from sausat.opinions import notice, services
    from sausat.opinions.models import Channel, IssueGroup, Opinion
    from sausat.opinions.tests.factories import make_meeting, responder_organ

    meeting = make_meeting(cast)
    meeting = meeting_services.set_status(actor=cast.secretary, meeting=meeting, status=MeetingStatus.OPEN)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Đánh giá cán bộ")
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Đề nghị sửa đường",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="bad-chars-1",
        meeting=meeting,
        group=group,
        author_name="Nguyễn Văn A",
    )
    services.assign(actor=cast.secretary, organ=responder_organ(cast), group=group)
    Opinion.objects.filter(pk=opinion.pk).update(text=bad("Đề nghị sửa đường"), author_name=bad("Nguyễn Văn A"))
    Opinion.objects.filter(pk=opinion.pk).update(text='\x01=HYPERLINK("http://x") ' + bad("Đề nghị"))
    IssueGroup.objects.filter(pk=group.pk).update(title=bad("Đánh giá cán bộ"))
    Meeting.objects.filter(pk=meeting.pk).update(title=bad("Hội nghị đối thoại"), place=bad("Hội trường tỉnh"))
    client = login(cast.secretary)

    response = client.get(reverse("meetings:register_xlsx", args=[meeting.pk]))
    assert response.status_code == 200
    _assert_clean_xlsx(response.content, "Đánh giá cán bộ", "Nguyễn Văn A")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = next(c for c in sheet["F"] if c.value and "HYPERLINK" in c.value)
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")  # neutralised after the clean-up

    assert client.get(reverse("meetings:notice", args=[meeting.pk])).status_code == 200
    fields = notice.draft(meeting)  # what the page pre-fills: the stored titles, bad characters included
    assert "\uffff" in fields["body"]
    fields["signer"] = bad("Nguyễn Văn B")
    response = client.post(reverse("meetings:notice", args=[meeting.pk]), fields)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    _assert_clean_docx(response.content, "Đánh giá cán bộ", "Hội nghị đối thoại", "Nguyễn Văn B")


def test_liaison_review_exports_survive_bad_rows(cast, login):
    from sausat.geo.models import AdministrativeUnit
    from sausat.liaison import services
    from sausat.people.models import Person

    decision = services.create_decision(
        actor=cast.secretary,
        unit=cast.province,
        number="15-QĐ/TU",
        issued_on=dt.date(2025, 9, 1),
        issuing_body="Ban Thường vụ Thành ủy",
        term_start=dt.date(2025, 9, 1),
        visits_required=2,
    )
    cadre = Person.objects.get(user=cast.liaison)
    services.assign_cadre(
        actor=cast.secretary, decision=decision, cadre=cadre, unit=cast.commune_a, start_date=dt.date(2025, 9, 1)
    )
    Person.objects.filter(pk=cadre.pk).update(full_name=bad("Trần Thị Theo Dõi"))
    AdministrativeUnit.objects.filter(pk=cast.commune_a.pk).update(name=bad("Xã Thử Nghiệm"))
    client = login(cast.secretary)

    response = client.get(reverse("liaison:review_xlsx"))
    assert response.status_code == 200
    _assert_clean_xlsx(response.content, "Trần Thị Theo Dõi", "Xã Thử Nghiệm")
    response = client.get(reverse("liaison:review_docx"))
    assert response.status_code == 200
    _assert_clean_docx(response.content, "Trần Thị Theo Dõi", "Xã Thử Nghiệm")


def test_directives_quarterly_pack_survives_bad_rows(cast, login):
    from sausat.directives import services
    from sausat.directives.models import DirectingDocument, DocumentKind, Task
    from sausat.people.models import Organ

    organs = {o.short_name: o for o in Organ.objects.filter(unit=cast.province)}
    document = services.register_document(
        actor=cast.secretary,
        kind=DocumentKind.CONCLUSION,
        issuing_organ=organs["Thành ủy"],
        number="12",
        symbol="KL/TU",
        date=dt.date(2026, 1, 5),
        title="Kết luận về công tác quý I",
        unit=cast.province,
    )
    task = services.add_task(
        actor=cast.secretary,
        document=document,
        title="Sửa trường học",
        lead_organ=organs["Sở Nội vụ"],
        deadline_kind="fixed",
        deadline_date=dt.date(2026, 2, 1),
    )
    Task.objects.filter(pk=task.pk).update(title=bad("Sửa trường học"))
    DirectingDocument.objects.filter(pk=document.pk).update(title=bad("Kết luận về công tác"))
    Organ.objects.filter(pk=organs["Sở Nội vụ"].pk).update(name=bad("Sở Nội vụ"), short_name=bad("Sở Nội vụ"))
    client = login(cast.secretary)
    query = "?year=2026&quarter=1&scope=province"

    response = client.get(reverse("directives:pack_xlsx") + query)
    assert response.status_code == 200
    _assert_clean_xlsx(response.content, "Sửa trường học", "Kết luận về công tác", "Sở Nội vụ")
    response = client.get(reverse("directives:pack_docx") + query)
    assert response.status_code == 200
    _assert_clean_docx(response.content, "Sửa trường học", "Sở Nội vụ")


def test_hamlet_template_survives_a_bad_commune_name(cast, login):
    from sausat.geo.models import AdministrativeUnit

    AdministrativeUnit.objects.filter(pk=cast.commune_a.pk).update(name=bad("Xã Thử Nghiệm"))
    response = login(cast.secretary).get(reverse("geo:hamlet_template", args=[cast.province.code]))
    assert response.status_code == 200
    _assert_clean_xlsx(response.content, "Xã Thử Nghiệm")


def test_export_text_keeps_text_and_drops_only_what_breaks_files():
    assert export_text("Nguyễn\tVăn\nA 👨\u200d👩\u200d👧") == "Nguyễn\tVăn\nA 👨\u200d👩\u200d👧"
    assert export_text("a\r\nb\rc") == "a\nb\nc"
    assert export_text(f"x{BAD}\x00\ud800\udfffy") == "xy"
    assert export_text(None) == "" and export_text(12) == "12"


# Beyond what a database stores: NUL and lone surrogates can still reach a writer from a form or a file.
WORST = BAD + "\x00\ud800\udfff"


def test_core_writers_accept_every_bad_character_anywhere():
    from sausat.core.exports.official_document import (
        AdminDocument,
        Bullets,
        Heading,
        Paragraph,
        Signature,
        Table,
        render_docx,
    )
    from sausat.core.exports.xlsx import Sheet, write_xlsx

    content = write_xlsx(
        [Sheet(f"Ý kiến{WORST}", [f"Nội dung{WORST}"], [[f"Đường{WORST}"], [f"\x01{WORST}=1+2"], [WORST]])]
    )
    _assert_clean_xlsx(content, "Nội dung", "Đường")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Ý kiến"
    assert sheet["A3"].value == "'=1+2" and sheet["A3"].data_type == "s"

    def w(text):
        return f"{text}{WORST}"

    doc = AdminDocument(
        issuing_body=w("Tỉnh ủy"), superior_body=w("Đảng bộ"), number=w("1"), symbol=w("TB/TU"), place=w("Cần Thơ"),
        date=dt.date(2026, 12, 1), doc_type=w("Thông báo"), title=w("Kết luận"),
        blocks=[Heading(w("Mục")), Paragraph(w("Đoạn")), Bullets([w("Ý")]), Table([w("Cột")], [[w("Ô"), 1]])],
        recipients=[w("Lưu")], signature=Signature(w("TM."), w("BÍ THƯ"), w("Nguyễn Văn A")),
    )  # fmt: skip
    content = render_docx(doc)
    _assert_clean_docx(content, "Kết luận", "Đoạn", "Ô", "Nguyễn Văn A", "Cần Thơ")
    assert docx.Document(io.BytesIO(content)).core_properties.title == "Thông báo Kết luận"
