"""Query-count guards of the lists the harness measures (S1–S3, S2u, S7, S8; issue 17), and what the
cheaper queries behind them must still answer: the queue's open counts per group, the JSON list's
total over the caller's scope."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sausat.opinions import services
from sausat.opinions.models import Channel, Opinion, Outcome
from sausat.opinions.selectors import queue_groups
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db


def _add(cast, meeting, groups, start, count):
    for i in range(start, start + count):
        o = services.register_opinion(
            actor=cast.secretary,
            text=f"Ý kiến số {i} về phụ cấp kiêm nhiệm",
            channel=Channel.PAPER,
            unit=cast.commune_a if i % 2 else cast.commune_b,
            idempotency_key=f"lq-{i}",
            meeting=meeting,
            author_name=f"Tác giả {i}",
            group=groups[i % len(groups)],
        )
        if i % 3 == 0:
            services.answer_opinion(actor=cast.secretary, opinion=o, text="Đã trả lời", outcome=Outcome.ANSWERED)


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in ctx.captured_queries]


@pytest.fixture
def board(cast):
    meeting = make_meeting(cast)
    groups = [services.create_group(actor=cast.secretary, meeting=meeting, title=f"Nhóm {i}") for i in range(2)]
    for group in groups:
        services.assign(actor=cast.secretary, organ=responder_organ(cast), group=group)
    _add(cast, meeting, groups, 0, 6)
    return meeting, groups


def test_list_query_counts_stay_put_as_opinions_grow(cast, login, board):
    meeting, groups = board
    index = reverse("opinions:index")
    pages = {
        "S1": (cast.secretary, f"{index}?meeting={meeting.pk}", 8),
        "S2": (cast.secretary, f"{index}?meeting={meeting.pk}&group={groups[0].pk}&sort=answers", 8),
        "S2u": (cast.secretary, f"{index}?meeting={meeting.pk}&group={groups[0].pk}&sort=unanswered", 8),
        "S3": (cast.secretary, f"{index}?meeting={meeting.pk}&q=phu+cap+kiem+nhiem", 8),
        "S7": (cast.responder, reverse("opinions:queue"), 7),
        "S8": (cast.secretary, "/api/v1/opinions/?limit=20", 5),
    }

    def counts():
        out = {}
        for name, (user, url, _bound) in pages.items():
            out[name] = len(_queries(login(user), url))
        return out

    before = counts()
    _add(cast, meeting, groups, 6, 30)
    after = counts()
    assert after == before
    for name, (_user, _url, bound) in pages.items():
        assert after[name] <= bound, (name, after[name])


@pytest.mark.usefixtures("board")
def test_json_list_count_reads_only_the_opinions_table(cast, login):
    """The total of the JSON list is counted without joining the meetings: every column of the
    visibility filter is the opinion's own (the index-only count of ``opinion_live_scope``)."""
    sqls = _queries(login(cast.secretary), "/api/v1/opinions/?limit=20")
    count = next(sql for sql in sqls if "COUNT(*)" in sql and "opinions_opinion" in sql)
    assert "JOIN" not in count.upper()
    body = login(cast.secretary).get("/api/v1/opinions/?limit=2").json()
    assert body["count"] == 6 and len(body["items"]) == 2


def test_queue_groups_count_only_live_unanswered_opinions(cast, board):
    _meeting, groups = board
    open_counts = {g.pk: g.open_count for g in queue_groups(cast.responder)}
    # Opinions 0..5 alternate between the two groups; 0 and 3 were answered.
    assert open_counts == {groups[0].pk: 2, groups[1].pk: 2}
    # A soft-deleted opinion no longer counts (no service deletes opinions yet: set it as one would).
    Opinion.all_objects.filter(pk=groups[0].opinions.filter(outcome="").first().pk).update(deleted_at=timezone.now())
    assert {g.pk: g.open_count for g in queue_groups(cast.responder)} == {groups[0].pk: 1, groups[1].pk: 2}


def test_the_queue_pages_group_rows_from_values_are_the_rows_from_groups(cast, board):
    """The queue page reads its assigned groups as values (list_rows.group_rows_of): the same rows."""
    import datetime as dt

    from sausat.opinions.list_rows import group_rows_of, queue_group_rows_html

    today = dt.date(2026, 6, 15)
    instances = list(queue_groups(cast.responder))
    assert instances
    rows = group_rows_of(queue_groups(cast.responder))
    assert str(queue_group_rows_html(rows, today)) == str(queue_group_rows_html(instances, today))
