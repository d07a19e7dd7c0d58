"""Background jobs of the opinion register: large paper-survey imports with a progress bar."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from sausat.core import uploads
from sausat.core.actors import SystemActor
from sausat.core.jobs import job_for, labelled, report_progress
from sausat.core.models import AuditEvent

IMPORT_JOB = "opinions.import_paper"  # the prefix of the import's dedup key


def background_rows() -> int:
    """Imports with more rows than this run as a job instead of inside the request."""
    return int(getattr(settings, "SAUSAT_IMPORT_BACKGROUND_ROWS", 1000))


@task(takes_context=True)
@labelled("Nhập phiếu lấy ý kiến")
def import_paper_job(context, *, meeting_id: int, sha256: str, filename: str, valid_only: bool) -> dict:
    job = job_for(context)
    from sausat.meetings.models import Meeting
    from sausat.opinions import services, survey_forms

    meeting = Meeting.objects.select_related("unit").get(pk=meeting_id)
    url = reverse("meetings:detail", args=[meeting_id])
    content = uploads.stashed(sha256)
    if content is None:
        # A previous attempt finished the import and deleted the upload, then died before
        # recording the job as done: its audit row holds the report.
        done = (
            AuditEvent.objects.filter(verb="opinion.import", object_id=str(meeting_id), after__sha256=sha256)
            .order_by("-id")
            .first()
        )
        if done is None:
            raise RuntimeError("Tệp tải lên không còn trên máy chủ; vui lòng tải lên lại.")
        return {**_counts(done.after), "url": url}
    report_progress(job, 2, "Đang đọc tệp")
    titles = set(meeting.issue_groups.values_list("title", flat=True))
    rows = survey_forms.parse(content, filename, meeting_id=meeting.pk, group_titles=titles)
    report_progress(job, 5, f"Đã đọc {len(rows)} dòng")

    def step(done: int, total: int) -> None:
        report_progress(job, 5 + int(94 * done / max(total, 1)), f"Đã nhập {done}/{total} dòng")

    result = services.import_paper(
        actor=job.created_by or SystemActor(reason="paper import job"),
        meeting=meeting,
        rows=rows,
        valid_only=valid_only,
        filename=filename,
        sha256=sha256,
        progress=step,
    )
    uploads.discard(sha256)
    return {**_counts(result), "url": url}


def _counts(report: dict) -> dict:
    return {k: report.get(k) for k in ("file", "sha256", "rows", "created", "existing", "skipped")}


# The grouping-suggestions job lives beside the code it runs; importing it here registers it
# wherever the job modules are discovered (the worker, the first enqueue).
from sausat.opinions import suggestions  # noqa: E402, F401
