"""A past quarter's pack reads the records as they stood at the quarter's end, not as of today."""

import datetime as dt

import pytest

from sausat.directives import services
from sausat.directives.pack import PackScope, quarterly_pack
from sausat.directives.status import Status
from sausat.directives.tests.conftest import vn

pytestmark = pytest.mark.django_db


def test_past_quarter_overdue_reason_and_progress_are_those_of_the_quarter_end(cast, organs, make_task):
    task = make_task(organs["province"]["Sở Nội vụ"], title="Rà soát hồ sơ cán bộ", deadline_date=dt.date(2026, 2, 27))
    services.report_progress(actor=cast.secretary, task=task, text="Đã rà soát 3 xã", percent=30, at=vn(2026, 3, 10))
    # After the quarter: more progress, a new reason.
    services.report_progress(actor=cast.secretary, task=task, text="Đã rà soát 9 xã", percent=90, at=vn(2026, 5, 4))
    pack = quarterly_pack(cast.secretary, 2026, 1, PackScope(), now=vn(2026, 6, 1))
    [overdue] = [t for t in pack.overdue if t.pk == task.pk]
    assert overdue.status is Status.OVERDUE
    assert overdue.reason == "Đã rà soát 3 xã" and overdue.percent == 30
    # The current quarter reads today's records.
    current = quarterly_pack(cast.secretary, 2026, 2, PackScope(), now=vn(2026, 6, 1))
    [now_overdue] = [t for t in current.overdue if t.pk == task.pk]
    assert now_overdue.reason == "Đã rà soát 9 xã"
