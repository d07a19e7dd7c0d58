"""Two people saving the same task at the same moment: the second gets a conflict, nothing is lost."""

import datetime as dt
import threading

import pytest
from django.db import connection

from sausat.directives import services
from sausat.directives.models import Task

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_two_concurrent_saves_one_wins_the_other_gets_a_conflict(cast, organs, make_task):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no concurrent save to race")
    task = make_task(organs["province"]["Sở Nội vụ"], title="Bản đầu")
    copies = [Task.objects.get(pk=task.pk), Task.objects.get(pk=task.pk)]
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def save(i: int) -> None:
        from django.db import connections

        try:
            barrier.wait()
            changes = {"title": f"Bản {i}"} if i == 0 else {"deadline_date": dt.date(2026, 6, 30)}
            services.update_task(copies[i], actor=cast.secretary, expected_version=copies[i].version, **changes)
            results[i] = "saved"
        except services.TaskConflict as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(type(r).__name__ for r in results) == ["TaskConflict", "str"]
    conflict = next(r for r in results if isinstance(r, services.TaskConflict))
    assert "đã được người khác cập nhật" in conflict.message
    task.refresh_from_db()
    assert task.version == 2
    assert (task.title == "Bản 0") != (task.due_date == dt.date(2026, 6, 30))
