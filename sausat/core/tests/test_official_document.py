"""The one generator, checked on its XML against a written checklist per rule (docs/documents.md).

For the issuing bodies of real units of every commune-level type and both provincial types (a
province, a centrally-run city, a xã, a phường, an đặc khu), each in both layouts: the state layout of
Nghị định 30/2020/NĐ-CP (Phụ lục I) and the Party layout of Hướng dẫn 36-HD/VPTW under QĐ 66-QĐ/TW.
Nothing below names a province or a body: expectations come from the unit's type (geo.naming).
"""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from sausat.core.actors import SystemActor
from sausat.core.exports.official_document import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    PARTY_NAME,
    Authority,
    Bullets,
    Heading,
    Layout,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    date_line,
    render_docx,
    spec,
)
from sausat.core.exports.official_layouts import normalise_authority, number_line
from sausat.geo import naming as geo
from sausat.geo.models import AdministrativeUnit, DivisionType
from sausat.people import documents
from sausat.people.models import Person, Position
from sausat.people.services import seed_organs

DAY = dt.date(2026, 12, 5)
JANUARY = dt.date(2026, 1, 9)
CODES = {
    "province": ("p91", DivisionType.TINH),
    "city": ("p92", DivisionType.THANH_PHO_TRUNG_UONG),
    "xa": ("w31441", DivisionType.XA),
    "phuong": ("w31321", DivisionType.PHUONG),
    "dac_khu": ("w31078", DivisionType.DAC_KHU),
}


# --- the checklist: one function per rule, each citing it ------------------------------------------


def _runs(paragraph):
    return [r for r in paragraph.runs if r.text]


def _is_rule(p_element) -> bool:
    """A drawn rule: an empty paragraph with a solid bottom border."""
    bottom = p_element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    return bottom is not None and bottom.get(qn("w:val")) == "single" and not _text(p_element).strip()


def _text(p_element) -> str:
    return docx.text.paragraph.Paragraph(p_element, None).text


def _para(cell, text):
    return next(p for p in cell.paragraphs if p.text == text)


def _size(paragraph) -> float:
    return _runs(paragraph)[0].font.size.pt


def check_fonts_and_page(document):
    """NĐ 30 Phụ lục I, Mục I: Times New Roman, A4, margins 20–25 / 20–25 / 30–35 / 15–20 mm (HD 36 alike)."""
    section = document.sections[0]
    assert section.page_width == pytest.approx(Mm(210), abs=Mm(0.5))
    assert section.left_margin == pytest.approx(Mm(30), abs=Mm(0.5))
    for p in _all_paragraphs(document):
        for run in _runs(p):
            assert run.font.name == "Times New Roman", run.text
            assert run._element.rPr.rFonts.get(qn("w:hAnsi")) == "Times New Roman"


def check_top_right(document, layout):
    """NĐ 30 II.1: Quốc hiệu in hoa 12–13 đậm; tiêu ngữ 13–14 đậm, a drawn line as long as it.
    HD 36: "ĐẢNG CỘNG SẢN VIỆT NAM" in hoa 15 đậm, a drawn line under it."""
    cell = document.tables[0].rows[0].cells[1]
    if layout == Layout.STATE_ND30:
        name, motto = _para(cell, NATIONAL_NAME), _para(cell, NATIONAL_MOTTO)
        assert 12 <= _size(name) <= 13 and _runs(name)[0].bold
        assert 13 <= _size(motto) <= 14 and _runs(motto)[0].bold and not _runs(motto)[0].underline
        last = motto
        assert PARTY_NAME not in cell.text
    else:
        last = _para(cell, PARTY_NAME)
        assert _size(last) == 15 and _runs(last)[0].bold
        assert NATIONAL_NAME not in cell.text and NATIONAL_MOTTO not in cell.text
    assert _is_rule(last._p.getnext()), "the drawn rule under the motto / the Party's name"
    rule = last._p.getnext()
    # As long as the line of text: the indents leave a rule over half of the cell and inside it.
    length = _rule_twips(rule, spec(layout).column_widths_mm[1])
    assert Mm(spec(layout).column_widths_mm[1]).twips * 0.5 < length < Mm(spec(layout).column_widths_mm[1]).twips


def _rule_twips(rule, cell_mm: float) -> int:
    ind = rule.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    return Mm(cell_mm).twips - int(ind.get(qn("w:left"))) - int(ind.get(qn("w:right")))


