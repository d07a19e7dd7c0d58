"""Query counts of the meeting page, grouping page, opinions list and queue do not grow with opinions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sausat.opinions import services
from sausat.opinions.models import Channel, Outcome
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db


def _add(cast, meeting, groups, start, count):
    organ = responder_organ(cast)
    for i in range(start, start + count):
        o = services.register_opinion(
            actor=cast.secretary,
            text=f"Ý kiến số {i}",
            channel=Channel.PAPER if i % 2 else Channel.LIVE,
            unit=cast.commune_a if i % 3 else cast.commune_b,
            idempotency_key=f"q-{i}",
            meeting=meeting,
            author_name=f"Tác giả {i}",
            group=groups[i % len(groups)],
        )
        if i % 4 == 0:
            services.assign(actor=cast.secretary, organ=organ, opinion=o)
        if i % 5 == 0:
            services.answer_opinion(actor=cast.secretary, opinion=o, text="Đã trả lời", outcome=Outcome.ANSWERED)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_counts_constant(cast, login):
    meeting = make_meeting(cast)
    groups = [services.create_group(actor=cast.secretary, meeting=meeting, title=f"Nhóm {i}") for i in range(3)]
    _add(cast, meeting, groups, 0, 4)
    client = login(cast.secretary)
    urls = [
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("opinions:grouping", args=[meeting.pk]),
        reverse("opinions:index"),
        reverse("opinions:queue") + "?all=1",
        reverse("meetings:summary", args=[meeting.pk]),
        reverse("meetings:board", args=[meeting.pk]),
        reverse("meetings:results", args=[meeting.pk]),
    ]
    before = {url: _count(client, url) for url in urls}
    _add(cast, meeting, groups, 4, 60)
    after = {url: _count(client, url) for url in urls}
    assert after == before
    for n in after.values():
        assert n <= 25
