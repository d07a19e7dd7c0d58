"""Short job leases kept alive by heartbeats (issue 11): a killed worker's job is taken over quickly,
a live worker's long job is not."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.tasks import task
from django.utils import timezone

from sausat.core.job_worker import DEFAULT_LEASE, claim_next, current_job, run_worker
from sausat.core.jobs import enqueue
from sausat.core.models import Job

_RELEASE = threading.Event()


@task
def lease_wait():
    """Works quietly (no progress reports) until the test has seen the lease renewed."""
    job = current_job()
    first = Job.objects.get(pk=job.pk).locked_until
    renewed = False
    for _ in range(400):  # bounded: at most about 20 s
        if _RELEASE.wait(0.05):
            break
        current = Job.objects.get(pk=job.pk).locked_until
        if current is not None and current > first:
            renewed = True
            break
    return {"renewed": renewed}


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("nguoitao-lease", password="x")


def test_a_killed_workers_job_is_claimable_within_thirty_seconds(db, user):
    job = enqueue(lease_wait, args={}, actor=user)
    before = timezone.now()
    claimed = claim_next("worker-killed")
    assert claimed.pk == job.pk
    # worker-killed dies here (kill -9: no heartbeat, no outcome). Its lease is short...
    assert dt.timedelta(seconds=30) >= DEFAULT_LEASE
    assert claimed.locked_until <= before + dt.timedelta(seconds=31)
    assert claim_next("worker-b") is None
    # ...and once it has run out (moved into the past here rather than waited for), another
    # worker takes the job over.
    Job.objects.filter(pk=job.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    taken = claim_next("worker-b")
    assert taken.pk == job.pk and taken.locked_by == "worker-b" and taken.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_a_live_worker_renews_its_lease_by_heartbeat_while_the_job_runs(user):
    _RELEASE.clear()
    job = enqueue(lease_wait, args={}, actor=user)
    # A 0.6 s lease: without heartbeats it would lapse long before the handler gives up.
    assert run_worker(once=True, worker_id="worker-live", lease=dt.timedelta(seconds=0.6)) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 1
    assert job.result == {"renewed": True}
    assert job.locked_until is None  # the heartbeat stopped with the job
