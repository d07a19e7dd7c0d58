"""The figures of the third promise ("no commune without someone who knows it"), computed one way only.

When a commune counts as *not contacted within the limit* is decided here (:func:`is_stale`,
:func:`stale_before`: more than the dated setting "liaison.no_contact_days" since its last field
activity, or none at all), and the coverage totals are summed here (:func:`coverage_figures`) from
the dashboard's commune rows. The home inbox, the coverage dashboard, its .xlsx/.docx review and
the API read this module, so a figure cannot differ between them
(sausat/liaison/tests/test_figures.py checks it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sausat.core.numbers import percent, vn_number, vn_rate


def is_stale(last_contact: dt.date | None, as_of: dt.date, no_contact_days: int) -> bool:
    """No field activity at all, or the last one more than ``no_contact_days`` days before ``as_of``."""
    return last_contact is None or (as_of - last_contact).days > no_contact_days


def stale_before(as_of: dt.date, no_contact_days: int) -> dt.date:
    """A last contact before this day makes the commune stale on ``as_of`` (:func:`is_stale` as a bound)."""
    return as_of - dt.timedelta(days=no_contact_days)


@dataclass(frozen=True)
class CoverageFigures:
    communes: int = 0
    stale: int = 0
    visits: int = 0
    meetings: int = 0
    bridge: int = 0
    feedback: int = 0
    open: int = 0  # escalations waiting for an answer
    overdue: int = 0  # of which past their deadline
    reports_late: int = 0

    @property
    def contacted_rate(self) -> float | None:
        """Communes contacted within the limit, per commune followed, in percent."""
        return percent(self.communes - self.stale, self.communes)

    @property
    def contacted_text(self) -> str:
        contacted = self.communes - self.stale
        return f"{vn_number(contacted)}/{vn_number(self.communes)} ({vn_rate(self.contacted_rate)})"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def coverage_figures(rows: Iterable[Any]) -> CoverageFigures:
    """The totals of the dashboard's commune rows (``sausat.liaison.selectors.commune_rows``)."""
    rows = list(rows)
    return CoverageFigures(
        communes=len(rows),
        stale=sum(1 for r in rows if r.stale),
        visits=sum(r.visits for r in rows),
        meetings=sum(r.meetings for r in rows),
        bridge=sum(r.bridge for r in rows),
        feedback=sum(r.feedback for r in rows),
        open=sum(r.escalations_open for r in rows),
        overdue=sum(r.escalations_overdue for r in rows),
        reports_late=sum(r.reports_late for r in rows),
    )
