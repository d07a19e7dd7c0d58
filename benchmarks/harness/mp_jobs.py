"""A probe job kind for the multi-process test (sausat/core/tests/test_multiprocess.py).

Not an app module: the worker's autodiscovery only imports ``sausat.<app>.jobs``, so this module
is imported by :mod:`benchmarks.harness.mp_worker`, which then runs the stock ``run_worker``
command. Each run writes one audit row (no unique constraint, so a second run of the same job
would show up as a second row) and one ``once()`` mark; a run that finds the mark already there
records ``mp.duplicate``.
"""

from __future__ import annotations

import time

from django.db import transaction

from sausat.core.jobs import once, register_job
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit

KIND = "bench.mp_probe"


@register_job(KIND, label="Thử nghiệm nhiều tiến trình")
def probe(job, *, pause_ms: int = 20) -> dict:
    with transaction.atomic():
        first = once(f"{KIND}:{job.pk}")
        record_audit(
            actor="mp-probe",
            action=AuditEvent.Action.OTHER,
            object_type=KIND,
            object_id=str(job.pk),
            object_repr=f"job {job.pk}",
            verb="mp.ran" if first else "mp.duplicate",
            after={"worker": job.locked_by},
        )
    time.sleep(pause_ms / 1000)  # long enough that both workers get a share of the queue
    return {"worker": job.locked_by}
