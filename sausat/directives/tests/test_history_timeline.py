"""A task's history page is a timeline in Vietnamese: the task's own changes ("label: old → new" with
display values) and its progress reports, extension requests and decisions, never raw codes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from sausat.directives import request_services, services

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_task_history_reads_as_a_vietnamese_timeline(cast, organs, make_task, login):
    home_affairs, health = organs["province"]["Sở Nội vụ"], organs["province"]["Sở Y tế"]
    task = make_task(home_affairs, deadline_date=dt.date(2026, 3, 31))
    task = services.update_task(
        task, actor=cast.secretary, expected_version=task.version, lead_organ=health, deadline_date=dt.date(2026, 4, 30)
    )
    services.report_progress(actor=cast.secretary, task=task, text="Đã họp triển khai", percent=40)
    req = request_services.request_extension(
        actor=cast.secretary, task=task, reason="Chờ số liệu của xã", requested_date=dt.date(2026, 6, 30)
    )
    request_services.decide_request(actor=cast.secretary, request=req, approve=True)

    page = login(cast.secretary).get(reverse("core:history", args=["directives.task", task.pk]))
    assert page.status_code == 200
    text = _text(page.content.decode())
    for sentence in ("Giao nhiệm vụ", "Sửa nhiệm vụ", "Báo cáo tiến độ", "Đề nghị gia hạn", "Đồng ý gia hạn"):
        assert sentence in text, sentence
    assert f"Cơ quan chủ trì: {home_affairs.name} → {health.name}" in text
    assert "Thời hạn: 31/03/2026 → 30/04/2026" in text
    assert "Tiến độ (%): 40" in text
    assert "Thời hạn đề nghị: 30/06/2026" in text
    assert "Quyết định: Chờ xử lý → Đã chấp thuận" in text
    for raw in ("directives.task", "lead_organ", "deadline_date", "2026-04-30", "pending", "approved", "{", "_id"):
        assert raw not in text, raw
