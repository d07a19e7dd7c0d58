import datetime as dt

import pytest

from sausat.core.calendar import VN_TZ
from sausat.directives import demo
from sausat.directives.models import Task
from sausat.directives.pack import PackScope, quarterly_pack
from sausat.directives.status import Status, task_status

pytestmark = pytest.mark.django_db


def test_demo_session_of_17_march_2021_has_on_time_late_and_overdue_tasks(cast):
    from sausat.people import demo as people_demo

    people_demo.seed_seed_people()
    lines = demo.seed()
    assert "17/3/2021" in lines[0]
    assert demo.seed()[0].endswith("đã có.")  # idempotent
    end_q2 = dt.datetime(2021, 6, 30, 23, 59, tzinfo=VN_TZ)
    statuses = {t.lead_organ.short_name + ": " + t.title[:20]: task_status(t, end_q2) for t in Task.objects.all()}
    values = set(statuses.values())
    assert {Status.COMPLETED_ON_TIME, Status.COMPLETED_LATE, Status.OVERDUE} <= values, statuses
    pack = quarterly_pack(cast.secretary, 2021, 2, PackScope())
    assert pack.totals.total == Task.objects.count()
    names = {b.name for b in pack.bodies}
    assert "Báo Hậu Giang" in names
    assert "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh Hậu Giang" in names
    assert pack.overdue and pack.completed
