"""The quarterly pack page's body, rendered once per change of what it reads (issue 17, S9).

The body (the table by body, the chart's data, the overdue / completed / next-quarter lists and the
draft assessment) is about 70 % of the page's time at province scale: a thousand tasks loaded,
classified and written out. A task's status only changes at a write (a report, an approval, an
extension) or at midnight (deadlines are day-granular, :func:`sausat.core.calendar.is_past_deadline`),
so the body is kept in the process cache (:func:`sausat.core.data_versions.cached`) under the reader
(``visible_tasks`` depends on the person's grants and organs), the quarter, the scope, the day, the
language and the script prefix, and the versions of the data the pack reads
(:data:`sausat.directives.figures.FIGURE_DATA`: tasks and their history, people and organs, the
calendar). The shell around it (filters, "figures as of" with the current time) is rendered on every
load; the figures it heads are those of that moment, since nothing they read has changed.

A cache check costs one query (the versions); see ``sausat/directives/tests/test_pack_cache.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from sausat.core.actors import Viewer
from sausat.core.calendar import end_of_day, local_date
from sausat.core.data_versions import cached_markup
from sausat.directives.figures import FIGURE_DATA
from sausat.directives.pack import PackScope, attach_page_values, quarter_title, quarterly_pack
from sausat.directives.selectors import quarter_bounds


@dataclass(frozen=True)
class PackHead:
    """What the page's shell shows of the pack (the pack itself stays in the cached body)."""

    year: int
    quarter: int
    scope: PackScope
    as_of: dt.datetime

    @property
    def title(self) -> str:
        return quarter_title(self.year, self.quarter)


def pack_head(year: int, quarter: int, scope: PackScope, now: dt.datetime | None = None) -> PackHead:
    _start, end = quarter_bounds(year, quarter)
    return PackHead(year=year, quarter=quarter, scope=scope, as_of=min(now or timezone.now(), end_of_day(end)))


def _render_body(user: Viewer, year: int, quarter: int, scope: PackScope) -> SafeString:
    data = quarterly_pack(user, year, quarter, scope)
    attach_page_values(data)
    context = {"pack": data, "chart": data.chart_data(), "frame": data.frame()}
    return SafeString(render_to_string("directives/_pack_body.html", context))


def pack_body(user: Viewer, year: int, quarter: int, scope: PackScope) -> SafeString:
    """The rendered body of ``user``'s pack, from the cache unless what it reads has changed."""
    parts = (user.pk, year, quarter, scope.key, local_date(timezone.now()).isoformat())
    return cached_markup("directives.pack_body", FIGURE_DATA, parts, lambda: _render_body(user, year, quarter, scope))
