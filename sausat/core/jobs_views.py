"""Job status page / HTMX fragment and the download of a job's file. Others' jobs answer 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sausat.core.jobs import job_label, read_job_file, visible_jobs
from sausat.core.policy import get_or_404


@require_GET
@login_required
def job_status(request, job_id: int):
    job = get_or_404(visible_jobs(request.user), pk=job_id)
    if getattr(request, "htmx", False):
        return render(request, "core/jobs/_progress.html", {"job": job})
    return render(request, "core/jobs/status.html", {"job": job, "label": job_label(job.kind)})


@require_GET
@login_required
def job_download(request, job_id: int):
    from sausat.core.exports.http import attachment_response

    job = get_or_404(visible_jobs(request.user), pk=job_id)
    content = read_job_file(job)
    if content is None:
        raise Http404
    return attachment_response(
        content, job.result_filename or "ket-qua", job.result_content_type or "application/octet-stream"
    )
