import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from sausat.core.models import Notification
from sausat.directives.reminders import OVERDUE, remind_task, run_reminders

from .conftest import vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_task(cast, organs, make_task):
    cast.responder.email = "traloi@example.vn"
    cast.responder.save(update_fields=["email"])
    return make_task(organs["province"]["Sở Nội vụ"], deadline_date=dt.date(2026, 3, 31))


def _notes(user):
    return Notification.objects.filter(recipient=user)


def test_due_soon_once_then_each_overdue_day_once(cast, lead_task, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminders(now=vn(2026, 3, 26, 8), before=3)  # Thu: 31/3 is 3 working days ahead
    assert first.notifications == 1
    assert _notes(cast.responder).get().title.startswith("Sắp đến hạn")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["traloi@example.vn"]
    with django_capture_on_commit_callbacks(execute=True):
        again = run_reminders(now=vn(2026, 3, 27, 8), before=3)  # still in the window: not again
        run_reminders(now=vn(2026, 3, 26, 15), before=3)
    assert again.notifications == 0 and _notes(cast.responder).count() == 1
    for day in (1, 1, 2, 2, 3):
        with django_capture_on_commit_callbacks(execute=True):
            run_reminders(now=vn(2026, 4, day, 9), before=3)
    overdue = _notes(cast.responder).filter(title__startswith="Quá hạn")
    assert overdue.count() == 3
    assert len(mail.outbox) == 4


def test_a_crash_before_commit_leaves_nothing_and_the_rerun_sends_once(cast, lead_task):
    day = dt.date(2026, 4, 5)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert remind_task(lead_task, OVERDUE, day) == 1
        raise RuntimeError("worker killed before commit")
    assert _notes(cast.responder).count() == 0
    assert remind_task(lead_task, OVERDUE, day) == 1
    assert remind_task(lead_task, OVERDUE, day) == 0
    assert _notes(cast.responder).count() == 1


def test_registered_job_and_command_are_idempotent(cast, lead_task):
    from sausat.core.actors import SystemActor
    from sausat.core.job_worker import run_worker
    from sausat.core.jobs import enqueue
    from sausat.directives.reminders import reminders_job

    enqueue(reminders_job, actor=SystemActor(reason="test"))
    reminders_job.enqueue()  # the plain django.tasks way: the system is the actor
    assert run_worker(once=True) == 2
    # the task is overdue today (deadline 31/3/2026): one reminder for today, whatever the runs
    assert _notes(cast.responder).filter(title__startswith="Quá hạn").count() == 1
    out = io.StringIO()
    call_command("directives_reminders", stdout=out)
    assert "0 thông báo mới" in out.getvalue()
    call_command("directives_reminders", "--date", "2026-04-07", stdout=out)
    assert _notes(cast.responder).count() == 2


def test_no_reminder_for_completed_tasks(cast, lead_task):
    from sausat.directives import request_services

    prop = request_services.propose_completion(actor=cast.responder, task=lead_task, product="Báo cáo")
    request_services.decide_request(actor=cast.secretary, request=prop, approve=True)
    assert run_reminders(now=vn(2026, 4, 10), before=3).tasks == 0
