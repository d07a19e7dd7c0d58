"""S10: the liaison coverage dashboard (issue 5), measured as the province's office secretary.

``/co-so/bao-quat/`` for the current month: every commune of the bench province with its cadres'
visits, meetings, feedback, late reports and open escalations, opened by ``vanphong``, the demo
secretary, who holds a secretary grant there (the "bench cast" generator). Data:
``benchmarks/harness/gen_liaison.py``.
"""

from __future__ import annotations

from benchmarks.harness.operations import Context, Request, Skip, fill

USER = "vanphong"


def s10(ctx: Context) -> Request:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from sausat.core.calendar import local_date
    from sausat.liaison.models import Activity, Assignment
    from sausat.liaison.periods import period_containing
    from sausat.liaison.policy import office_unit_filter

    user = get_user_model().objects.filter(username=USER).first()
    if user is None:
        raise Skip(f"no demo account {USER!r}: the bench data was not built")
    period = period_containing(local_date(timezone.now()))
    scope = office_unit_filter(user)
    if not Assignment.objects.filter(scope, start_date__lte=period.end).exists():
        raise Skip(f"{USER} sees no liaison assignment: run `make bench-data` with the liaison generator")
    if not Activity.objects.filter(scope, date__gte=period.start).exists():
        raise Skip(f"no liaison activity this month ({period.key}) in {USER}'s scope: rebuild the bench data")
    # Every commune of the province is a row: a dashboard of a few kilobytes lost its communes.
    return Request(
        f"/co-so/bao-quat/?ky={period.key}", user=USER, min_bytes=50_000, marker="Bảng theo dõi bao quát cơ sở</h1>"
    )


fill("S10", "The liaison coverage dashboard (current month, every commune of the province, as the office)", s10)
