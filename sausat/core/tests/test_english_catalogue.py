"""The English catalogue is complete, and the domain apps' pages really speak English when the user chose it."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import trans_real

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|%%|%[sd]")


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def _msgstrs(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_entry_is_translated_and_none_is_fuzzy():
    untranslated = [
        e.msgid
        for e in _catalogue()
        if not e.obsolete and ("fuzzy" in e.flags or not all(s.strip() for s in _msgstrs(e)))
    ]
    assert not untranslated, f"{len(untranslated)} empty or fuzzy entries, e.g. {untranslated[:10]}"


def test_translations_keep_the_placeholders():
    broken = []
    for e in _catalogue():
        expected = sorted(PLACEHOLDER.findall(e.msgid))
        broken += [(e.msgid, s) for s in _msgstrs(e) if s and sorted(PLACEHOLDER.findall(s)) != expected]
    assert not broken, broken[:10]


# --- Pages of the domain apps in English ------------------------------------------------------------------------


class _Labels(HTMLParser):
    """Whole texts of the elements that only ever hold UI labels (never user data)."""

    TAGS = {"label", "th", "button", "legend", "dt"}

    def __init__(self):
        super().__init__()
        self.stack: list[list[str]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.TAGS:
            self.stack.append([])

    def handle_endtag(self, tag):
        if tag in self.TAGS and self.stack:
            self.texts.append(" ".join("".join(self.stack.pop()).split()))

    def handle_data(self, data):
        for parts in self.stack:
            parts.append(data)


@pytest.fixture(scope="module")
def vietnamese_msgids() -> set[str]:
    return {e.msgid for e in _catalogue() if e.msgstr and e.msgstr != e.msgid}


@pytest.fixture
def english(client, settings):
    """A test client whose user chose English (the language cookie), with the catalogue compiled."""
    call_command("compilepo", verbosity=0)
    trans_real._translations.clear()
    trans_real._default = None
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield client
    trans_real._translations.clear()
    trans_real._default = None


def _page(client, url: str, vietnamese_msgids: set[str], *, english: tuple[str, ...], not_vietnamese: tuple[str, ...]):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert 'lang="en"' in html, url
    for text in english:
        assert text in html, f"{url}: {text!r} missing"
    for text in not_vietnamese:
        assert text not in html, f"{url}: Vietnamese {text!r} still shown"
    parser = _Labels()
    parser.feed(html)
    leftovers = sorted({t for t in parser.texts if t in vietnamese_msgids})
    assert not leftovers, f"{url}: untranslated labels {leftovers}"
    return html


@pytest.fixture
def meeting(cast):
    from sausat.meetings import services
    from sausat.meetings.models import MeetingStatus
    from sausat.opinions import services as opinion_services
    from sausat.opinions.models import Channel

    meeting = services.create_meeting(
        actor=cast.secretary,
        title="Hội nghị đối thoại thử",
        starts_at=timezone.now() + dt.timedelta(days=7),
        place="Hội trường tỉnh",
        unit=cast.province,
        allow_anonymous=True,
    )
    meeting = services.set_status(actor=cast.secretary, meeting=meeting, status=MeetingStatus.OPEN)
    opinion_services.register_opinion(
        actor=cast.secretary,
        text="Đề nghị sửa đường liên xã trước mùa mưa.",
        channel=Channel.LIVE,
        unit=cast.province,
        meeting=meeting,
        author_name="Nguyễn Văn Thử",
        idempotency_key="english-catalogue-1",
    )
    return meeting


def test_meetings_and_opinions_pages_in_english(english, cast, meeting, vietnamese_msgids):
    english.force_login(cast.secretary)
    _page(
        english,
        "/hoi-nghi/",
        vietnamese_msgids,
        english=("Meetings and dialogues", "Create a meeting", "Organising unit"),
        not_vietnamese=("Tạo hội nghị", "Đơn vị tổ chức"),
    )
    _page(
        english,
        f"/hoi-nghi/{meeting.pk}/",
        vietnamese_msgids,
        english=("Latest opinions", "Taking opinions", "Online opinion form", "In person at the meeting"),
        not_vietnamese=("Ý kiến mới nhất", "Đang nhận ý kiến", "Trực tiếp tại hội nghị"),
    )
    _page(
        english,
        "/hoi-nghi/tao-moi/",
        vietnamese_msgids,
        english=("Meeting title", "Allow anonymous opinions", "Dialogue conference"),
        not_vietnamese=("Tên hội nghị", "Cho phép gửi ý kiến ẩn danh"),
    )
    _page(
        english,
        f"/hoi-nghi/{meeting.pk}/tong-hop/",
        vietnamese_msgids,
        english=("Opinion summary", "By channel", 'data-series-label="Number of opinions"', "Ungrouped"),
        not_vietnamese=("Tổng hợp ý kiến", "Chưa phân nhóm"),
    )
    _page(
        english,
        f"/y-kien/hoi-nghi/{meeting.pk}/phan-nhom/",
        vietnamese_msgids,
        english=("Group opinions", "Merge duplicates", "Create group"),
        not_vietnamese=("Gộp trùng", "Tạo nhóm"),
    )
    _page(
        english,
        f"/y-kien/hoi-nghi/{meeting.pk}/truc-tiep/",
        vietnamese_msgids,
        english=("Speaker", "Record opinion (Enter)"),
        not_vietnamese=("Người phát biểu", "Ghi ý kiến (Enter)"),
    )
    _page(
        english,
        "/y-kien/can-tra-loi/",
        vietnamese_msgids,
        english=("Opinions to answer",),
        not_vietnamese=("Ý kiến cần trả lời",),
    )
    # A flash message from a view, in English.
    response = english.post(
        f"/y-kien/hoi-nghi/{meeting.pk}/phan-nhom/thao-tac/",
        {"action": "create_group", "title": "Giao thông"},
        follow=True,
    )
    html = response.content.decode()
    assert "Issue group created." in html and "Đã tạo nhóm vấn đề." not in html


def test_public_opinion_form_in_english(english, cast, meeting, vietnamese_msgids):
    _page(
        english,
        f"/y-kien/gui/{meeting.form_token}/",
        vietnamese_msgids,
        english=("Your opinion", "Send anonymously", "Anonymity commitment", "At most 10.000 characters."),
        not_vietnamese=("Nội dung ý kiến", "Gửi ẩn danh", "Cam kết ẩn danh", "Tối đa"),
    )


def test_directives_pages_in_english(english, cast, vietnamese_msgids):
    from sausat.directives import services
    from sausat.directives.models import DocumentKind
    from sausat.people.models import Organ

    organ = Organ.objects.filter(unit=cast.province).order_by("pk").first()
    document = services.register_document(
        actor=cast.secretary,
        kind=DocumentKind.CONCLUSION,
        issuing_organ=organ,
        number="12",
        symbol="KL/TU",
        date=dt.date(2026, 1, 5),
        title="Kết luận về công tác quý I",
        unit=cast.province,
    )
    task = services.add_task(
        actor=cast.secretary,
        document=document,
        title="Nhiệm vụ thử",
        lead_organ=organ,
        deadline_kind="fixed",
        deadline_date=dt.date(2026, 3, 31),
    )
    english.force_login(cast.secretary)
    _page(
        english,
        "/chi-dao/",
        vietnamese_msgids,
        english=("Task board", "Lead"),
        not_vietnamese=("Bảng nhiệm vụ",),
    )
    _page(
        english,
        f"/chi-dao/van-ban/{document.pk}/",
        vietnamese_msgids,
        english=("Conclusion", "Assign a new task"),
        not_vietnamese=("Giao nhiệm vụ mới",),
    )
    _page(
        english,
        "/chi-dao/van-ban/moi/",
        vietnamese_msgids,
        english=("Document type", "Issuing organ", "Action programme implementing a resolution"),
        not_vietnamese=("Loại văn bản", "Chương trình hành động thực hiện nghị quyết"),
    )
    _page(
        english,
        f"/chi-dao/nhiem-vu/{task.pk}/",
        vietnamese_msgids,
        english=("Send progress report", "Completion rate (%)"),
        not_vietnamese=("Gửi báo cáo tiến độ", "Tỷ lệ hoàn thành"),
    )
    _page(
        english,
        "/chi-dao/ra-soat/",
        vietnamese_msgids,
        english=("Review: no task missed", "Tasks with no progress report in 30 days"),
        not_vietnamese=("Nhiệm vụ chưa báo cáo tiến độ",),
    )
    english.force_login(cast.leader)
    _page(
        english,
        "/chi-dao/tong-quan/",
        vietnamese_msgids,
        english=("Task implementation overview", 'data-overdue-label="Overdue tasks"'),
        not_vietnamese=("Tổng quan thực hiện nhiệm vụ", "Số nhiệm vụ quá hạn"),
    )


def test_liaison_pages_in_english(english, cast, vietnamese_msgids):
    from sausat.liaison.tests.factories import assign_liaison_to_commune_a

    decision, _assignment = assign_liaison_to_commune_a(cast)
    english.force_login(cast.liaison)
    _page(
        english,
        "/co-so/",
        vietnamese_msgids,
        english=("Areas I follow", "Log an activity"),
        not_vietnamese=("Địa bàn tôi theo dõi", "Ghi hoạt động"),
    )
    _page(
        english,
        f"/co-so/dia-ban/{cast.commune_a.pk}/hoat-dong/moi/",
        vietnamese_msgids,
        english=("People met", "Grassroots visit", 'data-sending="Sending…"'),
        not_vietnamese=("Đã gặp", "Xuống cơ sở", "Đang gửi…"),
    )
    _page(
        english,
        f"/co-so/dia-ban/{cast.commune_a.pk}/bao-cao/moi/",
        vietnamese_msgids,
        english=("Reporting period", "Pressing issue 1"),
        not_vietnamese=("Kỳ báo cáo", "Vấn đề bức xúc 1", "Tháng "),
    )
    english.force_login(cast.secretary)
    _page(
        english,
        "/co-so/bao-quat/",
        vietnamese_msgids,
        english=("Grassroots coverage board", 'data-series-label="Days without contact"'),
        not_vietnamese=("Bảng theo dõi bao quát cơ sở", "Số ngày chưa liên hệ"),
    )
    _page(
        english,
        f"/co-so/quyet-dinh/{decision.pk}/",
        vietnamese_msgids,
        english=("Assignment decision", "present"),
        not_vietnamese=("Quyết định phân công",),
    )
    _page(
        english,
        "/co-so/quyet-dinh/nhap/",
        vietnamese_msgids,
        english=("Decision number", "Check only, do not save"),
        not_vietnamese=("Số quyết định", "Chỉ kiểm tra, chưa ghi"),
    )


def test_textkit_article_import_in_english(english, cast, vietnamese_msgids):
    english.force_login(cast.secretary)
    html = _page(
        english,
        "/van-ban/nhap-bai-bao/",
        vietnamese_msgids,
        english=("Import a meeting from a news article", "Paste the article text", "Import from a news article"),
        not_vietnamese=("Nhập hội nghị từ bài báo", "Dán nội dung bài báo"),
    )
    # The navigation areas registered by the domain apps are translated too.
    for label in ("Meetings", "Opinions", "To answer", "Tasks", "Grassroots liaison"):
        assert f">{label}<" in html, label


def test_exports_stay_vietnamese_for_an_english_user(english, cast, meeting):
    """Exported documents (opinion register, conclusion notice draft) stay Vietnamese whatever the UI language."""
    import io

    from openpyxl import load_workbook

    english.force_login(cast.secretary)
    response = english.get(f"/hoi-nghi/{meeting.pk}/so-y-kien.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "Trực tiếp tại hội nghị" in values and "In person at the meeting" not in values
