"""The job queue behind django.tasks: claiming, leases, dedup, progress, exactly-once effects, status page."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.tasks import TaskResultStatus, task, task_backends
from django.utils import timezone

from sausat.accounts.testing import pass_second_factor
from sausat.core.job_worker import claim_next, run_worker
from sausat.core.jobs import enqueue, job_for, labelled, once, report_progress, save_job_file, send_notification_once
from sausat.core.models import AuditEvent, EffectMark, Job, Notification
from sausat.core.tasks_backend import DatabaseBackend

RAN: list[tuple[int, str]] = []
_RAN_LOCK = threading.Lock()


@task(takes_context=True)
def record(context, *, n: int = 0):
    job = job_for(context)
    with _RAN_LOCK:
        RAN.append((job.pk, job.locked_by))
    return {"n": n}


@task
def reminder(*, user_id: int, day: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    with transaction.atomic():
        if once(f"reminder:{user_id}:{day}"):
            Notification.objects.create(recipient=user, title=f"Nhắc việc {day}")
    return {"ok": True}


@task(takes_context=True)
@labelled("Xuất báo cáo thử")
def progress(context):
    report_progress(context, 40, "Đang ghi tệp")
    job = job_for(context)
    seen = Job.objects.get(pk=job.pk)
    save_job_file(job, b"hello", "Báo cáo tổng hợp.txt", "text/plain")
    return {"seen": [seen.progress, seen.progress_message]}


@task
def boom():
    raise RuntimeError("hỏng")


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("nguoitao", password="x")


def test_enqueue_is_audited_and_runs(db, user):
    job = enqueue(record, args={"n": 3}, actor=user)
    assert job.status == Job.Status.QUEUED and job.created_by == user
    assert AuditEvent.objects.filter(verb="job.enqueue", object_id=str(job.pk)).count() == 1
    assert run_worker(once=True, worker_id="w1") == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result == {"n": 3} and job.progress == 100
    assert job.attempts == 1 and job.started_at and job.finished_at


def test_dedup_key_gives_one_row(db, user):
    a = enqueue(record, args={"n": 1}, actor=user, dedup_key="report:2026-11-23")
    b = enqueue(record, args={"n": 2}, actor=user, dedup_key="report:2026-11-23")
    assert a.pk == b.pk
    assert Job.objects.filter(dedup_key="report:2026-11-23").count() == 1
    assert AuditEvent.objects.filter(verb="job.enqueue").count() == 1


def test_unknown_kind_is_refused(db, user):
    with pytest.raises(LookupError):
        enqueue("tests.nope", args={}, actor=user)


def test_enqueue_rolls_back_with_the_caller(db, user):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(record, args={}, actor=user)
        raise RuntimeError
    assert not Job.objects.exists()


def test_run_after_delays_the_job(db, user):
    enqueue(record, args={}, actor=user, run_after=timezone.now() + dt.timedelta(hours=1))
    assert claim_next("w1") is None


def test_progress_is_visible_while_running_and_file_saved(db, user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = enqueue(progress, args={}, actor=user)
    run_worker(once=True, worker_id="w1")
    job.refresh_from_db()
    assert job.result == {"seen": [40, "Đang ghi tệp"]}
    assert job.result_filename == "Báo cáo tổng hợp.txt"
    assert (tmp_path / job.result_file).read_bytes() == b"hello"


def test_purge_removes_old_finished_jobs_and_files(db, user, settings, tmp_path):
    from sausat.core.jobs import purge_jobs, read_job_file

    settings.MEDIA_ROOT = tmp_path
    job = enqueue(progress, args={}, actor=user)
    waiting = enqueue(record, args={}, actor=user, run_after=timezone.now() + dt.timedelta(days=1))
    run_worker(once=True, worker_id="w1")
    job.refresh_from_db()
    path = tmp_path / job.result_file
    assert path.is_file() and str(job.pk) in str(path) and read_job_file(job) == path.read_bytes()
    assert purge_jobs(dt.timedelta(days=1)) == 0
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=2))
    assert purge_jobs(dt.timedelta(days=1)) == 1
    assert not path.exists()
    assert Job.objects.filter(pk=waiting.pk).exists()


def test_failure_retries_then_fails(db, user):
    job = enqueue(boom, args={}, actor=user, max_attempts=2)
    run_worker(once=True, worker_id="w1")
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and "hỏng" in job.error and job.run_after > timezone.now()
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    run_worker(once=True, worker_id="w1")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.attempts == 2


def test_crashed_worker_job_is_rerun_and_effect_happens_once(db, user):
    job = enqueue(reminder, args={"user_id": user.pk, "day": "2026-11-23"}, actor=user)
    claimed = claim_next("worker-a")
    assert claimed.pk == job.pk and claimed.status == Job.Status.RUNNING
    # worker-a performs the side effect, then dies before recording the outcome.
    reminder.call(**claimed.args)
    assert claim_next("worker-b") is None  # still leased to worker-a
    Job.objects.filter(pk=job.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert run_worker(once=True, worker_id="worker-b") == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2 and job.locked_by == "worker-b"
    assert Notification.objects.filter(recipient=user).count() == 1
    # worker-a coming back late cannot overwrite worker-b's outcome.
    assert not run_job_outcome_allowed(claimed)


def run_job_outcome_allowed(stale_job) -> bool:
    from sausat.core.job_worker import complete_job

    return complete_job(stale_job, {"late": True})


def test_lease_expired_without_attempts_left_fails(db, user):
    job = enqueue(record, args={}, actor=user, max_attempts=1)
    claim_next("worker-a")
    Job.objects.filter(pk=job.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert claim_next("worker-b") is None
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_once(db):
    assert once("k1") is True
    assert once("k1") is False
    assert EffectMark.objects.filter(key="k1").count() == 1


def test_once_rolled_back_with_effect(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        assert once("k2")
        raise RuntimeError
    assert once("k2") is True


def test_send_notification_once(db, user):
    user.email = "a@example.vn"
    user.save()
    first = send_notification_once(user, "Nhắc hạn", "Còn 2 ngày", "/chi-dao/1/", "remind:1:2026-11-23", email=True)
    again = send_notification_once(user, "Nhắc hạn", "Còn 2 ngày", "/chi-dao/1/", "remind:1:2026-11-23", email=True)
    assert first is not None and again is None
    assert Notification.objects.filter(dedup_key="remind:1:2026-11-23").count() == 1


def test_notification_email_sent_on_commit_once(db, user, django_capture_on_commit_callbacks):
    from django.core import mail

    user.email = "a@example.vn"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_notification_once(user, "Nhắc hạn", "Nội dung", "/x/", "k:mail", email=True)
    with django_capture_on_commit_callbacks(execute=True):
        send_notification_once(user, "Nhắc hạn", "Nội dung", "/x/", "k:mail", email=True)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.vn"]


def _two_workers_run_fifty(user) -> None:
    RAN.clear()
    jobs = [enqueue(record, args={"n": i}, actor=user) for i in range(50)]
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            run_worker(once=True, worker_id=name)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    ids = [pk for pk, _ in RAN]
    assert sorted(ids) == sorted(j.pk for j in jobs)  # every job ran, none twice
    assert Job.objects.filter(status=Job.Status.DONE, attempts=1).count() == 50


@pytest.mark.django_db(transaction=True)
def test_two_workers_postgres(user):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-specific (SELECT … FOR UPDATE SKIP LOCKED); run with SAUSAT_DATABASE_URL=postgres://…")
    _two_workers_run_fifty(user)


@pytest.mark.django_db(transaction=True)
def test_two_workers_sqlite(user):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-specific (BEGIN IMMEDIATE + conditional UPDATE); the PostgreSQL variant covers PG")
    _two_workers_run_fifty(user)


def test_status_page_for_creator_admin_and_404_for_others(db, user, client, django_user_model):
    other = django_user_model.objects.create_user("nguoikhac", password="x")
    admin = django_user_model.objects.create_superuser("quantri1", password="x")
    job = enqueue(record, args={}, actor=user)
    client.force_login(user)
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'hx-trigger="every 1s"' in html and "<progress" in html and "style=" not in html
    fragment = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    client.force_login(other)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/tai-ve/").status_code == 404
    client.force_login(admin)
    pass_second_factor(client)  # a superuser must have passed TOTP (sausat.accounts)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200


def test_done_page_stops_polling_and_links_file(db, user, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = enqueue(progress, args={}, actor=user)
    run_worker(once=True, worker_id="w1")
    client.force_login(user)
    html = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "every 1s" not in html and f"/jobs/{job.pk}/tai-ve/" in html
    download = client.get(f"/jobs/{job.pk}/tai-ve/")
    assert download.status_code == 200 and download.content == b"hello"
    assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o" in download["Content-Disposition"]


def test_anonymous_is_sent_to_login(db, user, client):
    job = enqueue(record, args={}, actor=user)
    assert client.get(f"/jobs/{job.pk}/").status_code == 302


def test_run_worker_command(db, user):
    from django.core.management import call_command

    job = enqueue(record, args={"n": 9}, actor=user)
    call_command("run_worker", "--once", "--worker-id", "cmd")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.locked_by == "cmd"


def test_plain_django_tasks_enqueue_writes_a_job_row_and_get_result_reads_it(db):
    assert isinstance(task_backends["default"], DatabaseBackend)
    result = record.enqueue(n=5)
    assert result.status == TaskResultStatus.READY and result.kwargs == {"n": 5}
    job = Job.objects.get(pk=int(result.id))
    assert job.kind == "sausat.core.tests.test_jobs.record" and job.args == {"n": 5} and job.created_by is None
    assert AuditEvent.objects.filter(verb="job.enqueue", object_id=result.id).count() == 1
    assert run_worker(once=True, worker_id="w1") == 1
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == {"n": 5}
    assert result.worker_ids == ["w1"] and result.finished_at is not None
    assert record.get_result(result.id).return_value == {"n": 5}


def test_failed_task_result_carries_the_error(db, user):
    job = enqueue(boom, args={}, actor=user, max_attempts=1)
    run_worker(once=True, worker_id="w1")
    result = boom.get_result(str(job.pk))
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is RuntimeError and "hỏng" in result.errors[0].traceback


def test_run_after_through_using(db):
    result = record.using(run_after=timezone.now() + dt.timedelta(hours=1)).enqueue(n=1)
    assert Job.objects.get(pk=int(result.id)).run_after > timezone.now()
    assert claim_next("w1") is None


def test_status_page_shows_the_task_label(db, user, client):
    job = enqueue(progress, args={}, actor=user)
    client.force_login(user)
    assert "Xuất báo cáo thử" in client.get(f"/jobs/{job.pk}/").content.decode()
