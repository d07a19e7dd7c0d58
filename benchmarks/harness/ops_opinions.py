"""S1–S8: the big conference's opinions (built by gen_opinions.py), read and written as users do."""

from __future__ import annotations

from benchmarks.harness.operations import OPERATIONS, Context, Operation, Request, Skip, register

SECRETARY = "vanphong"
RESPONDER = "traloi"


def _big(ctx: Context):
    """(meeting id, first group id, typical opinion id, heavy opinion id), looked up once."""
    if "opinions" not in ctx.extra:
        from django.db.models import Count

        from sausat.meetings.models import Meeting
        from sausat.opinions.models import IssueGroup, Opinion

        meeting = Meeting.objects.annotate(n=Count("opinions")).filter(n__gt=0).order_by("-n", "id").first()
        if meeting is None:
            raise Skip("no conference with opinions: run `make bench-data` (generator meetings+opinions)")
        group = IssueGroup.objects.filter(meeting=meeting).order_by("sort_order", "id").first()
        opinions = Opinion.objects.filter(meeting=meeting)
        heavy = opinions.order_by("-answer_count", "id").first()
        typical = opinions.filter(answer_count=4, responder_organ__isnull=False).order_by("id").first() or heavy
        ctx.extra["opinions"] = (meeting.pk, group.pk if group else 0, typical.pk, heavy.pk)
    return ctx.extra["opinions"]


def _op(key: str, resolve, *, title: str | None = None) -> None:
    base = OPERATIONS.get(key[:2] if key[:2] in OPERATIONS else key)
    register(
        Operation(
            key,
            title or base.title,
            resolve,
            bar=base.bar,
            max_ratio_to_s0=base.max_ratio_to_s0,
            max_median_ms=base.max_median_ms,
        )
    )


def s1(ctx: Context) -> Request:
    meeting, *_ = _big(ctx)
    return Request(f"/y-kien/?meeting={meeting}", user=SECRETARY)


def s2(ctx: Context) -> Request:
    meeting, group, *_ = _big(ctx)
    return Request(f"/y-kien/?meeting={meeting}&group={group}&sort=answers", user=SECRETARY)


def s2u(ctx: Context) -> Request:
    meeting, group, *_ = _big(ctx)
    return Request(f"/y-kien/?meeting={meeting}&group={group}&sort=unanswered", user=SECRETARY)


def s3(ctx: Context) -> Request:
    meeting, *_ = _big(ctx)
    return Request(f"/y-kien/?meeting={meeting}&q=phu+cap+kiem+nhiem", user=SECRETARY)


def s4(ctx: Context) -> Request:
    _m, _g, typical, _h = _big(ctx)
    return Request(f"/y-kien/{typical}/", user=SECRETARY)


def s4h(ctx: Context) -> Request:
    *_rest, heavy = _big(ctx)
    return Request(f"/y-kien/{heavy}/", user=SECRETARY)


def s5(ctx: Context) -> Request:
    *_rest, heavy = _big(ctx)
    return Request(f"/api/v1/opinions/{heavy}/answers?limit=20", user=SECRETARY)


def s6(ctx: Context) -> Request:
    _m, _g, typical, _h = _big(ctx)
    return Request(
        f"/y-kien/{typical}/ghi-chu/",
        user=SECRETARY,
        method="POST",
        form=lambda conn, seq: {"text": f"Ghi chú đo hiệu năng {conn}-{seq}: đã nhắc cơ quan trả lời."},
        expect=(302,),
    )


def s7(ctx: Context) -> Request:
    _big(ctx)
    return Request("/y-kien/can-tra-loi/", user=RESPONDER)


def s8(ctx: Context) -> Request:
    _big(ctx)
    return Request("/api/v1/opinions/?limit=20", user=SECRETARY)


_op("S1", s1, title="Opinions list of the big conference, first page, newest first")
_op("S2", s2, title="The list filtered by issue group, most answered first")
_op("S2u", s2u, title="The list filtered by issue group, unanswered first")
_op("S3", s3, title="The list searched without diacritics ('phu cap kiem nhiem')")
_op("S4", s4, title="A typical opinion's page (answers, notes, history)")
_op("S4h", s4h, title="The opinion with 200 answers, 200 notes, 200 history rows")
_op("S5", s5, title="JSON API: that opinion's answers, page of 20")
_op("S6", s6, title="Post a follow-up note through the form (CSRF, audit row)")
_op("S7", s7, title="Responder's dashboard: what I must answer, overdue first")
_op("S8", s8, title="JSON API: opinions list, page of 20")
