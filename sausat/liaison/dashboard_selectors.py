"""The coverage dashboard, with its tables computed once per change of what they read (issue 17, S10).

Field cadres write a few times a day per commune; the office reads the dashboard many times a day,
and its tables (168 communes and ~220 cadres at province scale) cost 8 queries and most of the
page's time. They are kept in the process cache (:func:`sausat.core.data_versions.cached`) under:

- the **office scope**: the scope paths of the reader's leader and secretary grants (or "admin"),
  the only thing ``policy.office_unit_filter`` reads; two offices with different scopes never share
  an entry, two secretaries of one province do;
- the period, the **day** (days since the last contact and late reports count to it), the
  no-contact threshold asked for or in force, the language and the script prefix (the rows carry
  translated labels and addresses);
- the **versions** of the data they read (:data:`DATA`): liaison records, people (cadre names,
  grants), geo (unit names, successors), the calendar (report due days) and dated settings (the
  vagueness cut-off). Every audited write of these bumps its version when it commits, so the next
  load recomputes.

Escalations are read per request, not cached: whether one is open follows the answer to its opinion,
which the opinions app writes without bumping a version. Their counts (one query) are joined to the
cached commune rows (``dashboard_rows.join_commune_rows``) and the list is read as before.

A cache check costs one query (the versions): a cached load runs 7 queries fewer than before, the
first load after a write one more (``sausat/liaison/tests/test_dashboard_cache.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from sausat.core.actors import Viewer
from sausat.core.data_versions import cached_markup
from sausat.core.policy import scope_for
from sausat.liaison import dashboard_rows, policy, selectors
from sausat.liaison.figures import CoverageFigures
from sausat.liaison.models import Escalation
from sausat.liaison.periods import Period

# The kinds of data (sausat.core.data_versions) the cached tables read; tracked in LiaisonConfig.ready.
DATA = ("liaison", "people", "geo", "calendar", "settings")


@dataclass(frozen=True)
class Tables:
    """What is cached: the rows as markup, the figures without escalations, the chart."""

    unit_ids: tuple[int, ...]  # the commune rows' units, in row order
    commune_heads: tuple[str, ...]
    cadre_rows: SafeString
    figures: CoverageFigures  # open / overdue escalations at 0
    chart: dict[str, Any]
    historical_bodies: list[str]


@dataclass(frozen=True)
class Dashboard:
    period: Period
    today: dt.date
    as_of: dt.date
    no_contact_days: int
    commune_rows: SafeString
    cadre_rows: SafeString
    figures: CoverageFigures
    chart: dict[str, Any]
    historical_bodies: list[str]
    escalations: list[Escalation]

    @property
    def is_past(self) -> bool:
        return self.period.end < self.today


def office_scope_key(user: Viewer) -> tuple[str, ...]:
    """Who the tables are for, as ``policy.office_unit_filter`` reads it."""
    scope = scope_for(user)
    if scope.is_admin:
        return ("*admin*",)
    return tuple(scope.paths(*policy.OFFICE_ROLES))


def _tables(user: Viewer, period: Period, today: dt.date, no_contact_days: int) -> Tables:
    cov = selectors.coverage(user, period, today, no_contact_days, escalations=False)
    return Tables(
        unit_ids=tuple(r.pk for r in cov.communes),
        commune_heads=tuple(dashboard_rows.commune_row_heads(cov.communes)),
        cadre_rows=dashboard_rows.cadre_rows_html(cov.cadres),
        figures=cov.figures,
        chart=selectors.chart_data(cov),
        historical_bodies=selectors.historical_bodies(cov),
    )


def dashboard(user: Viewer, period: Period, today: dt.date, no_contact_days: int) -> Dashboard:
    parts = (
        office_scope_key(user),
        period.key,
        today.isoformat(),
        no_contact_days,
    )
    tables = cached_markup("liaison.dashboard", DATA, parts, lambda: _tables(user, period, today, no_contact_days))
    as_of = selectors.review_day(period, today)
    counts = selectors.escalation_counts(tables.unit_ids, as_of) if tables.unit_ids else {}
    per_row = [counts.get(pk, (0, 0)) for pk in tables.unit_ids]
    figures = dataclasses.replace(tables.figures, open=sum(o for o, _ in per_row), overdue=sum(d for _, d in per_row))
    return Dashboard(
        period=period,
        today=today,
        as_of=as_of,
        no_contact_days=no_contact_days,
        commune_rows=dashboard_rows.join_commune_rows(tables.commune_heads, per_row),
        cadre_rows=tables.cadre_rows,
        figures=figures,
        chart=tables.chart,
        historical_bodies=tables.historical_bodies,
        escalations=selectors.open_escalations(user, as_of),
    )
