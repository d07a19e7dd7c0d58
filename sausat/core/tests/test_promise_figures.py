"""The third promise's figures are computed in one place (sausat/liaison/figures.py): the leader's
home counts the same communes "not contacted within the limit" as the coverage dashboard, and the
dashboard's totals are the sums of its rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from sausat.core.calendar import local_date
from sausat.core.inbox import inbox_for
from sausat.liaison import figures

pytestmark = pytest.mark.django_db


def test_stale_rule_and_its_bound_agree():
    today = dt.date(2026, 12, 5)
    limit = figures.stale_before(today, 30)
    for days in range(25, 36):
        last = today - dt.timedelta(days=days)
        assert figures.is_stale(last, today, 30) == (last < limit)
    assert figures.is_stale(None, today, 30)


def test_leader_home_and_dashboard_count_the_same_stale_communes(demo, login):
    from sausat.liaison.periods import period_containing
    from sausat.liaison.selectors import coverage

    today = local_date(timezone.now())
    home = next(s for s in inbox_for(demo.leader) if s.key == "liaison.office_stale")
    cov = coverage(demo.leader, period_containing(today), today)
    assert cov.totals == cov.figures.as_dict()
    assert cov.figures.stale == sum(1 for r in cov.communes if r.stale) == home.count
    page = login(demo.leader).get("/co-so/bao-quat/").content.decode()
    assert re.search(r'id="kpi-stale">(\d+)<', page).group(1) == str(home.count)
