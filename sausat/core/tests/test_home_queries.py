"""Each role's home page needs the same number of queries however much work is waiting (the inbox
guard in test_inbox.py, here for the whole page: menu, inbox, figures, the list of role grants)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sausat.core.actors import SystemActor

pytestmark = pytest.mark.django_db

ROLES = ("leader", "secretary", "responder", "liaison", "commune_a_cadre", "citizen")


def test_home_page_queries_do_not_grow_with_the_work(demo, client):
    from sausat.directives import request_services
    from sausat.directives import services as directive_services
    from sausat.directives.models import Task
    from sausat.opinions import services as opinion_services
    from sausat.opinions.models import Opinion
    from sausat.people.models import Role
    from sausat.people.services import grant_role

    actor = SystemActor(reason="test")

    def counts() -> dict[str, int]:
        out = {}
        for who in ROLES:
            client.force_login(getattr(demo, who))
            client.get("/")  # warm the per-process caches (calendar, navigation)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get("/").status_code == 200
            out[who] = len(ctx.captured_queries)
        return out

    before = counts()
    task = Task.objects.filter(lead_organ__key="dept_home_affairs").first()
    opinion = Opinion.objects.filter(responder_organ__isnull=False, outcome="").first()
    today = dt.date.today()
    for i in range(12):
        t = directive_services.add_task(
            actor=actor,
            document=task.document,
            title=f"Nhiệm vụ thêm {i}",
            lead_organ=task.lead_organ,
            deadline_date=today - dt.timedelta(days=3),
        )
        request_services.request_extension(
            actor=actor, task=t, reason="Cần thêm thời gian", requested_date=today + dt.timedelta(days=30)
        )
        opinion_services.register_opinion(
            actor=demo.citizen,
            text=f"Ý kiến thêm số {i}",
            channel="online",
            unit=demo.commune_a,
            idempotency_key=f"home-extra-{i}",
            meeting=opinion.meeting,
            responder_organ=opinion.responder_organ,
            deadline=today - dt.timedelta(days=1),
        )
    # More role grants: the home lists them, still in one query.
    grant_role(actor=actor, user=demo.leader, role=Role.LEADER, unit=demo.commune_b)
    grant_role(actor=actor, user=demo.citizen, role=Role.CITIZEN, unit=demo.commune_b)
    after = counts()
    assert after == before


@pytest.mark.django_db(transaction=True)  # outside a transaction, where the cached figures are used
def test_the_leaders_home_reads_the_data_versions_once(demo, client):
    client.force_login(demo.leader)
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    version_reads = [q["sql"] for q in ctx.captured_queries if "dataversion" in q["sql"].lower()]
    assert len(version_reads) == 1, version_reads
