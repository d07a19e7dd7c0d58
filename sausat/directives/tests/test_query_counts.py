"""Query-count guards for the quarterly review pack (issue 7, S9): constant in the data size.

The same mix of task stories is written through the services once (data A) and then four more
times over more bodies (data B); the pack page must run exactly the same number of SQL queries.
Every story kind is present in A, so the conditional loads (moved deadlines, recurring reports,
reasons of overdue tasks) run in both.

The tests run inside a transaction, where the pack body's version-keyed cache is bypassed
(``sausat.core.data_versions.cached``): this guards the computing path, i.e. the first load after a
write. ``test_pack_cache.py`` guards the cached path.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sausat.directives import request_services, services

from .conftest import vn

pytestmark = pytest.mark.django_db

PACK = "/chi-dao/bao-cao-quy/?year=2026&quarter=1&scope=province"
BODIES = ["Sở Nội vụ", "Sở Y tế", "Sở Tài chính", "Sở Xây dựng", "VP Thành ủy", "Hội ND thành phố", "Thành Đoàn"]


def _stories(cast, organs, make_task, round_: int) -> None:
    """One of each story for quarter I/2026, led by a body that depends on the round."""
    body = organs["province"][BODIES[round_ % len(BODIES)]]
    other = organs["province"][BODIES[(round_ + 1) % len(BODIES)]]
    office = cast.secretary
    make_task(body, title=f"Quá hạn {round_}", deadline_date=dt.date(2026, 2, 10), cooperating_organs=[other])
    silent = make_task(body, title=f"Quá hạn có lý do {round_}", deadline_date=dt.date(2026, 2, 20))
    services.report_progress(actor=office, task=silent, text="Đang chờ ý kiến phối hợp", percent=30, at=vn(2026, 2, 1))
    asked = request_services.request_extension(
        actor=office, task=silent, reason="Chờ hướng dẫn", requested_date=dt.date(2026, 5, 1), at=vn(2026, 2, 18)
    )
    request_services.decide_request(
        actor=office, request=asked, approve=False, note="Không gia hạn", at=vn(2026, 2, 19)
    )
    done = make_task(body, title=f"Xong đúng hạn {round_}", deadline_date=dt.date(2026, 3, 20))
    services.report_progress(actor=office, task=done, text="Đã có dự thảo", percent=70, at=vn(2026, 2, 15))
    proposal = request_services.propose_completion(actor=office, task=done, product="Báo cáo", at=vn(2026, 3, 9))
    request_services.decide_request(actor=office, request=proposal, approve=True, at=vn(2026, 3, 10))
    late = make_task(other, title=f"Xong trễ {round_}", deadline_date=dt.date(2026, 2, 1))
    proposal = request_services.propose_completion(actor=office, task=late, product="Kế hoạch", at=vn(2026, 3, 14))
    request_services.decide_request(actor=office, request=proposal, approve=True, at=vn(2026, 3, 15))
    moved = make_task(other, title=f"Gia hạn sau quý {round_}", deadline_date=dt.date(2026, 3, 1))
    asked = request_services.request_extension(
        actor=office, task=moved, reason="Khối lượng lớn", requested_date=dt.date(2026, 6, 30), at=vn(2026, 2, 25)
    )
    request_services.decide_request(actor=office, request=asked, approve=True, at=vn(2026, 4, 10))
    monthly = make_task(body, title=f"Định kỳ {round_}", deadline_kind="monthly", recurring_day=20)
    services.report_progress(actor=office, task=monthly, text="Báo cáo tháng 1", percent=50, at=vn(2026, 1, 18))
    make_task(body, title=f"Định kỳ quý {round_}", deadline_kind="quarterly")
    make_task(other, title=f"Không hạn {round_}", deadline_kind="none")
    upcoming = make_task(body, title=f"Hạn quý sau {round_}", deadline_date=dt.date(2026, 5, 15))
    services.report_progress(actor=office, task=upcoming, text="Đã khảo sát", percent=20, at=vn(2026, 3, 2))


def _pack_queries(client, url: str = PACK) -> tuple[int, str]:
    client.get(url)  # warm the working-day calendar cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_pack_query_count_is_constant_in_data_size(cast, organs, make_task, login):
    client = login(cast.leader)
    _stories(cast, organs, make_task, 0)
    small, page = _pack_queries(client)
    assert "Quá hạn có lý do 0" in page and "Chờ hướng dẫn" in page  # overdue with the returned request's reason
    for round_ in range(1, 5):
        _stories(cast, organs, make_task, round_)
    large, page = _pack_queries(client)
    assert "Quá hạn có lý do 4" in page and "Xong đúng hạn 4" in page
    assert large == small, f"the pack ran {small} queries with 1 round of tasks and {large} with 5"
    with pytest.raises(AssertionError):  # the guard really measures
        assert large < 5


def test_pack_query_count_is_constant_for_a_body_and_the_office(cast, organs, make_task, login):
    noi_vu = organs["province"]["Sở Nội vụ"]
    url = f"/chi-dao/bao-cao-quy/?year=2026&quarter=1&scope=organ:{noi_vu.pk}"
    # Sở Nội vụ is the leading body of round 0 and the "other" body of round 6: all stories in A.
    for round_ in (0, 6):
        _stories(cast, organs, make_task, round_)
    office_small, _ = _pack_queries(login(cast.secretary), url)
    body_small, _ = _pack_queries(login(cast.responder))
    for round_ in [*range(1, 6), *range(7, 14)]:
        _stories(cast, organs, make_task, round_)
    office_large, _ = _pack_queries(login(cast.secretary), url)
    body_large, page = _pack_queries(login(cast.responder))
    assert "Định kỳ 7" in page  # Sở Nội vụ leads round 7 (BODIES wraps around)
    assert (office_large, body_large) == (office_small, body_small)
