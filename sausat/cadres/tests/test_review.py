"""The six-monthly review across provinces: submit and lock (audited; locked refuses change in
Vietnamese), the region's comparison (table, chart, .xlsx) in constant queries, and the demo."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sausat.cadres import demo_region, review
from sausat.cadres.models import HalfYearReport, Region
from sausat.core.models import AuditEvent
from sausat.geo.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def hau_giang(cast):
    return AdministrativeUnit.objects.get(code="L-p93")


def test_board_of_the_successor_submits_and_locks_then_change_is_refused(cast, board, hau_giang):
    rep = review.save_half_year(actor=board, province=hau_giang, year=2021, half=1, excellent=3, good=10, planned=20)
    rep = review.save_half_year(actor=board, province=hau_giang, year=2021, half=1, excellent=4)
    assert rep.excellent == 4 and rep.good == 10
    rep = review.lock_half_year(actor=board, report=rep)
    assert rep.locked_at is not None and rep.locked_by == board
    with pytest.raises(ValidationError, match=r"đã khóa ngày .*không thể sửa"):
        review.save_half_year(actor=board, province=hau_giang, year=2021, half=1, excellent=9)
    assert HalfYearReport.objects.get().excellent == 4
    verbs = set(AuditEvent.objects.filter(object_type="cadres.halfyearreport").values_list("verb", flat=True))
    assert {"cadres.half_year.create", "cadres.half_year.update", "cadres.half_year.lock"} <= verbs


def test_bad_figures_are_refused_with_the_numbers(cast, board, hau_giang):
    with pytest.raises(ValidationError, match=r"Nữ \(30\) vượt tổng số cán bộ trong quy hoạch \(20\)"):
        review.save_half_year(actor=board, province=hau_giang, year=2021, half=1, planned=20, planned_women=30)
    with pytest.raises(ValidationError, match="không được âm"):
        review.save_half_year(actor=board, province=hau_giang, year=2021, half=1, rotations=-1)
    assert not HalfYearReport.objects.exists()


def test_other_boards_and_roles_cannot_write(cast, hau_giang, other_province_leader):
    for user in (cast.leader, cast.secretary, other_province_leader, cast.admin):
        with pytest.raises(Http404):
            review.save_half_year(actor=user, province=hau_giang, year=2021, half=1, excellent=1)


def test_region_view_compares_provinces_with_chart_and_xlsx(cast, board, login):
    demo_region.seed()
    demo_region.seed()  # idempotent
    region = Region.objects.get(code=demo_region.REGION_CODE)
    assert region.provinces.count() == 22 and HalfYearReport.objects.count() == 22
    assert HalfYearReport.objects.filter(locked_at__isnull=True).count() == len(demo_region.DRAFTS)
    client = login(board)
    page = client.get(reverse("cadres:region", args=[region.pk]) + "?nam=2021&ky=1").content.decode()
    assert page.count("data-province=") == 22
    row = re.search(r'<tr data-province="L-p93">(.*?)</tr>', page, re.S).group(1)
    assert ">38<" in row and ">171<" in row and "16,2%" in row  # 38 of 235 excellent
    data = json.loads(re.search(r'<script id="region-data" type="application/json">(.*?)</script>', page).group(1))
    assert len(data["labels"]) == 22 and len(data["datasets"]) == 4
    response = client.get(reverse("cadres:region_xlsx", args=[region.pk]) + "?nam=2021&ky=1")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == 23
    for who in ("citizen", "responder", "commune_b_cadre", "admin"):
        assert login(getattr(cast, who)).get(reverse("cadres:region", args=[region.pk])).status_code == 404


def test_locked_report_cannot_be_locked_again_through_the_page(cast, board, login):
    demo_region.seed()
    region = Region.objects.get(code=demo_region.REGION_CODE)
    draft = HalfYearReport.objects.filter(locked_at__isnull=True).first()
    locked = HalfYearReport.objects.filter(locked_at__isnull=False, province__code="L-p93").get()
    client = login(board)
    url = reverse("cadres:region", args=[region.pk])
    # Cần Thơ's board covers Hậu Giang (its predecessor), not a province of another successor
    page = client.post(url, {"report": locked.pk}, follow=True).content.decode()
    assert "đã được khóa trước đó" in page
    assert client.post(url, {"report": draft.pk}).status_code == 404


def test_region_query_count_is_constant_in_the_number_of_provinces(cast, board):
    demo_region.seed()
    region = Region.objects.get(code=demo_region.REGION_CODE)
    small = Region.objects.create(code="nho", name="Nhóm nhỏ")
    small.provinces.set(region.provinces.order_by("code")[:3])

    def count(reg):
        with CaptureQueriesContext(connection) as ctx:
            rows = review.region_rows(reg, 2021, 1)
            review.region_chart(rows)
            [r.excellent_share for r in rows]
        return len(ctx.captured_queries)

    assert count(small) == count(region) <= 3
