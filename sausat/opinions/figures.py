"""The figures of the first promise ("no opinion forgotten"), computed one way only.

What counts as *open*, *answered*, *overdue* and *at risk* is decided here, as query conditions
(:func:`open_q`, :func:`overdue_q`, ...) and their one-object twin (:func:`is_overdue`), and every
count is derived from them: the home inbox, the meeting's summary and issue-group board, the
register's "overdue" filter and its .xlsx export read this module, so a figure cannot differ
between them (sausat/opinions/tests/test_figures.py checks it).

- *open*: not answered yet (no outcome) and not merged into another opinion (a merged opinion is
  answered through the one it was merged into);
- *overdue*: open, and its deadline (the last day to answer) has passed: before today, Vietnam time;
- *at risk*: open, and the deadline falls within the dated setting "opinions.at_risk_days";
- the answer rate is answered per opinion received (merged ones excluded), via
  :func:`sausat.core.numbers.percent`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from sausat.core.dated_rules import setting_for
from sausat.core.numbers import percent, vn_number, vn_rate


def _f(prefix: str, name: str) -> str:
    return f"{prefix}{name}"


def answered_q(prefix: str = "") -> Q:
    return ~Q(**{_f(prefix, "outcome"): ""})


def merged_q(prefix: str = "") -> Q:
    return Q(**{_f(prefix, "merged_into__isnull"): False})


def open_q(prefix: str = "") -> Q:
    return Q(**{_f(prefix, "outcome"): "", _f(prefix, "merged_into__isnull"): True})


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    return open_q(prefix) & Q(**{_f(prefix, "deadline__lt"): today})


def at_risk_days(today: dt.date) -> int:
    return int(setting_for("opinions.at_risk_days", on=today).value)


def late_or_at_risk_q(today: dt.date, prefix: str = "") -> Q:
    """Open opinions overdue or due within the at-risk window (the leader's list)."""
    return open_q(prefix) & Q(**{_f(prefix, "deadline__lte"): today + dt.timedelta(days=at_risk_days(today))})


def is_open(opinion) -> bool:
    return not opinion.outcome and opinion.merged_into_id is None


def is_overdue(opinion, today: dt.date) -> bool:
    """:func:`overdue_q` for one opinion already loaded (a row of an export)."""
    return bool(is_open(opinion) and opinion.deadline and opinion.deadline < today)


@dataclass(frozen=True)
class OpinionFigures:
    total: int = 0  # received, merged ones included
    merged: int = 0
    answered: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def counted(self) -> int:
        """The opinions the promise counts: every one received except those merged into another."""
        return self.total - self.merged

    @property
    def answer_rate(self) -> float | None:
        return percent(self.answered, self.counted)

    @property
    def answer_text(self) -> str:
        return f"{vn_number(self.answered)}/{vn_number(self.counted)} ({vn_rate(self.answer_rate)})"

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "merged": self.merged,
            "answered": self.answered,
            "open": self.open,
            "overdue": self.overdue,
            "answer_rate": self.answer_rate,
        }


def count_annotations(today: dt.date, prefix: str = "", live: Q | None = None) -> dict:
    """``Count`` expressions of the figures, for ``aggregate()`` on opinions or ``annotate()`` on rows
    that have opinions (``prefix``: the path to them, e.g. ``"opinions__"`` from an issue group;
    ``live``: an extra condition every counted opinion meets)."""
    target = prefix.removesuffix("__") or "id"
    live = live if live is not None else Q()
    return {
        "n": Count(target, filter=live),
        "merged_n": Count(target, filter=merged_q(prefix) & live),
        "answered": Count(target, filter=answered_q(prefix) & ~merged_q(prefix) & live),
        "open_n": Count(target, filter=open_q(prefix) & live),
        "overdue": Count(target, filter=overdue_q(today, prefix) & live),
    }


def opinion_figures(opinions, today: dt.date) -> OpinionFigures:
    """The figures of an (already scoped) queryset of opinions, in one query."""
    row = opinions.order_by().aggregate(**count_annotations(today))
    return OpinionFigures(
        total=row["n"], merged=row["merged_n"], answered=row["answered"], open=row["open_n"], overdue=row["overdue"]
    )
