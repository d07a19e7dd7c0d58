"""Reminders on answer deadlines and on petitions' reply deadlines, like those on tasks (issue 18)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from sausat.core import calendar
from sausat.core.calendar import VN_TZ
from sausat.core.models import Notification
from sausat.core.services import set_calendar_day
from sausat.core.setting_services import do_set_dated_setting
from sausat.opinions import services
from sausat.opinions.models import Answer, Channel, Outcome
from sausat.opinions.reminders import run_reminders
from sausat.opinions.rules import petition_reply_deadline
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db

DUE = dt.date(2030, 4, 2)  # a Tuesday


def vn(y, m, d, h=8):
    return dt.datetime(y, m, d, h, tzinfo=VN_TZ)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.invalidate_cache()
    yield
    calendar.invalidate_cache()


def _opinions(cast, n=2, deadline=DUE, unit=None):
    meeting = make_meeting(cast)
    organ = responder_organ(cast)
    return [
        services.register_opinion(
            actor=cast.secretary,
            text=f"Ý kiến số {i}",
            channel=Channel.LIVE,
            unit=unit or cast.commune_a,
            idempotency_key=f"rem-{i}-{deadline}",
            meeting=meeting,
            responder_organ=organ,
            deadline=deadline,
        )
        for i in range(n)
    ]


def test_answer_deadline_reminders_once_per_deadline_then_each_overdue_day(cast):
    _opinions(cast)
    first = run_reminders(now=vn(2030, 3, 28))  # Thu: 2/4 is 3 working days ahead
    assert first.deadlines == 1 and first.notifications >= 1
    note = Notification.objects.get(recipient=cast.responder)
    assert "2 ý kiến" in note.title and "02/04/2030" in note.title
    assert note.url == "/y-kien/can-tra-loi/"
    assert run_reminders(now=vn(2030, 3, 29)).notifications == 0  # same deadline: not again
    assert run_reminders(now=vn(2030, 4, 1)).notifications == 0
    late = run_reminders(now=vn(2030, 4, 3))
    assert late.notifications == 1
    assert run_reminders(now=vn(2030, 4, 3, 15)).notifications == 0  # once a day
    assert run_reminders(now=vn(2030, 4, 4)).notifications == 1
    assert Notification.objects.filter(recipient=cast.responder, title__startswith="Quá hạn").count() == 2


def test_answered_opinions_are_not_reminded(cast):
    ops = _opinions(cast, n=1)
    services.answer_opinion(actor=cast.responder, opinion=ops[0], text="Đã trả lời", outcome=Outcome.ANSWERED)
    assert run_reminders(now=vn(2030, 4, 5)).deadlines == 0


def test_the_window_counts_the_provinces_days_off_and_its_own_offsets(cast):
    _opinions(cast)
    # 3 working days before 2/4 is Thu 28/3; a local day off on Mon 1/4 moves it back to Wed 27/3.
    set_calendar_day(actor=cast.admin, date=dt.date(2030, 4, 1), kind="day_off", name="Lễ tỉnh", province=cast.province)
    assert run_reminders(now=vn(2030, 3, 27)).deadlines == 1
    Notification.objects.all().delete()
    # A province that wants 1 working day and no overdue reminders.
    do_set_dated_setting(
        actor=cast.admin,
        key="opinions.reminders",
        value={"before_working_days": 1, "overdue": False},
        valid_from=dt.date(2030, 1, 1),
        basis="Quy chế thử",
        unit=cast.province,
    )
    _opinions(cast, deadline=dt.date(2030, 5, 14))
    assert run_reminders(now=vn(2030, 5, 10)).deadlines == 0  # Fri: 2 working days before
    assert run_reminders(now=vn(2030, 5, 13)).deadlines == 1
    assert run_reminders(now=vn(2030, 5, 20)).deadlines == 0  # overdue, but the province said no


def _petition(cast, sent_on):
    opinion = _opinions(cast, n=1, deadline=dt.date(2030, 6, 28))[0]
    return services.answer_opinion(
        actor=cast.responder,
        opinion=opinion,
        text="Kiến nghị cấp có thẩm quyền",
        outcome=Outcome.PETITIONED,
        petition_authority="Bộ Nội vụ",
        petition_sent_on=sent_on,
    )


def test_a_petition_gets_its_reply_deadline_and_reminders(cast):
    sent = dt.date(2030, 3, 1)
    answer = _petition(cast, sent)
    assert answer.petition_reply_due == petition_reply_deadline(sent, place=cast.commune_a) == dt.date(2030, 3, 21)
    # A later sending day moves the default deadline; the office may set its own.
    answer = services.update_petition(actor=cast.secretary, answer=answer, sent_on=dt.date(2030, 3, 4))
    assert answer.petition_reply_due == dt.date(2030, 3, 25)
    answer = services.update_petition(actor=cast.secretary, answer=answer, reply_due=dt.date(2030, 4, 2))
    assert Answer.objects.get(pk=answer.pk).petition_reply_due == DUE
    run = run_reminders(now=vn(2030, 3, 28))
    assert run.petitions == 1
    note = Notification.objects.get(recipient=cast.secretary, title__contains="kiến nghị")
    assert f"/y-kien/{answer.opinion_id}/" in note.url
    assert run_reminders(now=vn(2030, 4, 3)).petitions == 1
    # A reply stops the reminders.
    services.update_petition(actor=cast.secretary, answer=answer, reply="Đã trả lời", reply_on=dt.date(2030, 4, 3))
    assert run_reminders(now=vn(2030, 4, 4)).petitions == 0


def test_the_petition_deadline_shows_on_the_opinion_page_and_only_in_scope(cast, login):
    answer = _petition(cast, dt.date(2026, 1, 5))  # + 20 days: Sunday 25/1 → Monday 26/1, long past
    page = login(cast.secretary).get(f"/y-kien/{answer.opinion_id}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "hạn trả lời 26/01/2026" in body and "Quá hạn" in body
    assert "Thời hạn trả lời: 20 ngày — mặc định của sản phẩm" in body
    assert login(cast.commune_b_cadre).get(f"/y-kien/{answer.opinion_id}/").status_code == 404


def test_the_command_runs_the_reminders(cast, capsys):
    _opinions(cast)
    call_command("opinions_reminders", "--date", "2030-03-28")
    assert "1 hạn trả lời" in capsys.readouterr().out


def test_enqueued_reminders_run_in_the_worker(cast):
    import io

    from sausat.core.job_worker import run_worker
    from sausat.core.models_jobs import Job

    call_command("opinions_reminders", "--enqueue", stdout=io.StringIO())
    job = Job.objects.get()
    run_worker(once=True, worker_id="w1")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and "notifications" in job.result
