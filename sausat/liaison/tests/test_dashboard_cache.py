"""The coverage dashboard's cached tables (issue 17, S10; ``sausat/liaison/dashboard_selectors.py``).

Committed transactions (``transaction=True``): inside a test transaction the cache is bypassed
(``data_versions.cached``), so the guards in ``test_query_counts.py`` measure the computing path and
this module the cached one. A committed write to what the tables read shows on the very next load; an
answer to an escalated opinion (the opinions app, which bumps no version) too; offices with different
scopes never see each other's tables.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sausat.accounts.testing import pass_second_factor
from sausat.core.actors import SystemActor
from sausat.core.calendar import local_date
from sausat.geo.models import AdministrativeUnit, Level
from sausat.liaison import services
from sausat.liaison.periods import period_containing
from sausat.liaison.services import ActivityInput, IssueInput, ReportInput
from sausat.opinions.services import answer_opinion
from sausat.people import services as people_services
from sausat.people.models import Organ, Role

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/co-so/bao-quat/"
# What a cached load saves: the assignments, the communes' activities, last contacts, feedback and
# on-time reports, the cadres' activities, feedback and on-time reports (selectors.coverage).
TABLE_QUERIES = 8


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    pass_second_factor(client)
    return client


def _load(client: Client, url: str = URL) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def _content(page: str) -> str:
    """From the figures to the cadre table: what the cache and the escalations make (no token, no nonce)."""
    return page[page.index('<div class="grid kpis">') : page.rindex("</section>")]


def _row(page: str, unit_name: str) -> str:
    """The commune table's row of ``unit_name`` (its cells, whitespace squeezed)."""
    match = re.search(
        r"<tr class=\"[a-z]*\">\s*<td[^>]*><a [^>]*>" + re.escape(unit_name) + r"</a>.*?</tr>", page, re.S
    )
    assert match, f"no row for {unit_name}"
    return " ".join(match.group(0).split())


def _kpi(page: str, ident: str) -> str:
    match = re.search(rf'id="{ident}">([^<]*)<', page)
    assert match
    return match.group(1)


def test_a_committed_write_shows_on_the_next_load(cast, liaison_setup):
    _decision, assignment = liaison_setup
    client = _client(cast.secretary)
    today = local_date(timezone.now())
    _load(client)  # warms the process (calendar, settings) and fills the cache
    before, hit = _load(client)
    assert "0 / 2" in _row(before, cast.commune_a.name)  # visits / required

    services.log_activity(
        actor=cast.liaison,
        cadre=assignment.cadre,
        unit=cast.commune_a,
        assignment=assignment,
        data=ActivityInput(kind="visit", date=today),
        idempotency_key="cache-visit-1",
    )
    after, miss = _load(client)
    assert "1 / 2" in _row(after, cast.commune_a.name) and _kpi(after, "kpi-visits") == "1"
    assert miss == hit + TABLE_QUERIES  # the same versions query, then the tables computed again
    again, hit_again = _load(client)
    assert _content(again) == _content(after) and hit_again == hit

    # A situation report escalating an issue: a liaison write, and an escalation open from today.
    previous = period_containing(today.replace(day=1) - dt.timedelta(days=1))
    organ = Organ.objects.filter(unit=cast.province).order_by("sort_order").first()
    report, _ = services.submit_report(
        actor=cast.liaison,
        cadre=assignment.cadre,
        unit=cast.commune_a,
        assignment=assignment,
        data=ReportInput(
            period=previous, public_sentiment="Ổn định", issues=[IssueInput("Sạt lở bờ kênh", True, organ)]
        ),
        idempotency_key="cache-report-1",
    )
    escalated, _ = _load(client)
    assert _row(escalated, cast.commune_a.name).endswith("1 / 0</td> </tr>") and _kpi(escalated, "kpi-open") == "1"
    _load(client)  # cached again

    # Answering the opinion is the opinions app's write: no liaison version moves, the count still does.
    answer_opinion(
        actor=SystemActor(reason="test"),
        opinion=report.issues.get(sort_order=0).escalation.opinion,
        text="Đã bố trí kinh phí kè tạm.",
        outcome="answered",
    )
    answered, count = _load(client)
    assert count == hit
    assert _row(answered, cast.commune_a.name).endswith("0 / 0</td> </tr>") and _kpi(answered, "kpi-open") == "0"


def test_offices_with_different_scopes_never_share_tables(cast, liaison_setup):
    other = AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).exclude(pk=cast.province.pk).first()
    commune = AdministrativeUnit.objects.current().filter(parent=other, level=Level.COMMUNE).order_by("code").first()
    actor = SystemActor(reason="test")
    outsider = people_services.create_account(actor=actor, username="vanphong_khac", password="x-Very-long-1")
    people_services.grant_role(actor=actor, user=outsider, role=Role.SECRETARY, unit=other)
    decision = services.create_decision(
        actor=actor, unit=other, number="9-QĐ/TU", issued_on=dt.date(2025, 9, 1), term_start=dt.date(2025, 9, 1)
    )
    cadre = people_services.create_person(actor=actor, full_name="Cán bộ tỉnh khác", home_unit=other)
    services.assign_cadre(actor=actor, decision=decision, cadre=cadre, unit=commune, start_date=dt.date(2025, 9, 1))

    ours, theirs = _client(cast.secretary), _client(outsider)
    for _ in range(2):  # the second round is served from the cache
        page, _count = _load(ours)
        assert cast.commune_a.name in page and "Cán bộ tỉnh khác" not in page and commune.name not in page
        page, _count = _load(theirs)
        assert commune.name in page and "Cán bộ tỉnh khác" in page and cast.commune_a.name not in page
    # The same scope (the province's leader and its secretary) shares the entry: the leader's first
    # load is already cached, it costs what the second costs.
    leader = _client(cast.leader)
    page, first = _load(leader)
    _page, second = _load(leader)
    assert cast.commune_a.name in page and first == second
