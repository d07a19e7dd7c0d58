"""A probe task for the multi-process tests (sausat/core/tests/test_multiprocess.py, test_job_kill.py).

A ``django.tasks`` task outside the apps: the worker (the stock ``run_worker`` command, started by
:mod:`benchmarks.harness.mp_worker`) finds it by its module path. Each run writes one audit row (no unique constraint, so a second run of the same job
would show up as a second row) and one ``once()`` mark; a run that finds the mark already there
records ``mp.duplicate``.
"""

from __future__ import annotations

import time

from django.db import transaction
from django.tasks import task

from sausat.core.actors import SystemActor
from sausat.core.jobs import job_for, labelled, once
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit

KIND = "bench.mp_probe"  # the object type of the audit rows it writes


@task(takes_context=True)
@labelled("Thử nghiệm nhiều tiến trình")
def probe(context, *, pause_ms: int = 20) -> dict:
    job = job_for(context)
    with transaction.atomic():
        first = once(f"{KIND}:{job.pk}")
        record_audit(
            actor=SystemActor(reason="mp-probe"),
            action=AuditEvent.Action.OTHER,
            object_type=KIND,
            object_id=str(job.pk),
            object_repr=f"job {job.pk}",
            verb="mp.ran" if first else "mp.duplicate",
            after={"worker": job.locked_by},
        )
    if first:  # long enough that both workers get a share of the queue (a re-run only records itself)
        time.sleep(pause_ms / 1000)
    return {"worker": job.locked_by}
