"""The daily digest: opt-in, one mail per person and day, never twice after a killed job."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sausat.accounts import services
from sausat.accounts.digest import enqueue_daily_digests, send_digest
from sausat.core.calendar import local_date
from sausat.core.job_worker import claim_next, run_worker
from sausat.core.models import AuditEvent, Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(cast):
    """A task led by the responder's organ: the responder's inbox is not empty."""
    from sausat.directives import services as directives
    from sausat.directives.models import DocumentKind
    from sausat.people.models import Organ

    organ = Organ.objects.get(unit=cast.province, short_name="Sở Nội vụ")
    today = local_date(timezone.now())
    doc = directives.register_document(
        actor=cast.secretary,
        kind=DocumentKind.CONCLUSION,
        issuing_organ=Organ.objects.get(unit=cast.province, short_name="Thành ủy"),
        date=today - dt.timedelta(days=3),
        title="Kết luận thử thư tóm tắt",
        unit=cast.province,
    )
    directives.add_task(
        actor=cast.secretary,
        document=doc,
        title="Rà soát hồ sơ thử thư tóm tắt",
        lead_organ=organ,
        deadline_date=today - dt.timedelta(days=1),
    )
    cast.responder.email = "traloi@example.vn"
    cast.responder.save(update_fields=["email"])
    return today


def _drain(capture):
    with capture(execute=True):
        while run_worker(once=True, worker_id="w-digest"):
            pass


def test_off_by_default_and_opt_in_is_respected(cast, work, django_capture_on_commit_callbacks):
    assert enqueue_daily_digests(work).queued == 0
    assert not send_digest(cast.responder.pk, work)  # even a stray job sends nothing when off
    services.set_daily_digest(actor=cast.responder, user=cast.responder, enabled=True)
    assert AuditEvent.objects.filter(verb="account.daily_digest").count() == 1
    assert enqueue_daily_digests(work).queued == 1
    _drain(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["traloi@example.vn"]
    assert f"ngày {work:%d/%m/%Y}" in message.subject and "việc đang chờ bạn" in message.subject
    assert "Rà soát hồ sơ thử thư tóm tắt" in message.body and "(quá hạn)" in message.body
    assert "/chi-dao/nhiem-vu/" in message.body


def test_two_runs_the_same_day_send_one_mail(cast, work, django_capture_on_commit_callbacks):
    services.set_daily_digest(actor=cast.responder, user=cast.responder, enabled=True)
    call_command("accounts_daily_digest", "--date", work.isoformat())
    call_command("accounts_daily_digest", "--date", work.isoformat())
    assert Job.objects.count() == 1
    _drain(django_capture_on_commit_callbacks)
    call_command("accounts_daily_digest", "--date", work.isoformat())
    _drain(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    # the next day is another digest
    call_command("accounts_daily_digest", "--date", (work + dt.timedelta(days=1)).isoformat())
    _drain(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_a_killed_job_rerun_sends_nothing_twice(cast, work, django_capture_on_commit_callbacks):
    services.set_daily_digest(actor=cast.responder, user=cast.responder, enabled=True)
    enqueue_daily_digests(work)
    job = claim_next("w-killed")
    assert job is not None
    # The worker sends the mail (its mark commits) and dies before recording the job as done.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digest(cast.responder.pk, work)
    assert len(mail.outbox) == 1
    Job.objects.filter(pk=job.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    _drain(django_capture_on_commit_callbacks)  # another worker takes the job over and re-runs it
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2 and job.result == {"sent": False}
    assert len(mail.outbox) == 1


def test_empty_inbox_sends_nothing(cast, django_capture_on_commit_callbacks):
    cast.citizen.email = "dan@example.vn"
    cast.citizen.save(update_fields=["email"])
    services.set_daily_digest(actor=cast.citizen, user=cast.citizen, enabled=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert not send_digest(cast.citizen.pk, local_date(timezone.now()))
    assert mail.outbox == []


def test_account_page_sets_the_preference(cast, login):
    client = login(cast.responder)
    page = client.get("/tai-khoan/").content.decode()
    assert 'id="id_daily_digest"' in page and "checked" not in page.split('id="id_daily_digest"')[1][:20]
    response = client.post("/tai-khoan/", {"daily_digest": "on"}, follow=True)
    assert "Đã đăng ký nhận thư tóm tắt" in response.content.decode()
    from sausat.accounts.models import DigestPreference

    assert DigestPreference.objects.get(user=cast.responder).daily_digest
    client.post("/tai-khoan/", {})
    assert not DigestPreference.objects.get(user=cast.responder).daily_digest
    assert client.get("/tai-khoan/").status_code == 200