def check_issuing_body(document, layout, superior, issuing):
    """NĐ 30 II.2: superior in hoa 12–13 đứng; issuing in hoa 12–13 đứng đậm; a drawn line 1/3–1/2 under it.
    HD 36: superior in hoa 14 đứng; issuing in hoa 14 đậm; "*" under it."""
    cell = document.tables[0].rows[0].cells[0]
    sizes = (12, 13) if layout == Layout.STATE_ND30 else (14, 14)
    if superior:
        p = _para(cell, superior)
        assert superior == superior.upper() and not _runs(p)[0].bold and sizes[0] <= _size(p) <= sizes[1]
    p = _para(cell, issuing)
    assert issuing == issuing.upper() and _runs(p)[0].bold and sizes[0] <= _size(p) <= sizes[1]
    following = p._p.getnext()
    if layout == Layout.STATE_ND30:
        assert _is_rule(following)
        # 1/3–1/2 of the issuing line's length, which itself is at most the cell's width.
        length = _rule_twips(following, spec(layout).column_widths_mm[0])
        assert 0 < length <= Mm(spec(layout).column_widths_mm[0]).twips / 2
    else:
        assert _text(following) == "*"


def check_number(document, layout, number, symbol):
    """NĐ 30 II.3: "Số: 12/TB-VPUBND", 13 đứng. HD 36: "Số 12-TB/VPTU", no colon, 14 đứng."""
    p = document.tables[0].rows[1].cells[0].paragraphs[0]
    if layout == Layout.STATE_ND30:
        assert p.text == f"Số: {number}/{symbol}" and re.fullmatch(r"Số: \d+/TB-[A-ZĐ&]+", p.text)
        assert _size(p) == 13
    else:
        assert p.text == f"Số {number}-{symbol}" and re.fullmatch(r"Số \d+-TB/[A-ZĐ]+", p.text)
        assert ":" not in p.text and _size(p) == 14
    assert not _runs(p)[0].bold and not _runs(p)[0].italic


def check_date_line(document, place, day):
    """NĐ 30 II.4: in thường 13–14 nghiêng; day < 10 and months 1, 2 take a leading 0. HD 36: 14 nghiêng."""
    p = document.tables[0].rows[1].cells[1].paragraphs[0]
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    assert p.text == f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
    assert _runs(p)[0].italic and 13 <= _size(p) <= 14


def check_type_and_title(document, layout):
    """NĐ 30 II.5: tên loại in hoa 13–14 đậm; trích yếu 14 đậm; a short drawn rule under it.
    HD 36: tên loại in hoa 15–16 đậm; trích yếu 14–15 đậm; dashes under it."""
    kind = next(p for p in document.paragraphs if p.text == "THÔNG BÁO")
    title = kind._p.getnext()
    low, high = (13, 14) if layout == Layout.STATE_ND30 else (15, 16)
    assert low <= _size(kind) <= high and _runs(kind)[0].bold and kind.alignment == 1
    assert _runs(docx.text.paragraph.Paragraph(title, None))[0].bold
    mark = title.getnext()
    if layout == Layout.STATE_ND30:
        assert _is_rule(mark)
    else:
        assert _text(mark).strip().startswith("---")


def check_signature(document, layout, authority, title, signer):
    """NĐ 30 II.7: "TM.", "KT.", "TL.", "TUQ." in hoa 13–14 đậm; name in thường đậm.
    HD 36: "T/M", "K/T", "T/L" in hoa 14 đậm; name 14 đậm."""
    cell = document.tables[-1].rows[0].cells[1]
    p = cell.paragraphs[0]
    assert p.text == authority and _runs(p)[0].bold
    if layout == Layout.STATE_ND30:
        assert re.match(r"^(TM|KT|TL|TUQ)\. [A-ZÀ-Ỹ ]+$", p.text) and "/" not in p.text
    else:
        assert re.match(r"^(T/M|K/T|T/L) [A-ZÀ-Ỹ ]+$", p.text) and "." not in p.text
    assert cell.paragraphs[1].text == title.upper()
    if signer:
        name = _para(cell, signer)
        assert _runs(name)[0].bold and 13 <= _size(name) <= 14


def check_recipients(document, layout, names, archive_line):
    """NĐ 30 II.9: "Nơi nhận:" 12 nghiêng đậm; entries 11 "- …;"; last "- Lưu: VT, …."
    HD 36: "Nơi nhận:" 14 gạch chân; entries 12 "- …,"; last "- Lưu Văn phòng …."."""
    cell = document.tables[-1].rows[0].cells[0]
    label, *entries = cell.paragraphs
    assert label.text == "Nơi nhận:"
    run = _runs(label)[0]
    if layout == Layout.STATE_ND30:
        assert run.bold and run.italic and run.font.size.pt == 12
        end, size = ";", 11
    else:
        assert run.underline and not run.italic and run.font.size.pt == 14
        end, size = ",", 12
    assert [e.text for e in entries] == [f"- {n}{end}" for n in names] + [archive_line]
    assert all(_size(e) == size for e in entries)


