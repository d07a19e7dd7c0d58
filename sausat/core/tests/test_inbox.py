"""The home inbox: every demo account has work on a fresh install, items leave when acted on, the
number of queries does not grow with the data, and /api/v1/me/inbox gives the same lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sausat.core.actors import SystemActor
from sausat.core.inbox import inbox_for
from sausat.core.tokens import issue_token

CAST = ("leader", "secretary", "responder", "liaison", "commune_a_cadre", "commune_b_cadre", "citizen", "admin")


def _sections(user) -> dict:
    return {s.key: s for s in inbox_for(user) if s.count}


@pytest.mark.parametrize("who", CAST)
def test_every_demo_account_has_inbox_work(demo, login, who):
    user = getattr(demo, who)
    sections = _sections(user)
    assert sections, f"{who} has nothing in the inbox"
    page = login(user).get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="inbox-empty"' not in html
    first = next(iter(sections.values()))
    assert first.items[0].url in html


EXPECTED = {
    "leader": {"opinions.late", "directives.late", "liaison.office_stale"},
    "secretary": {"opinions.unassigned", "opinions.petitions", "directives.requests", "liaison.to_route"},
    "responder": {"opinions.assigned", "directives.own"},
    "liaison": {"liaison.stale", "liaison.reports_due", "liaison.answered"},
    "commune_a_cadre": {"opinions.commune", "directives.own"},
    "commune_b_cadre": {"opinions.commune", "directives.own"},
    "citizen": {"opinions.mine"},
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_role_sees_its_own_kinds_of_work(demo, who):
    assert EXPECTED[who] <= set(_sections(getattr(demo, who)))


def test_responder_items_are_ordered_by_deadline_with_the_overdue_flagged(demo):
    section = _sections(demo.responder)["opinions.assigned"]
    dues = [i.due for i in section.items]
    assert dues == sorted(dues)
    assert section.items[0].overdue and section.overdue >= 1
    tasks = _sections(demo.responder)["directives.own"]
    assert any(i.overdue for i in tasks.items)


def test_answered_opinion_leaves_the_responders_inbox(demo, login):
    from sausat.opinions.models import Opinion

    section = _sections(demo.responder)["opinions.assigned"]
    pk = int(section.items[0].url.split("/")[2])
    client = login(demo.responder)
    response = client.post(
        f"/y-kien/{pk}/tra-loi/", {"text": "Sở đã có văn bản hướng dẫn.", "place": "writing", "outcome": "answered"}
    )
    assert response.status_code == 302
    assert Opinion.objects.get(pk=pk).outcome == "answered"
    after = _sections(demo.responder)["opinions.assigned"]
    assert after.count == section.count - 1
    assert f"/y-kien/{pk}/" not in "".join(i.url for i in after.items)


def test_office_inbox_needs_a_constant_number_of_queries(demo, cast):
    """Measured with the demo, then with many more items of every kind: the same number of queries."""
    from sausat.directives import request_services
    from sausat.directives import services as directive_services
    from sausat.directives.models import Task
    from sausat.opinions import services as opinion_services
    from sausat.opinions.models import Opinion

    users = [demo.secretary, demo.leader, demo.responder, demo.liaison, demo.commune_a_cadre, demo.citizen]

    def count(user) -> int:
        for attr in ("_sausat_scope",):
            if hasattr(user, attr):
                delattr(user, attr)
        with CaptureQueriesContext(connection) as ctx:
            inbox_for(user)
        return len(ctx.captured_queries)

    for user in users:  # warm the per-process caches (the holiday calendar) first
        count(user)
    before = {u.username: count(u) for u in users}
    task = Task.objects.filter(lead_organ__key="dept_home_affairs").first()
    opinion = Opinion.objects.filter(responder_organ__isnull=False, outcome="").first()
    for i in range(15):
        t = directive_services.add_task(
            actor=SystemActor(reason="test"),
            document=task.document,
            title=f"Nhiệm vụ thêm {i}",
            lead_organ=task.lead_organ,
            deadline_date=dt.date.today() - dt.timedelta(days=3),
        )
        request_services.request_extension(
            actor=SystemActor(reason="test"),
            task=t,
            reason="Cần thêm thời gian",
            requested_date=dt.date.today() + dt.timedelta(days=30),
        )
        opinion_services.register_opinion(
            actor=demo.citizen,
            text=f"Ý kiến thêm số {i}",
            channel="online",
            unit=demo.commune_a,
            idempotency_key=f"extra-{i}",
            meeting=opinion.meeting,
            responder_organ=opinion.responder_organ,
            deadline=dt.date.today() - dt.timedelta(days=1),
        )
    for user in users:  # again: on a loaded machine the 60 s calendar cache may have expired meanwhile
        count(user)
    after = {u.username: count(u) for u in users}
    assert after == before


def test_api_inbox_gives_the_same_lists(demo, client):
    _token, key = issue_token(actor=demo.responder, user=demo.responder, name="phone")
    data = client.get("/api/v1/me/inbox", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    by_key = {s["key"]: s for s in data}
    home = _sections(demo.responder)["opinions.assigned"]
    assert by_key["opinions.assigned"]["count"] == home.count
    assert [i["url"] for i in by_key["opinions.assigned"]["items"]] == [i.url for i in home.items]
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me/inbox" in spec["paths"]


def test_anonymous_home_has_no_inbox(client, cast):
    page = client.get("/")
    assert page.status_code in (200, 302)
    assert inbox_for(None) == []


def test_leaders_late_tasks_list_every_overdue_task_the_figure_counts(demo):
    """A monthly task with no report for its ended periods is overdue in the figure and in the list."""
    from sausat.directives import services as directive_services
    from sausat.directives.models import DeadlineKind, Task

    task = Task.objects.filter(lead_organ__key="dept_home_affairs").first()
    monthly = directive_services.add_task(
        actor=SystemActor(reason="test"),
        document=task.document,
        title="Báo cáo hằng tháng chưa gửi",
        lead_organ=task.lead_organ,
        deadline_kind=DeadlineKind.MONTHLY,
        recurring_day=5,
    )
    section = {s.key: s for s in inbox_for(demo.leader, limit=500)}["directives.late"]
    figure = {f.key: f.value for f in section.figures}["overdue"]
    late = [i for i in section.items if i.overdue]
    assert f"/chi-dao/nhiem-vu/{monthly.pk}/" in [i.url for i in late]
    assert len(late) == figure
