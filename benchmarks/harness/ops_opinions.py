"""S1–S8: the big conference's opinions (built by gen_opinions.py), read and written as users do."""

from __future__ import annotations

from benchmarks.harness.operations import Context, Request, Skip, fill

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


fill("S1", "Opinions list of the big conference, first page, newest first", s1)
fill("S2", "The list filtered by issue group, most answered first", s2)
fill("S2u", "The list filtered by issue group, unanswered first", s2u, like="S2")
fill("S3", "The list searched without diacritics ('phu cap kiem nhiem')", s3)
fill("S4", "A typical opinion's page (answers, notes, history)", s4)
fill("S4h", "The opinion with 200 answers, 200 notes, 200 history rows", s4h, like="S4")
fill("S5", "JSON API: that opinion's answers, page of 20", s5)
fill("S6", "Post a follow-up note through the form (CSRF, audit row)", s6)
fill("S7", "Responder's dashboard: what I must answer, overdue first", s7)
fill("S8", "JSON API: opinions list, page of 20", s8)
