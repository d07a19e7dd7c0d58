import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sausat.directives import request_services, services
from sausat.directives.models import Task

from .conftest import vn

pytestmark = pytest.mark.django_db


def _board_queries(client, url="/chi-dao/"):
    client.get(url)  # warm the working-day calendar cache (one query per year, renewed every 60 s)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_board_query_count_does_not_grow_with_tasks(cast, organs, make_task, login):
    client = login(cast.secretary)
    lead = organs["province"]["Sở Nội vụ"]
    make_task(lead, title="Một")
    make_task(lead, title="Định kỳ", deadline_kind="monthly", recurring_day=20)
    few = _board_queries(client)
    for i in range(30):
        task = make_task(organs["province"]["Sở Y tế"], title=f"Nhiệm vụ {i}", cooperating_organs=[lead])
        if i % 3 == 0:
            services.report_progress(actor=cast.secretary, task=task, text="ok", percent=i)
    make_task(lead, title="Định kỳ 2", deadline_kind="quarterly")
    many = _board_queries(client)
    assert many <= few  # (a page without recurring tasks may need one query less)
    assert _board_queries(client, "/chi-dao/?status=overdue&quarter=1&year=2026") <= many + 2
    with pytest.raises(AssertionError):  # the guard really measures
        assert _board_queries(client) < 3


def test_board_filters_agree_with_task_status(cast, organs, make_task, login):
    from django.utils import timezone

    from sausat.directives.selectors import BoardFilters, board
    from sausat.directives.status import Status, task_status

    lead = organs["province"]["Sở Nội vụ"]
    overdue = make_task(lead, title="Quá hạn", deadline_date=dt.date(2026, 1, 10))
    future = make_task(lead, title="Tương lai", deadline_date=dt.date(2099, 1, 10))
    none = make_task(lead, title="Không hạn", deadline_kind="none")
    done = make_task(lead, title="Xong", deadline_date=dt.date(2099, 1, 10))
    prop = request_services.propose_completion(actor=cast.responder, task=done, product="Báo cáo")
    request_services.decide_request(actor=cast.secretary, request=prop, approve=True)
    monthly = make_task(lead, title="Định kỳ", deadline_kind="monthly", recurring_day=5)
    now = timezone.now()
    for status in Status:
        got = set(board(cast.secretary, BoardFilters(status=status.value), now=now))
        expected = {
            t for t in (overdue, future, none, done, monthly) if task_status(Task.objects.get(pk=t.pk), now) is status
        }
        assert got == expected, status
    response = login(cast.responder).get("/chi-dao/?status=overdue", HTTP_HX_REQUEST="true")
    assert "Quá hạn" in response.content.decode() and "<html" not in response.content.decode()


