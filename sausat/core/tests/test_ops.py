"""Operations endpoints (/healthz, /readyz, /metrics), the worker heartbeat and JSON log lines."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.tasks import task
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from sausat.core.job_worker import run_worker, worker_beat
from sausat.core.jobs import enqueue
from sausat.core.logformat import JSONFormatter
from sausat.core.middleware import RequestIdLogFilter
from sausat.core.models import AuditEvent, Job, WorkerHeartbeat


@task
def ops_noop():
    return {"ok": True}


def test_healthz_answers_json_without_login_or_database(client):
    # No django_db mark: any database access would fail this test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_ready_with_database_migrations_and_a_fresh_worker(client):
    worker_beat("host:1:1")
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["migrations"] == {"ok": True, "pending": 0}
    assert body["checks"]["worker"]["ok"] is True


@pytest.mark.django_db
def test_readyz_not_ready_without_a_worker(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False


@pytest.mark.django_db
def test_readyz_not_ready_when_the_worker_heartbeat_is_stale(client, settings):
    settings.SAUSAT_WORKER_STALE_SECONDS = 60
    WorkerHeartbeat.objects.create(worker_id="host:2:2", seen_at=timezone.now() - dt.timedelta(minutes=5))
    body = client.get("/readyz").json()
    assert body["status"] == "unavailable"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["age_seconds"] >= 299


@pytest.mark.django_db
def test_readyz_counts_a_worker_busy_on_a_long_job_as_alive(client, cast):
    WorkerHeartbeat.objects.create(worker_id="host:3:3", seen_at=timezone.now() - dt.timedelta(hours=1))
    job = enqueue(ops_noop, actor=cast.admin)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, locked_by="host:3:3", locked_until=timezone.now() + dt.timedelta(seconds=30)
    )
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_not_ready_while_a_migration_is_pending(client):
    worker_beat("host:4:4")
    # As if the code had been upgraded and `migrate` not run yet (rolled back with the test): the
    # newest migration of an app is the one a release brings.
    app, name = MigrationLoader(connection).graph.leaf_nodes("core")[0]
    MigrationRecorder(connection).record_unapplied(app, name)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"]["ok"] is False
    assert response.json()["checks"]["migrations"]["pending"] >= 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_loop_records_its_heartbeat():
    assert not WorkerHeartbeat.objects.exists()
    run_worker(once=True, worker_id="host:5:5")
    beat = WorkerHeartbeat.objects.get(worker_id="host:5:5")
    assert timezone.now() - beat.seen_at < dt.timedelta(minutes=1)


def _families(text: str) -> dict:
    return {family.name: family for family in text_string_to_metric_families(text)}


@pytest.mark.django_db
def test_metrics_from_this_machine_has_latency_by_view_and_the_queue(client, cast):
    client.get("/healthz")
    job = enqueue(ops_noop, actor=cast.admin)
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now() - dt.timedelta(seconds=90))
    failed = enqueue(ops_noop, actor=cast.admin)
    Job.objects.filter(pk=failed.pk).update(status=Job.Status.FAILED)

    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    families = _families(response.content.decode())

    latency = families["sausat_request_duration_seconds"]
    assert latency.type == "histogram"
    views = {s.labels.get("view") for s in latency.samples if s.name.endswith("_count")}
    assert "core:health" in views
    assert families["sausat_jobs_queue_depth"].samples[0].value == 1
    assert families["sausat_jobs_oldest_ready_age_seconds"].samples[0].value >= 89
    assert families["sausat_jobs_failed"].samples[0].value == 1
    by_status = {s.labels["status"]: s.value for s in families["sausat_jobs"].samples}
    assert by_status["queued"] == 1 and by_status["failed"] == 1
    assert families["sausat_worker_heartbeat_age_seconds"].samples[0].value == -1


@pytest.mark.django_db
def test_metrics_refused_from_elsewhere(client):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 403
    # Through the local nginx: the address is 127.0.0.1 but the forwarded client is not local.
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 403
    assert client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1, 203.0.113.7"}).status_code == 403
    assert client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 200


@pytest.mark.django_db
def test_metrics_with_the_token_from_anywhere(client, settings):
    settings.SAUSAT_METRICS_TOKEN = "s3cret-token-for-prometheus"
    far = {"REMOTE_ADDR": "10.1.2.3"}
    assert (
        client.get("/metrics", headers={"Authorization": "Bearer s3cret-token-for-prometheus"}, **far).status_code
        == 200
    )
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}, **far).status_code == 403
    assert client.get("/metrics", **far).status_code == 403


@pytest.mark.django_db
def test_json_log_lines_carry_the_request_id_of_the_audit_rows(login, cast):
    """The id nginx sends (X-Request-ID) is on the audit row and on every JSON log line."""
    from sausat.core.middleware import _request_id

    client = login(cast.secretary)
    rid = "0123456789abcdef0123456789abcdef"
    response = client.post("/tai-khoan/khoa-api/", {"name": "máy chủ báo cáo"}, headers={"X-Request-ID": rid})
    assert response.status_code in (200, 302)
    assert AuditEvent.objects.filter(request_id=rid).exists()

    token = _request_id.set(rid)
    try:
        record = logging.LogRecord("sausat.test", logging.WARNING, __file__, 1, "việc %s", ("xong",), None)
        RequestIdLogFilter().filter(record)
    finally:
        _request_id.reset(token)
    line = json.loads(JSONFormatter().format(record))
    assert line["request_id"] == rid
    assert line["message"] == "việc xong"
    assert line["level"] == "WARNING" and line["time"].endswith("Z")
