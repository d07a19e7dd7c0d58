"""The classification list and report: board/committee only, counts per level, chart data via
json_script, Vietnamese percentages, .xlsx and .docx, each listed result logged as a read."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from sausat.cadres import report, services
from sausat.cadres.models import AccessKind, PeriodKind, RecordAccess
from sausat.core.actors import SystemActor
from sausat.people import services as people_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(cast, board, make_task):
    """A 2025 period with 6 decided results: 1 excellent, 4 good, 1 complete (in the 20 % quota)."""
    period = services.open_period(
        actor=board, kind=PeriodKind.YEAR, label="Năm 2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
        unit=cast.province,
    )  # fmt: skip
    decisions = []
    for i, level in enumerate(["excellent", "good", "good", "good", "good", "complete"]):
        person = people_services.create_person(
            actor=SystemActor(reason="test"), full_name=f"Cán bộ {i}", home_unit=cast.commune_a
        )
        services.ensure_profile(actor=board, person=person, unit=cast.province, group="Nhóm A")
        make_task(person, dt.date(2025, 10, 1), done=dt.date(2025, 9, 20), beyond=True)
        ev = services.open_evaluation(actor=board, period=period, person=person)
        ev = services.appraise(actor=board, evaluation=ev, general_points=29, proposed_level=level)
        decisions.append((ev, level))
    services.decide(actor=cast.leader, decisions=decisions, decided_on=dt.date(2026, 1, 10))
    return period


def test_vietnamese_numbers():
    assert report.vn_percent(1, 45) == "2,2%"
    assert report.vn_percent(1, 5) == "20%"
    assert report.vn_percent(0, 0) == "—"
    assert report.vn_number(1234.5) == "1.234,5"


@pytest.mark.parametrize("who", ["board", "leader"])
def test_board_and_committee_see_counts_chart_and_list(who, cast, board, decided, login):
    user = {"board": board, "leader": cast.leader}[who]
    page = login(user).get(reverse("cadres:report", args=[decided.pk])).content.decode()
    counts = dict(re.findall(r'<tr data-level="(\w+)">.*?<td[^>]*>\d+</td><td[^>]*>([^<]+)</td>', page, re.S))
    assert counts == {"excellent": "16,7%", "good": "66,7%", "complete": "16,7%", "not_complete": "0%"}
    data = json.loads(re.search(r'<script id="levels-data" type="application/json">(.*?)</script>', page).group(1))
    assert data["labels"] == [cast.province.name]
    assert [d["data"] for d in data["datasets"]] == [[1], [4], [1], [0]]
    assert "chart-4.6.1.umd.min.js" in page and "cadres/charts.js" in page
    assert "<script>" not in page  # no inline script without a nonce (CSP)
    assert page.count("Cán bộ ") >= 6
    assert RecordAccess.objects.filter(user=user, what=AccessKind.EVALUATION).count() == 6


@pytest.mark.parametrize("who", ["secretary", "responder", "liaison", "commune_a_cadre", "citizen", "admin"])
def test_everyone_else_gets_404(who, cast, decided, other_province_leader, login):
    client = login(getattr(cast, who))
    for name in ("cadres:report", "cadres:report_xlsx", "cadres:report_docx"):
        assert client.get(reverse(name, args=[decided.pk])).status_code == 404
    assert login(other_province_leader).get(reverse("cadres:report", args=[decided.pk])).status_code == 404
    assert not RecordAccess.objects.exists()


def test_xlsx_and_docx_exports(cast, board, decided, login):
    client = login(board)
    response = client.get(reverse("cadres:report_xlsx", args=[decided.pk]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Tổng hợp", "Theo đơn vị", "Danh sách"]
    summary = [tuple(r) for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)]
    assert summary[0][1:] == (1, "16,7%") and summary[1][1:] == (4, "66,7%") and summary[-1][1] == 6
    assert wb["Danh sách"].max_row == 7
    response = client.get(reverse("cadres:report_docx", args=[decided.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    text = "\n".join(c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
    assert "66,7%" in text and "Cán bộ 5" in text


def test_query_count_does_not_grow_with_the_list(cast, board, decided, login, django_assert_max_num_queries):
    client = login(board)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("cadres:report", args=[decided.pk])).status_code == 200
