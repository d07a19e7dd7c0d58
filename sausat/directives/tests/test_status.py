"""The status rule: midnight in Asia/Ho_Chi_Minh with the server in UTC, Tết 2026, extensions."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sausat.core.calendar import VN_TZ, local_date
from sausat.directives import request_services, services
from sausat.directives.models import DeadlineKind, Task
from sausat.directives.status import Status, task_status

from .conftest import vn

UTC = dt.UTC


def _task(**kw) -> Task:
    kw.setdefault("deadline_kind", DeadlineKind.FIXED)
    return Task(**kw)


def test_overdue_starts_at_midnight_vietnam_time_not_utc():
    task = _task(due_date=dt.date(2026, 3, 31), first_report_at=dt.datetime(2026, 3, 1, tzinfo=UTC))
    # 23:59:59 on 31/3 in Vietnam is 16:59:59 UTC: still within the deadline.
    assert task_status(task, dt.datetime(2026, 3, 31, 16, 59, 59, tzinfo=UTC)) is Status.IN_PROGRESS
    # 00:00 on 1/4 in Vietnam is 17:00 UTC on 31/3: overdue, although UTC still says 31/3.
    assert task_status(task, dt.datetime(2026, 3, 31, 17, 0, 0, tzinfo=UTC)) is Status.OVERDUE


def test_completion_approved_just_before_or_after_midnight():
    due = dt.date(2026, 3, 31)
    on_time = _task(due_date=due, completed_at=dt.datetime(2026, 3, 31, 16, 59, 59, tzinfo=UTC))
    late = _task(due_date=due, completed_at=dt.datetime(2026, 3, 31, 17, 0, 1, tzinfo=UTC))
    later = dt.datetime(2026, 6, 1, tzinfo=UTC)
    assert task_status(on_time, later) is Status.COMPLETED_ON_TIME
    assert task_status(late, later) is Status.COMPLETED_LATE
    # Before the approval the task was still in progress (then overdue): a proposal is not "done".
    assert task_status(late, dt.datetime(2026, 3, 31, 17, 0, 0, tzinfo=UTC)) is Status.OVERDUE


def test_not_started_no_deadline_buckets():
    assert task_status(_task(due_date=dt.date(2026, 5, 1)), vn(2026, 4, 1)) is Status.NOT_STARTED
    assert task_status(_task(deadline_kind=DeadlineKind.NONE), vn(2026, 4, 1)) is Status.NO_DEADLINE
    # not started but past the deadline: overdue wins
    assert task_status(_task(due_date=dt.date(2026, 3, 1)), vn(2026, 4, 1)) is Status.OVERDUE


@pytest.mark.django_db
def test_working_days_across_tet_2026(cast, organs):
    """Tết 2026: 16-20/2 are holidays, 14-15 and 21-22/2 weekends. Two working days from Thursday
    12/2 are Friday 13/2 and Monday 23/2."""
    from sausat.directives.models import DocumentKind

    doc = services.register_document(
        actor=cast.secretary,
        kind=DocumentKind.CONCLUSION_NOTICE,
        issuing_organ=organs["province"]["Thành ủy"],
        date=dt.date(2026, 2, 12),
        title="Thông báo kết luận trước Tết",
        unit=cast.province,
    )
    lead = organs["province"]["Sở Nội vụ"]
    working = services.add_task(
        actor=cast.secretary,
        document=doc,
        title="Hai ngày làm việc",
        lead_organ=lead,
        deadline_kind=DeadlineKind.WORKING_DAYS,
        deadline_days=2,
    )
    calendar = services.add_task(
        actor=cast.secretary,
        document=doc,
        title="Năm ngày",
        lead_organ=lead,
        deadline_kind=DeadlineKind.CALENDAR_DAYS,
        deadline_days=5,
    )
    assert working.due_date == dt.date(2026, 2, 23)
    # 5 calendar days end on 17/2 (Tết): the period ends on the next working day (Art. 148).
    assert calendar.due_date == dt.date(2026, 2, 23)
    for task in (working, calendar):
        assert task_status(task, vn(2026, 2, 20, 12)) is Status.NOT_STARTED
        assert task_status(task, vn(2026, 2, 23, 23, 59, 59)) is Status.NOT_STARTED
        assert task_status(task, vn(2026, 2, 24, 0, 0, 0)) is Status.OVERDUE


@pytest.mark.django_db
def test_approved_extension_replaces_deadline_from_its_approval_and_keeps_history(cast, organs, make_task):
    task = make_task(organs["province"]["Sở Nội vụ"], deadline_date=dt.date(2026, 3, 31))
    services.report_progress(actor=cast.responder, task=task, text="Đang làm", percent=30, at=vn(2026, 3, 2))
    req = request_services.request_extension(
        actor=cast.responder, task=task, reason="Chờ số liệu", requested_date=dt.date(2026, 4, 15), at=vn(2026, 3, 30)
    )
    request_services.decide_request(actor=cast.secretary, request=req, approve=True, at=vn(2026, 4, 2, 10))
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 4, 15)
    assert task.original_due_date == dt.date(2026, 3, 31)
    assert [(c.old_date, c.new_date) for c in task.deadline_changes.all()] == [
        (dt.date(2026, 3, 31), dt.date(2026, 4, 15))
    ]
    assert task_status(task, vn(2026, 4, 1, 10)) is Status.OVERDUE  # before the approval
    assert task_status(task, vn(2026, 4, 3)) is Status.IN_PROGRESS
    assert task_status(task, vn(2026, 4, 16)) is Status.OVERDUE
    proposal = request_services.propose_completion(
        actor=cast.responder, task=task, product="Báo cáo", at=vn(2026, 4, 14)
    )
    request_services.decide_request(actor=cast.secretary, request=proposal, approve=True, at=vn(2026, 4, 15, 23, 59))
    task.refresh_from_db()
    assert task_status(task, vn(2026, 6, 1)) is Status.COMPLETED_ON_TIME


@pytest.mark.django_db
def test_recurring_monthly_task_is_overdue_when_latest_period_missing(cast, organs, make_task):
    task = make_task(
        organs["province"]["Sở Nội vụ"],
        deadline_kind=DeadlineKind.MONTHLY,
        recurring_day=20,
        recurring_until=dt.date(2026, 12, 31),
    )
    assert task_status(task, vn(2026, 1, 10)) is Status.NOT_STARTED
    services.report_progress(actor=cast.responder, task=task, text="Tháng 1", percent=10, at=vn(2026, 1, 19))
    task = Task.objects.get(pk=task.pk)
    assert task_status(task, vn(2026, 2, 1)) is Status.IN_PROGRESS
    # 20/2/2026 is a Tết holiday: February's period ends on Monday 23/2.
    assert task_status(task, vn(2026, 2, 23, 23)) is Status.IN_PROGRESS
    assert task_status(task, vn(2026, 2, 24, 0, 0, 1)) is Status.OVERDUE


moments = st.datetimes(min_value=dt.datetime(2025, 12, 1), max_value=dt.datetime(2027, 2, 1), timezones=st.just(UTC))
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31))


@given(due=days, as_of=moments)
def test_property_open_task_is_overdue_exactly_after_vietnam_midnight(due, as_of):
    task = _task(due_date=due, first_report_at=dt.datetime(2025, 11, 1, tzinfo=UTC))
    status = task_status(task, as_of)
    assert (status is Status.OVERDUE) == (local_date(as_of) > due)
    assert status in (Status.OVERDUE, Status.IN_PROGRESS)


@given(due=days, done=moments, a=moments, b=moments)
def test_property_completion_is_final_and_judged_on_the_approval_date(due, done, a, b):
    task = _task(due_date=due, completed_at=done)
    later = max(a, b, done)
    status = task_status(task, later)
    assert status.is_done
    assert (status is Status.COMPLETED_ON_TIME) == (local_date(done) <= due)
    assert task_status(task, later + dt.timedelta(days=400)) is status


@given(due=days, a=moments, b=moments)
def test_property_overdue_is_monotonic_without_extension_or_completion(due, a, b):
    task = _task(due_date=due)
    early, late = sorted((a, b))
    if task_status(task, early) is Status.OVERDUE:
        assert task_status(task, late) is Status.OVERDUE


def test_vietnam_zone_is_used():
    assert VN_TZ.key == "Asia/Ho_Chi_Minh"
