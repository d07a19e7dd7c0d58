"""The quarterly pack's cached body (issue 17, S9; ``sausat/directives/pack_page.py``).

Committed transactions (``transaction=True``): inside a test transaction the cache is bypassed
(``data_versions.cached``), so ``test_query_counts.py`` measures the computing path and this module
the cached one. A committed progress report shows on the very next load; a body's own pack never
comes from the office's entry.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sausat.accounts.testing import pass_second_factor
from sausat.directives import services

from .conftest import vn

pytestmark = pytest.mark.django_db(transaction=True)

PACK = "/chi-dao/bao-cao-quy/?year=2026&quarter=1&scope=province"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    pass_second_factor(client)
    return client


def _load(client: Client, url: str = PACK) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def _body(page: str) -> str:
    """From the table by body to the draft assessment: the cached part."""
    start = page.index('<canvas id="pack-chart"')
    return page[start : page.index('<div class="card frame">', start)]


def test_a_progress_report_shows_on_the_next_load(cast, organs, make_task):
    task = make_task(organs["province"]["Sở Nội vụ"], title="Quá hạn thử bộ đệm", deadline_date=dt.date(2026, 2, 10))
    client = _client(cast.leader)
    _load(client)  # warms the process (calendar) and fills the cache
    before, hit = _load(client)
    assert "Quá hạn thử bộ đệm" in before and "Chưa báo cáo lý do." in _body(before)

    services.report_progress(
        actor=cast.secretary, task=task, text="Đang chờ ý kiến phối hợp", percent=30, at=vn(2026, 2, 1)
    )
    after, miss = _load(client)
    assert "Đang chờ ý kiến phối hợp" in _body(after) and "· 30%" in _body(after)
    assert miss > hit  # the body was computed again
    again, hit_again = _load(client)
    assert _body(again) == _body(after) and hit_again == hit


def test_a_body_never_reads_the_office_entry(cast, organs, make_task):
    noi_vu, y_te = organs["province"]["Sở Nội vụ"], organs["province"]["Sở Y tế"]
    make_task(noi_vu, title="Việc của Sở Nội vụ", deadline_date=dt.date(2026, 2, 10))
    make_task(y_te, title="Việc của Sở Y tế", deadline_date=dt.date(2026, 2, 10))
    url = f"/chi-dao/bao-cao-quy/?year=2026&quarter=1&scope=organ:{noi_vu.pk}"
    office, body = _client(cast.secretary), _client(cast.responder)
    for _ in range(2):  # the second round is served from the cache
        page, _count = _load(office)
        assert "Việc của Sở Y tế" in page and "Việc của Sở Nội vụ" in page
        page, _count = _load(office, url)
        assert "Việc của Sở Y tế" not in page and "Việc của Sở Nội vụ" in page
        # The responder asks for the province: the view gives it its own body's pack, never the office's.
        page, _count = _load(body)
        assert "Việc của Sở Y tế" not in _body(page) and "Việc của Sở Nội vụ" in _body(page)
        assert re.search(r"<h1>[^<]*Quý I/2026</h1>", page)
