"""S9: the province's quarterly review pack (directives, issue 4), measured as the leader.

The page the Standing Committee reads before its quarterly session: the current quarter, whole
province (``scope=province``), opened by ``lanhdao``, the demo leader, who holds a leader grant at
the bench province (the "bench cast" generator) and so sees every task of it. Data:
``benchmarks/harness/gen_directives.py``.
"""

from __future__ import annotations

from benchmarks.harness.operations import Context, Request, Skip, fill

USER = "lanhdao"


def s9(ctx: Context) -> Request:
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.db.models import Q
    from django.utils import timezone

    from sausat.core.calendar import end_of_day, local_date
    from sausat.directives.policy import visible_tasks
    from sausat.directives.selectors import quarter_bounds, quarter_of

    user = get_user_model().objects.filter(username=USER).first()
    if user is None:
        raise Skip(f"no demo account {USER!r}: the bench data was not built")
    year, quarter = quarter_of(local_date(timezone.now()))
    start, end = quarter_bounds(year, quarter)
    begun = end_of_day(start - dt.timedelta(days=1))
    in_quarter = visible_tasks(user).filter(document__date__lte=end)
    if not in_quarter.filter(Q(completed_at__isnull=True) | Q(completed_at__gte=begun)).exists():
        raise Skip(
            f"{USER} sees no directive task in quarter {quarter}/{year}: run `make bench-data` "
            "with the directives generator (today's data: the generator dates everything from today)"
        )
    return Request(
        f"/chi-dao/bao-cao-quy/?year={year}&quarter={quarter}&scope=province",
        user=USER,
        min_bytes=10_000,
        marker=f"Báo cáo kết quả thực hiện nhiệm vụ Quý {'I' * quarter if quarter < 4 else 'IV'}/{year}</h1>",
    )


fill("S9", "The province's quarterly review pack (current quarter, whole province, as the leader)", s9)
