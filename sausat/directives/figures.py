"""The figures of the second promise ("no directive left unfinished"), computed one way only.

:class:`TaskFigures` counts tasks by :func:`sausat.directives.status.task_status` and derives every
figure from those counts (completion rate via :func:`sausat.core.numbers.percent`). The quarterly
pack's rows and totals are ``TaskFigures``; :func:`quarter_figures` is the selector the home inbox,
the leaders' dashboard, the pack page and its .xlsx/.docx all read, so a figure cannot differ
between them (sausat/directives/tests/test_figures.py checks it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sausat.core.numbers import XlsxPercent, percent, vn_number, vn_rate
from sausat.directives.status import Status


@dataclass
class TaskFigures:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, status: Status) -> None:
        self.counts[status] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def on_time(self) -> int:
        return self.counts[Status.COMPLETED_ON_TIME]

    @property
    def late(self) -> int:
        return self.counts[Status.COMPLETED_LATE]

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def in_progress(self) -> int:
        """In progress within the deadline, counting "not started" (the four buckets of the review)."""
        return self.counts[Status.IN_PROGRESS] + self.counts[Status.NOT_STARTED]

    @property
    def overdue(self) -> int:
        return self.counts[Status.OVERDUE]

    @property
    def no_deadline(self) -> int:
        return self.counts[Status.NO_DEADLINE]

    @property
    def completion_rate(self) -> float | None:
        """Tasks done (on time or late) per task followed, in percent, one decimal; None without tasks."""
        return percent(self.done, self.total)

    @property
    def on_time_rate(self) -> float | None:
        """Tasks done on time per task done, in percent; None when none is done."""
        return percent(self.on_time, self.done)

    @property
    def completion_text(self) -> str:
        return vn_rate(self.completion_rate)

    @property
    def completion_xlsx(self) -> XlsxPercent:
        return XlsxPercent(self.completion_rate)

    @property
    def bucket_counts(self) -> list[int]:
        return [self.on_time, self.late, self.in_progress, self.overdue]

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "done": self.done,
            "on_time": self.on_time,
            "late": self.late,
            "in_progress": self.in_progress,
            "overdue": self.overdue,
            "no_deadline": self.no_deadline,
            "completion_rate": self.completion_rate,
            "on_time_rate": self.on_time_rate,
        }


def quarter_figures(user, year: int, quarter: int, scope=None, *, now: dt.datetime | None = None) -> TaskFigures:
    """The figures of ``quarter`` in ``scope`` (default: all the user may see), as of ``now``."""
    from sausat.directives.pack import PackScope, classified_tasks

    figures = TaskFigures()
    for task in classified_tasks(user, year, quarter, scope or PackScope(), now=now).tasks:
        figures.add(task.status)
    return figures


# The kinds of data a quarter's figures read (sausat.core.data_versions): the tasks and their
# reports, requests and deadline changes; who may see what (grants, organs); the days off.
FIGURE_DATA = ("directives", "people", "calendar")


def current_quarter_figures(user, today: dt.date) -> TaskFigures:
    """:func:`quarter_figures` of ``today``'s quarter as of now, cached until a write to what it reads.

    A status only changes at a write (a report, an approval, an extension) or at midnight (a deadline
    passing: :func:`sausat.core.calendar.is_past_deadline` is day-granular), so the figures are kept per
    person, day and data version; the home page reads them on every load.
    """
    from sausat.core.data_versions import cached
    from sausat.directives.selectors import quarter_of

    year, quarter = quarter_of(today)
    return cached(
        "directives.quarter_figures",
        FIGURE_DATA,
        (user.pk, year, quarter, today.isoformat()),
        lambda: quarter_figures(user, year, quarter),
    )


def figure_texts(figures: TaskFigures) -> dict[str, str]:
    """The Vietnamese texts of the headline figures (the home inbox and the dashboard's summary)."""
    return {
        "completion": f"{vn_number(figures.done)}/{vn_number(figures.total)} ({figures.completion_text})",
        "on_time": f"{vn_number(figures.on_time)} ({vn_rate(figures.on_time_rate)})",
        "overdue": vn_number(figures.overdue),
    }
