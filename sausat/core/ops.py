"""Operations endpoints: /healthz (alive), /readyz (can serve), /metrics (Prometheus text format).

None of them needs a login (probes and scrapers have no session) and none renders HTML (no CSP
concern). /metrics is restricted to the machine itself or a bearer token (SAUSAT_METRICS_TOKEN).

Under gunicorn each worker is its own process: with PROMETHEUS_MULTIPROC_DIR set (deploy/ sets it),
prometheus_client keeps the request histogram in files there and /metrics adds up every worker.
"""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import os
import time

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Max, Min
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from sausat.core.models_jobs import Job, WorkerHeartbeat

REQUEST_LATENCY = Histogram(
    "sausat_request_duration_seconds",
    "Time from the first middleware to the response, by URL name (view) and method.",
    ["view", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class MetricsMiddleware:
    """Outermost middleware: observes every request's latency under its URL name (bounded labels)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match else "") or "unresolved"
        REQUEST_LATENCY.labels(view=view, method=request.method).observe(time.perf_counter() - start)
        return response


@require_GET
@never_cache
def healthz(request):
    """The process answers: no database, so a database outage does not restart healthy servers."""
    return JsonResponse({"status": "ok"})


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means "not ready", never a 500
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def _check_migrations() -> dict:
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {"ok": not pending, "pending": len(pending)}


def _check_worker(now: dt.datetime) -> dict:
    stale = dt.timedelta(seconds=getattr(settings, "SAUSAT_WORKER_STALE_SECONDS", 120))
    last = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    # A worker busy with a long job does not go round its loop, but its job's lease heartbeat runs.
    busy = Job.objects.filter(status=Job.Status.RUNNING, locked_until__gt=now).exists()
    age = (now - last).total_seconds() if last else None
    return {"ok": busy or (age is not None and age <= stale.total_seconds()), "age_seconds": age, "busy": busy}


@require_GET
@never_cache
def readyz(request):
    """Ready to serve: database reachable, every migration applied, a worker polling the queue."""
    checks = {"database": _check_database()}
    if checks["database"]["ok"]:
        checks["migrations"] = _check_migrations()
        checks["worker"] = _check_worker(timezone.now())
    ready = all(c["ok"] for c in checks.values()) and len(checks) == 3
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


# --- /metrics ---------------------------------------------------------------------------------


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip()).is_loopback
    except ValueError:
        return False


def metrics_allowed(request) -> bool:
    """The bearer token when one is configured; else (or also) a request from this machine.

    Behind nginx every request comes from 127.0.0.1, so a request counts as local only when the
    forwarded-for chain (set by the proxy) is local too.
    """
    token = getattr(settings, "SAUSAT_METRICS_TOKEN", "")
    sent = request.headers.get("Authorization", "")
    if token and sent.startswith("Bearer ") and hmac.compare_digest(sent[7:].strip(), token):
        return True
    chain = [request.META.get("REMOTE_ADDR", "")]
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded:
        chain += forwarded.split(",")
    return all(_is_loopback(a) for a in chain)


class _QueueCollector:
    """Job queue figures read from the database at scrape time (the same for every web process)."""

    def collect(self):
        now = timezone.now()
        counts = dict(Job.objects.values_list("status").annotate(n=Count("id")).order_by())
        ready = Job.objects.filter(status=Job.Status.QUEUED, run_after__lte=now)
        oldest = ready.aggregate(oldest=Min("run_after"))["oldest"]
        last_beat = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]

        by_status = GaugeMetricFamily("sausat_jobs", "Jobs in the queue table by status.", labels=["status"])
        for status in Job.Status.values:
            by_status.add_metric([status], counts.get(status, 0))
        yield by_status
        yield GaugeMetricFamily(
            "sausat_jobs_queue_depth", "Queued jobs ready to run now (run_after passed).", value=ready.count()
        )
        yield GaugeMetricFamily(
            "sausat_jobs_oldest_ready_age_seconds",
            "How long the oldest ready job has waited (0 when none waits).",
            value=(now - oldest).total_seconds() if oldest else 0.0,
        )
        yield GaugeMetricFamily(
            "sausat_jobs_failed", "Jobs that failed for good (until purged).", value=counts.get(Job.Status.FAILED, 0)
        )
        yield GaugeMetricFamily(
            "sausat_worker_heartbeat_age_seconds",
            "Seconds since a worker last polled the queue (-1 when no worker ever did).",
            value=(now - last_beat).total_seconds() if last_beat else -1.0,
        )


@require_GET
@never_cache
def metrics(request):
    if not metrics_allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain; charset=utf-8")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests_registry = CollectorRegistry()
        MultiProcessCollector(requests_registry)
    else:
        requests_registry = REGISTRY
    queue_registry = CollectorRegistry(auto_describe=False)
    queue_registry.register(_QueueCollector())
    body = generate_latest(requests_registry) + generate_latest(queue_registry)
    return HttpResponse(body, content_type="text/plain; version=0.0.4; charset=utf-8")
