"""The data side of the L1 "live conference" benchmark (benchmarks/live_conference_l1.py).

Two ways to get the meeting the invitees submit to, both running Django in the load generator's
process on the server's database and settings:

- ``prepare_scratch``: a new, empty scratch database gets the migrations, the administrative
  units, the demo cast and one new open meeting with 5 issue groups.
- ``prepare_province``: the benchmark database built by ``benchmarks.harness.data`` (never
  migrated, created or dropped here) and its big conference, found as the harness's S1–S8 find it
  (``ops_opinions._big``: the meeting with the most opinions). If it is not open for opinions it is
  opened through the services for the run, and ``restore_status`` puts the previous status back.

``count_rows`` then counts only the rows of this run: its text marker or its acknowledged
idempotency keys, so the 10,000 opinions already there do not enter the checks.
"""

from __future__ import annotations

import os
import time

STATUS_REASON = "benchmark L1 (live conference on the province data)"


def _setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def prepare_scratch(env: dict[str, str]) -> dict:
    """Migrate, load units + cast, create the open meeting."""
    _setup(env)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from sausat.geo.loader import load_units
    from sausat.meetings import services as meeting_services
    from sausat.meetings.models import MeetingStatus
    from sausat.opinions import services
    from sausat.people import demo as people_demo

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    load_units()
    people_demo.seed_cast()
    units = people_demo.cast_units()
    secretary = get_user_model().objects.get(username="vanphong")
    meeting = meeting_services.create_meeting(
        actor=secretary,
        title="Hội nghị đối thoại trực tuyến (đo tải L1)",
        starts_at=timezone.now(),
        unit=units["province"],
    )
    titles = ["Đánh giá cán bộ", "Đào tạo, bồi dưỡng", "Bố trí không chuyên trách", "Phụ cấp kiêm nhiệm", "Khác"]
    groups = [services.create_group(actor=secretary, meeting=meeting, title=t) for t in titles]
    meeting = meeting_services.set_status(actor=secretary, meeting=meeting, status=MeetingStatus.OPEN)
    connection.close()
    return {
        "meeting_id": meeting.pk,
        "token": meeting.form_token,
        "group_ids": [g.pk for g in groups],
        "prepare_s": round(time.monotonic() - t0, 1),
        "marker": "L1",
    }


def _actor():
    from sausat.core.actors import SystemActor

    return SystemActor(reason=STATUS_REASON)


def _change_status(meeting, status: str):
    """``set_status`` when the meeting's flow allows the step, else the audited update it is built on.

    The flow only goes forward (planned → open → held → concluded); opening a held conference for a
    run, and putting back "planned" afterwards, are steps no screen offers but still audited writes."""
    from sausat.core.services import do_update
    from sausat.meetings import services as meeting_services
    from sausat.meetings.models import STATUS_FLOW, MeetingStatus

    if status in STATUS_FLOW[MeetingStatus(meeting.status)]:
        return meeting_services.set_status(actor=_actor(), meeting=meeting, status=status)
    return do_update(meeting, actor=_actor(), verb="meeting.status", status=status)


def prepare_province(env: dict[str, str]) -> dict:
    """The bench database's big conference, open for opinions; its marker is unique to this run."""
    _setup(env)
    from django.db import connection

    from benchmarks.harness.operations import Context
    from benchmarks.harness.ops_opinions import _big
    from sausat.meetings.models import Meeting, MeetingStatus
    from sausat.opinions.models import IssueGroup, Opinion

    t0 = time.monotonic()
    meeting = Meeting.objects.get(pk=_big(Context())[0])
    previous = meeting.status
    if previous != MeetingStatus.OPEN:
        meeting = _change_status(meeting, MeetingStatus.OPEN)
    groups = list(IssueGroup.objects.filter(meeting=meeting).order_by("sort_order", "id").values_list("id", flat=True))
    info = {
        "meeting_id": meeting.pk,
        "token": meeting.form_token,
        "group_ids": groups,
        "prepare_s": round(time.monotonic() - t0, 1),
        "marker": f"L1-{time.strftime('%y%m%d%H%M%S', time.gmtime())}",
        "previous_status": previous,
        "opinions_before": Opinion.all_objects.filter(meeting=meeting).count(),
    }
    connection.close()
    return info


def restore_status(info: dict) -> str:
    """Put back the status the meeting had before ``prepare_province``; returns the status now."""
    from django.db import connection

    from sausat.meetings.models import Meeting

    connection.close()  # the load phase may have outlived the connection
    meeting = Meeting.objects.get(pk=info["meeting_id"])
    if meeting.status != info["previous_status"]:
        meeting = _change_status(meeting, info["previous_status"])
    return meeting.status


def count_rows(meeting_id: int, marker: str, acked_keys: list[str]) -> dict:
    """The meeting's rows made by this run: text starting with ``[marker-`` or an acknowledged key."""
    from django.db import connection
    from django.db.models import Count, Q

    from sausat.core.models import AuditEvent
    from sausat.opinions.models import Opinion

    connection.close()  # fresh connection after the load phase
    rows = Opinion.all_objects.filter(meeting_id=meeting_id).filter(
        Q(text__startswith=f"[{marker}-") | Q(idempotency_key__in=acked_keys)
    )
    found = list(rows.values_list("id", "idempotency_key", "text"))
    ids = [str(pk) for pk, _k, _t in found]
    dup_keys = rows.values("idempotency_key").annotate(n=Count("id")).filter(n__gt=1).count()
    audits = sum(
        AuditEvent.objects.filter(
            verb="opinion.register", object_type="opinions.opinion", object_id__in=ids[i : i + 1000]
        ).count()
        for i in range(0, len(ids), 1000)
    )
    return {
        "rows": len(found),
        "keys": [k for _pk, k, _t in found],
        "texts": [t for _pk, _k, t in found],
        "dup_keys": dup_keys,
        "audit_rows": audits,
        "meeting_rows": Opinion.all_objects.filter(meeting_id=meeting_id).count(),
    }
