"""Data versions: every committed audited write bumps its kind once per transaction (never on a
rollback), and the leader's home reads the quarter's figures from the cache until a task changes,
equal to the pack's (the same selector)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sausat.core.actors import SystemActor
from sausat.core.calendar import local_date
from sausat.core.data_versions import versions

pytestmark = pytest.mark.django_db(transaction=True)

ACTOR = SystemActor(reason="test")


def _task_and_organ():
    from sausat.directives.models import Task

    task = Task.objects.filter(completed_at__isnull=True).select_related("document", "lead_organ").first()
    return task, task.lead_organ


def _add(task, title: str):
    from sausat.directives import services

    return services.add_task(
        actor=ACTOR,
        document=task.document,
        title=title,
        lead_organ=task.lead_organ,
        deadline_date=local_date(timezone.now()) - dt.timedelta(days=2),
    )


def test_a_committed_write_bumps_its_kind_once_and_a_rollback_not_at_all(demo):
    task, _organ = _task_and_organ()
    (start,) = versions(["directives"])
    with transaction.atomic():
        _add(task, "Nhiệm vụ thử phiên bản 1")
        _add(task, "Nhiệm vụ thử phiên bản 2")
    assert versions(["directives"]) == (start + 1,)
    with pytest.raises(RuntimeError), transaction.atomic():
        _add(task, "Nhiệm vụ bị hủy")
        raise RuntimeError("rolled back")
    assert versions(["directives"]) == (start + 1,)
    _add(task, "Nhiệm vụ không trong giao dịch")  # the service's own transaction
    assert versions(["directives"]) == (start + 2,)


def test_leader_home_figures_are_cached_until_a_task_changes(demo):
    from sausat.core.inbox import inbox_for
    from sausat.directives.figures import quarter_figures
    from sausat.directives.selectors import quarter_of

    leader = demo.leader
    year, quarter = quarter_of(local_date(timezone.now()))

    def home_figures() -> tuple[dict, int]:
        with CaptureQueriesContext(connection) as ctx:
            sections = {s.key: s for s in inbox_for(leader)}
        return {f.key: f.value for f in sections["directives.late"].figures}, len(ctx.captured_queries)

    first, computed = home_figures()
    second, cached = home_figures()
    assert second == first and cached < computed
    expected = quarter_figures(leader, year, quarter)
    assert first == {"completion": expected.completion_rate, "on_time": expected.on_time, "overdue": expected.overdue}

    task, _organ = _task_and_organ()
    _add(task, "Nhiệm vụ quá hạn mới")  # committed: the version moves on, the next load recomputes
    third, recomputed = home_figures()
    fresh = quarter_figures(leader, year, quarter)
    assert third["overdue"] == fresh.overdue == expected.overdue + 1
    assert recomputed > cached
    fourth, cached_again = home_figures()
    assert fourth == third and cached_again == cached


def test_within_one_request_the_versions_are_read_once_and_again_after_a_bump(demo):
    from sausat.core.data_versions import VersionsPerRequest, bump

    seen = []

    def view(_request):
        with CaptureQueriesContext(connection) as first:
            before = versions(["directives", "opinions"])
            versions(["liaison"])
            versions(["directives"])
        seen.append(len(first))
        bump("directives")  # the request's own write
        with CaptureQueriesContext(connection) as second:
            after = versions(["directives", "opinions"])
        seen.append(len(second))
        return before, after

    before, after = VersionsPerRequest(view)(object())
    assert seen == [1, 1]
    assert after[0] == before[0] + 1 and after[1] == before[1]
    with CaptureQueriesContext(connection) as outside:  # outside a request every call reads
        versions(["directives"])
        versions(["directives"])
    assert len(outside) == 2