def test_pages_render_for_the_office(cast, organs, make_task, login, document):
    task = make_task(organs["province"]["Sở Nội vụ"])
    client = login(cast.secretary)
    for url in (
        "/chi-dao/",
        "/chi-dao/van-ban/",
        "/chi-dao/van-ban/moi/",
        f"/chi-dao/van-ban/{document.pk}/",
        f"/chi-dao/nhiem-vu/{task.pk}/",
        f"/chi-dao/nhiem-vu/{task.pk}/sua/",
        "/chi-dao/ra-soat/",
        "/chi-dao/bao-cao-quy/?year=2026&quarter=1",
        "/chi-dao/tong-quan/",
        f"/lich-su/directives.task/{task.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'style="' not in response.content.decode(), url


def test_office_registers_document_and_task_through_forms(cast, organs, login):
    client = login(cast.secretary)
    issuing = organs["province"]["Thành ủy"]
    response = client.post(
        "/chi-dao/van-ban/moi/",
        {
            "kind": "directive",
            "issuing_organ": issuing.pk,
            "number": "05",
            "symbol": "CT/TU",
            "date": "2026-03-02",
            "title": "Chỉ thị về   cải cách hành chính",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    doc_url = response["Location"]
    doc_id = int(doc_url.rstrip("/").split("/")[-1])
    response = client.post(
        f"/chi-dao/van-ban/{doc_id}/nhiem-vu/",
        {
            "title": "Rà soát thủ tục",
            "lead_organ": organs["province"]["Sở Tư pháp"].pk,
            "deadline_kind": "working_days",
            "deadline_days": 10,
            "priority": 2,
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Rà soát thủ tục")
    assert task.document.title == "Chỉ thị về cải cách hành chính"
    assert task.due_date == dt.date(2026, 3, 16)
    # the responder (Sở Nội vụ) cannot register documents
    assert login(cast.responder).get("/chi-dao/van-ban/moi/").status_code == 404


def test_web_edit_conflict_shows_what_changed(cast, organs, make_task, login):
    task = make_task(organs["province"]["Sở Nội vụ"], title="Bản đầu")
    client = login(cast.secretary)
    page = client.get(f"/chi-dao/nhiem-vu/{task.pk}/sua/").content.decode()
    import re

    loaded = re.search(r'name="loaded" value="([^"]+)"', page).group(1)
    base = {
        "title": "Bản của tôi",
        "lead_organ": task.lead_organ_id,
        "deadline_kind": "fixed",
        "deadline_date": "2026-03-31",
        "priority": 2,
        "version": task.version,
        "loaded": loaded,
    }
    services.update_task(task, actor=cast.secretary, expected_version=task.version, expected_product="Đề án")
    response = client.post(f"/chi-dao/nhiem-vu/{task.pk}/sua/", base)
    body = response.content.decode()
    assert response.status_code == 200
    assert "đã được người khác cập nhật" in body and "Sản phẩm: «(trống)» → «Đề án»" in body
    task.refresh_from_db()
    assert task.title == "Bản đầu"
    # saving again from the refreshed form works
    fresh = re.search(r'name="loaded" value="([^"]+)"', body).group(1)
    version = int(re.search(r'name="version" value="(\d+)"', body).group(1))
    response = client.post(f"/chi-dao/nhiem-vu/{task.pk}/sua/", base | {"loaded": fresh, "version": version})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "Bản của tôi" and task.expected_product == ""


def test_pack_downloads_and_bodies_see_only_their_own(cast, organs, make_task, login):
    noi_vu = organs["province"]["Sở Nội vụ"]
    mine = make_task(noi_vu, title="Của Sở Nội vụ")
    make_task(organs["province"]["Sở Y tế"], title="Của Sở Y tế", deadline_date=dt.date(2026, 2, 1))
    office = login(cast.secretary)
    page = office.get("/chi-dao/bao-cao-quy/?year=2026&quarter=1&scope=province").content.decode()
    assert "Của Sở Y tế" in page and "pack-chart-data" in page
    xlsx = office.get("/chi-dao/bao-cao-quy.xlsx?year=2026&quarter=1&scope=province")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx.content))
    assert "Nhiệm vụ quá hạn" in wb.sheetnames
    docx = office.get("/chi-dao/bao-cao-quy.docx?year=2026&quarter=1&scope=block:department")
    assert docx.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "KẾT QUẢ ĐẠT ĐƯỢC" in text and "Của Sở Y tế" in text
    # The one generator, Party layout (HD 36-HD/VPTW): the office under its committee, named from the unit.
    from sausat.geo import naming

    document = Document(io.BytesIO(docx.content))
    header = "\n".join(c.text for c in document.tables[0]._cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header and naming.upper(naming.committee_name(cast.province)) in header
    assert "-BC/VP" in header and "Số " in header and "Số:" not in header
    closing = "\n".join(c.text for c in document.tables[-1]._cells)
    assert "T/L BAN THƯỜNG VỤ" in closing and f"- Lưu Văn phòng {naming.committee_word(cast.province)}." in closing
    responder = login(cast.responder)
    own = responder.get("/chi-dao/bao-cao-quy/?year=2026&quarter=1").content.decode()
    assert mine.title in own and "Của Sở Y tế" not in own
    assert "Tổng quan lãnh đạo" not in own  # the leaders' dashboard link is for overseers only
    sy_te = organs["province"]["Sở Y tế"].pk
    assert responder.get(f"/chi-dao/bao-cao-quy/?year=2026&quarter=1&scope=organ:{sy_te}").status_code == 404
    assert responder.get("/chi-dao/bao-cao-quy.xlsx?year=2026&quarter=1&scope=province").status_code == 200
    assert responder.get("/chi-dao/tong-quan/").status_code == 404
    assert login(cast.commune_b_cadre).get(f"/chi-dao/bao-cao-quy/?scope=organ:{noi_vu.pk}").status_code == 404


def test_check_page_and_command_list_what_could_be_missed(cast, organs, make_task, login, document):
    from sausat.directives.models import DocumentKind

    services.register_document(
        actor=cast.secretary,
        kind=DocumentKind.QUARTERLY_PLAN,
        issuing_organ=organs["province"]["Thành ủy"],
        date=dt.date(2026, 1, 2),
        title="Kế hoạch chưa giao việc",
        unit=cast.province,
    )
    make_task(None, title="Chưa có chủ trì")
    make_task(organs["province"]["Sở Nội vụ"], title="Không thời hạn", deadline_kind="none")
    make_task(organs["province"]["Sở Nội vụ"], title="Quá hạn im lặng", deadline_date=dt.date(2026, 1, 20))
    make_task(organs["province"]["Sở Nội vụ"], title="Định kỳ thiếu kỳ", deadline_kind="monthly", recurring_day=10)
    page = login(cast.secretary).get("/chi-dao/ra-soat/?days=30").content.decode()
    for text in ("Kế hoạch chưa giao việc", "Chưa có chủ trì", "Không thời hạn", "Quá hạn im lặng", "Định kỳ thiếu kỳ"):
        assert text in page
    out = io.StringIO()
    call_command("directives_check", "--days", "30", stdout=out)
    text = out.getvalue()
    assert "Nhiệm vụ quá hạn chưa xin gia hạn: 2" in text  # incl. the one without a lead
    assert "Văn bản chưa giao nhiệm vụ nào: 1" in text
    assert "Nhiệm vụ định kỳ thiếu báo cáo kỳ gần nhất: 1" in text


def test_progress_completion_via_views(cast, organs, make_task, login):
    task = make_task(organs["province"]["Sở Nội vụ"])
    lead = login(cast.responder)
    assert lead.post(f"/chi-dao/nhiem-vu/{task.pk}/tien-do/", {"text": "Đã họp", "percent": 50}).status_code == 302
    assert lead.post(f"/chi-dao/nhiem-vu/{task.pk}/hoan-thanh/", {"product": "Báo cáo"}).status_code == 302
    req = task.requests.get()
    assert login(cast.secretary).post(f"/chi-dao/de-nghi/{req.pk}/xu-ly/", {"approve": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.completed_at is not None
    page = login(cast.secretary).get(f"/chi-dao/nhiem-vu/{task.pk}/").content.decode()
    assert "Văn phòng công nhận hoàn thành" in page and "Đã họp" in page
    assert vn  # (helper used elsewhere)


def test_organ_pickers_offer_dissolved_organs_only_for_a_record_of_their_time(cast, organs, login):
    from sausat.core.actors import SystemActor
    from sausat.geo.models import AdministrativeUnit
    from sausat.people.services import create_organ

    legacy = AdministrativeUnit.objects.get(code="L-p93")  # Hậu Giang, merged into Cần Thơ on 1/7/2025
    old = create_organ(
        actor=SystemActor(reason="test"), name="Sở Nội vụ tỉnh Hậu Giang", kind="department", unit=legacy
    )
    marked = f"Sở Nội vụ tỉnh Hậu Giang (hoạt động đến {legacy.valid_to:%d/%m/%Y})"
    client = login(cast.secretary)
    assert old.name not in client.get("/chi-dao/van-ban/moi/").content.decode()  # current bodies by default
    # A document dated before the merger, its organ not chosen yet: the form comes back offering that time's organs.
    page = client.post("/chi-dao/van-ban/moi/", {"kind": "directive", "date": "2021-03-02", "title": "Chỉ thị cũ"})
    assert page.status_code == 200 and marked in page.content.decode()
    response = client.post(
        "/chi-dao/van-ban/moi/",
        {"kind": "directive", "issuing_organ": old.pk, "date": "2021-03-02", "title": "Chỉ thị cũ"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    old_doc = response["Location"]
    assert marked in client.get(old_doc).content.decode()  # its task form offers them, marked
    new = client.post(
        "/chi-dao/van-ban/moi/",
        {"kind": "directive", "issuing_organ": organs["province"]["Thành ủy"].pk, "date": "2026-03-02", "title": "Mới"},
    )
    assert old.name not in client.get(new["Location"]).content.decode()
    # A task of this year's document cannot be given to the dissolved organ.
    refused = client.post(
        new["Location"] + "nhiem-vu/",
        {
            "title": "Việc mới",
            "lead_organ": old.pk,
            "deadline_kind": "fixed",
            "deadline_date": "2026-04-30",
            "priority": 2,
        },
    )
    assert refused.status_code == 200 and not Task.objects.filter(title="Việc mới").exists()
