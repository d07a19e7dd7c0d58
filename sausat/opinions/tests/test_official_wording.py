"""Issue 18: an opinion's received date, the notice's header lines by unit type, official wording."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db.models.utils import get_blank_choice_label
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ
from sausat.geo.models import AdministrativeUnit
from sausat.liaison.periods import parse_period
from sausat.meetings import services as meeting_services
from sausat.opinions import notice, services
from sausat.opinions.models import Channel, Outcome
from sausat.opinions.views.exports import register_rows
from sausat.people.models import Organ
from sausat.people.services import seed_organs

pytestmark = pytest.mark.django_db
MEETING_DAY = dt.datetime(2021, 4, 27, 8, 0, tzinfo=VN_TZ)


def _meeting(cast, unit, organ=None):
    return meeting_services.create_meeting(
        actor=cast.secretary,
        title="Hội nghị đối thoại",
        starts_at=MEETING_DAY,
        unit=unit,
        organ=organ,
        place="Hội trường",
    )


def test_paper_and_live_opinions_are_received_on_the_meeting_day(cast):
    meeting = _meeting(cast, cast.province)
    made = {
        channel: services.register_opinion(
            actor=cast.secretary,
            text=f"Ý kiến qua kênh {channel}",
            channel=channel,
            unit=cast.commune_a,
            meeting=meeting,
            idempotency_key=f"received-{channel}",
            author_name="Nguyễn Văn A",
        )
        for channel in (Channel.PAPER, Channel.LIVE, Channel.ONLINE)
    }
    assert made[Channel.PAPER].received_on == dt.date(2021, 4, 27)
    assert made[Channel.LIVE].received_on == dt.date(2021, 4, 27)
    # An online opinion is received when it is sent (today, in this test).
    assert made[Channel.ONLINE].received_on != dt.date(2021, 4, 27)
    rows = {row[0]: row[1] for row in register_rows(meeting.opinions.all())}
    assert rows[made[Channel.PAPER].pk] == dt.date(2021, 4, 27)


def test_opinion_page_shows_the_received_date(cast, login):
    meeting = _meeting(cast, cast.province)
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Ý kiến trên phiếu",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        meeting=meeting,
        idempotency_key="received-page",
        author_name="Nguyễn Văn B",
    )
    page = login(cast.secretary).get(reverse("opinions:detail", args=[opinion.pk]))
    assert page.status_code == 200
    assert "27/04/2021" in page.content.decode()


# The notice is issued by the office that issues such notices (rules B.8): the Party committee's
# Văn phòng under its committee, or the People's Committee's (a commune: Văn phòng HĐND và UBND).
@pytest.mark.parametrize(
    ("code", "key", "superior", "issuing", "symbol", "place"),
    [
        ("p92", "party_standing", "THÀNH ỦY CẦN THƠ", "VĂN PHÒNG", "TB/VPTU", "Cần Thơ"),
        ("p91", "party_permanent", "TỈNH ỦY AN GIANG", "VĂN PHÒNG", "TB/VPTU", "An Giang"),
        ("w31321", "party_permanent", "ĐẢNG ỦY PHƯỜNG VỊ THANH", "VĂN PHÒNG", "TB/VPĐU", "Vị Thanh"),
        ("w31078", "party_committee", "ĐẢNG ỦY ĐẶC KHU PHÚ QUỐC", "VĂN PHÒNG", "TB/VPĐU", "Phú Quốc"),
        (
            "w31441",
            "peoples_committee",
            "ỦY BAN NHÂN DÂN XÃ VỊ THỦY",
            "VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN",
            "TB-VP",
            "Vị Thủy",
        ),
    ],
)
def test_notice_header_follows_the_unit_type(cast, code, key, superior, issuing, symbol, place):
    unit = AdministrativeUnit.objects.get(code=code)
    seed_organs(actor=SystemActor(reason="test"), unit=unit)
    organ = Organ.objects.get(unit=unit, key=key)
    fields = notice.draft(_meeting(cast, unit, organ))
    assert (fields["superior_body"], fields["issuing_body"]) == (superior, issuing)
    assert (fields["symbol"], fields["place"]) == (symbol, place)
    assert fields["date"] == "27/04/2021"  # the meeting's day, not today
    if symbol.startswith("TB/"):
        assert (fields["authority"], fields["signer_title"]) == ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG")
        assert fields["recipients"].splitlines()[-1].startswith("Lưu Văn phòng ")
    else:
        assert (fields["authority"], fields["signer_title"]) == ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")
        assert fields["recipients"].splitlines()[-1] == "Lưu: VT"
    # Rendered by the one generator in the layout of the issuer (docs/documents.md).
    import docx

    document = docx.Document(io.BytesIO(notice.render(fields)))
    top = "\n".join(c.text for c in document.tables[0]._cells)
    party = symbol.startswith("TB/")
    assert ("ĐẢNG CỘNG SẢN VIỆT NAM" in top) == party and ("Độc lập - Tự do - Hạnh phúc" in top) != party
    assert (f"-{symbol}" if party else f"/{symbol}") in top and "ngày 27 tháng 4 năm 2021" in top


def test_notice_without_organ_names_the_peoples_committee_in_lower_case(cast):
    unit = AdministrativeUnit.objects.get(code="w31321")
    fields = notice.draft(_meeting(cast, unit))
    assert "Ủy ban nhân dân phường Vị Thanh tổ chức" in fields["body"]
    # Issued by the phường's Văn phòng HĐND và UBND, under its People's Committee.
    assert fields["superior_body"] == "ỦY BAN NHÂN DÂN PHƯỜNG VỊ THANH"
    assert fields["issuing_body"] == "VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN"


def test_official_wording():
    with translation.override("vi"):
        assert str(Channel.PAPER.label) == "Phiếu lấy ý kiến (văn bản)"
        assert str(Outcome.PETITIONED.label) == "Kiến nghị cấp có thẩm quyền"
        assert str(get_blank_choice_label()) == "- Chọn -"
        assert parse_period("2017-Q1", dt.date(2026, 1, 1)).label == "Quý I/2017"
    with translation.override("en"):
        assert str(get_blank_choice_label()) == "- Select an option -"


def test_register_xlsx_keeps_the_received_date_column(cast, login):
    meeting = _meeting(cast, cast.province)
    services.register_opinion(
        actor=cast.secretary,
        text="Ý kiến phát biểu",
        channel=Channel.LIVE,
        unit=cast.commune_a,
        meeting=meeting,
        idempotency_key="received-xlsx",
        author_name="Trần Văn C",
    )
    response = login(cast.secretary).get(reverse("meetings:register_xlsx", args=[meeting.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response))).active
    header = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=5)) if c.value]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    dates = [v for row in rows for v in row if isinstance(v, dt.datetime | dt.date)]
    assert header and dt.date(2021, 4, 27) in [d.date() if isinstance(d, dt.datetime) else d for d in dates]