def check_page_numbers(document, layout):
    """NĐ 30 II.10 (Điều 13): page numbers 13–14, centred in the top margin, not on page 1. HD 36: from page 2."""
    section = document.sections[0]
    assert section._sectPr.find(qn("w:titlePg")) is not None
    header = section.header._element
    instr = "".join(t.text for t in header.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    assert section.header.paragraphs[0].alignment == 1
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))
    size = next(r for r in section.header.paragraphs[0].runs).font.size.pt
    assert size == spec(layout).page_number.size


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


# --- the units and their issuers ----------------------------------------------------------------------


@pytest.fixture
def bodies(units):
    found = {}
    for who, (code, kind) in CODES.items():
        unit = AdministrativeUnit.objects.get(code=code)
        assert unit.division_type == kind
        seed_organs(actor=SystemActor(reason="test"), unit=unit)
        found[who] = unit
    return found


def _render(who: documents.Issuer, signature: Signature, day=DAY, number="12") -> docx.document.Document:
    doc = OfficialDocument(
        **who.header(),
        number=number,
        symbol=who.symbol("TB"),
        date=day,
        doc_type="Thông báo",
        title="Kết luận tại hội nghị đối thoại",
        blocks=[
            Heading("1. Tình hình chung"),
            Paragraph("Nội dung."),
            Bullets(["Một", "Hai"]),
            Table(["STT", "Nội dung"], [[1, "Việc"]]),
        ],
        recipients=["Các cơ quan được giao nhiệm vụ", "Các đại biểu dự hội nghị"],
        archive=who.archive,
        signature=signature,
    )
    return docx.Document(io.BytesIO(render_docx(doc)))


def _expected_archive(layout: Layout, unit: AdministrativeUnit) -> str:
    if layout == Layout.STATE_ND30:
        return "- Lưu: VT."
    return f"- Lưu Văn phòng {geo.committee_word(unit)}."


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(CODES))
@pytest.mark.parametrize("layout", list(Layout))
def test_office_document_follows_the_checklist(bodies, who, layout):
    unit = bodies[who]
    issuer = documents.office_issuer(unit, party=layout == Layout.PARTY_HD36, on=DAY)
    assert issuer.layout == layout
    signature = documents.office_signature(issuer, DAY)
    document = _render(issuer, signature)
    place = geo.bare_name(unit)
    check_fonts_and_page(document)
    check_top_right(document, layout)
    check_issuing_body(document, layout, issuer.superior, issuer.issuing)
    check_number(document, layout, "12", issuer.symbol("TB"))
    check_date_line(document, place, DAY)
    check_type_and_title(document, layout)
    authority = "T/L BAN THƯỜNG VỤ" if layout == Layout.PARTY_HD36 else "TL. CHỦ TỊCH"
    check_signature(document, layout, authority, "Chánh Văn phòng", "")
    check_recipients(document, layout, ["Các cơ quan được giao nhiệm vụ", "Các đại biểu dự hội nghị"],
                     _expected_archive(layout, unit))  # fmt: skip
    check_page_numbers(document, layout)
    # The issuing lines are the unit type's: the office under its committee.
    if layout == Layout.PARTY_HD36:
        assert (issuer.superior, issuer.issuing) == (geo.upper(geo.committee_name(unit)), "VĂN PHÒNG")
        assert issuer.symbol("TB") == f"TB/VP{geo.party_symbol(unit)}"
    else:
        assert issuer.superior == geo.upper(f"Ủy ban nhân dân {geo.unit_phrase(unit)}")
        assert issuer.issuing.startswith("VĂN PHÒNG")


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(CODES))
@pytest.mark.parametrize("layout", list(Layout))
def test_committee_document_signs_for_the_collective(bodies, who, layout):
    unit = bodies[who]
    key = "party_standing" if layout == Layout.PARTY_HD36 else "peoples_committee"
    organ = unit.organs.get(key=key)
    issuer = documents.issuer(organ, on=DAY)
    signature = documents.office_signature(issuer, DAY)
    document = _render(issuer, Signature(signature.authority, signature.title, "Nguyễn Văn A", signature.kind),
                       day=JANUARY)  # fmt: skip
    check_fonts_and_page(document)
    check_top_right(document, layout)
    check_issuing_body(document, layout, issuer.superior, issuer.issuing)
    check_date_line(document, geo.bare_name(unit), JANUARY)
    if layout == Layout.PARTY_HD36:
        check_signature(document, layout, "T/M BAN THƯỜNG VỤ", "Bí thư", "Nguyễn Văn A")
        assert issuer.issuing == geo.upper(geo.committee_name(unit))
        # The superior line belongs to the tier below the province: "ĐẢNG BỘ THÀNH PHỐ …" over "ĐẢNG ỦY XÃ …".
        if unit.level == 1:
            assert issuer.superior == ""
        else:
            assert issuer.superior == geo.upper(geo.party_organisation(unit.parent))
        check_number(document, layout, "12", f"TB/{geo.party_symbol(unit)}")
    else:
        check_signature(document, layout, "TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Nguyễn Văn A")
        assert (issuer.superior, issuer.issuing) == ("", geo.upper(f"Ủy ban nhân dân {geo.unit_phrase(unit)}"))
        check_number(document, layout, "12", "TB-UBND")
    check_page_numbers(document, layout)


def test_date_and_number_rules():
    assert date_line("Cần Thơ", dt.date(2026, 12, 5)) == "Cần Thơ, ngày 05 tháng 12 năm 2026"
    assert date_line("Cần Thơ", dt.date(2026, 2, 15)) == "Cần Thơ, ngày 15 tháng 02 năm 2026"
    assert date_line("Cần Thơ", dt.date(2026, 3, 1)) == "Cần Thơ, ngày 01 tháng 3 năm 2026"
    assert date_line("Cần Thơ", dt.date(2026, 10, 10)) == "Cần Thơ, ngày 10 tháng 10 năm 2026"
    assert number_line(Layout.PARTY_HD36, "12", "TB/TU") == "Số 12-TB/TU"
    assert number_line(Layout.STATE_ND30, "12", "TB-VPUBND") == "Số: 12/TB-VPUBND"
    assert number_line(Layout.STATE_ND30, "", "BC-VP").startswith("Số: ") and "/BC-VP" in number_line(
        Layout.STATE_ND30, "", "BC-VP"
    )


def test_authority_words_follow_the_layout():
    # A caller's line in either form comes out in the document's layout.
    assert normalise_authority(Layout.PARTY_HD36, "TM. Ban Thường vụ") == "T/M BAN THƯỜNG VỤ"
    assert normalise_authority(Layout.STATE_ND30, "T/M Ủy ban nhân dân") == "TM. ỦY BAN NHÂN DÂN"
    assert normalise_authority(Layout.PARTY_HD36, "K/T Bí thư") == "K/T BÍ THƯ"
    assert normalise_authority(Layout.STATE_ND30, "KT. Chủ tịch") == "KT. CHỦ TỊCH"
    assert normalise_authority(Layout.STATE_ND30, "TUQ. Chủ tịch") == "TUQ. CHỦ TỊCH"
    assert normalise_authority(Layout.PARTY_HD36, "Ban Tổ chức") == "BAN TỔ CHỨC"
    sig = Signature.of(Authority.DEPUTY, "Bí thư", "Phó Bí thư", "Trần Văn B")
    assert sig.line(Layout.PARTY_HD36) == "K/T BÍ THƯ" and sig.line(Layout.STATE_ND30) == "KT. BÍ THƯ"


@pytest.mark.django_db
def test_chair_is_named_with_the_titles_held_on_the_day(bodies):
    unit = bodies["province"]
    committee = unit.organs.get(key="party_committee")
    person = Person.objects.create(full_name="Nguyễn Văn Chủ", home_unit=unit)
    Position.objects.create(person=person, title="Ủy viên Trung ương Đảng", unit=unit, sort_order=1,
                            start_date=dt.date(2021, 1, 30))  # fmt: skip
    Position.objects.create(person=person, title=f"Bí thư {geo.committee_word(unit)}", organ=committee, unit=unit,
                            sort_order=2, start_date=dt.date(2025, 7, 1))  # fmt: skip
    Position.objects.create(person=person, title="Chủ tịch HĐND tỉnh", unit=unit, sort_order=3,
                            start_date=dt.date(2021, 6, 1), end_date=dt.date(2025, 6, 30))  # fmt: skip
    assert documents.comrade(person, DAY) == (
        f"đồng chí Nguyễn Văn Chủ, Ủy viên Trung ương Đảng, Bí thư {geo.committee_word(unit)}"
    )
    assert documents.comrade(person, dt.date(2024, 1, 1)) == (
        "đồng chí Nguyễn Văn Chủ, Ủy viên Trung ương Đảng, Chủ tịch HĐND tỉnh"
    )
