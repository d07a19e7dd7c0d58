"""S1–S8: the big conference's opinions (built by gen_opinions.py), read and written as users do.

S6 writes to an opinion no read operation measures (not S4's, not S4h/S5's, outside S2's group,
S3's search and S1's first page), so every run reads the same pages whatever earlier runs posted.
"""

from __future__ import annotations

import dataclasses

from benchmarks.harness.operations import Context, Request, Skip, fill

SECRETARY = "vanphong"
RESPONDER = "traloi"
SEARCH = "phu+cap+kiem+nhiem"


def _big(ctx: Context):
    """(meeting id, first group id, typical opinion id, heavy opinion id, write target id), looked up once."""
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
        # The oldest answered opinion that no read measures: S1 shows the newest first.
        target = (
            opinions.filter(answer_count=4, responder_organ__isnull=False)
            .exclude(pk__in=[typical.pk, heavy.pk])
            .exclude(group=group)
            .exclude(search_key__contains=SEARCH.replace("+", " "))
            .order_by("id")
            .first()
        )
        if target is None:
            raise Skip("no opinion left to write to outside the read operations' pages: rebuild the bench data")
        ctx.extra["opinions"] = (meeting.pk, group.pk if group else 0, typical.pk, heavy.pk, target.pk)
    return ctx.extra["opinions"]


def s1(ctx: Context) -> Request:
    meeting, *_ = _big(ctx)
    return Request(f"/y-kien/?meeting={meeting}", user=SECRETARY, **LIST)


def s2(ctx: Context) -> Request:
    meeting, group, *_ = _big(ctx)
    return Request(f"/y-kien/?meeting={meeting}&group={group}&sort=answers", user=SECRETARY, **LIST)


def s2u(ctx: Context) -> Request:
    meeting, group, *_ = _big(ctx)
    return Request(f"/y-kien/?meeting={meeting}&group={group}&sort=unanswered", user=SECRETARY, **LIST)


def s3(ctx: Context) -> Request:
    meeting, *_ = _big(ctx)
    return Request(f"/y-kien/?meeting={meeting}&q={SEARCH}", user=SECRETARY, **LIST)


def s4(ctx: Context) -> Request:
    _m, _g, typical, *_ = _big(ctx)
    return Request(f"/y-kien/{typical}/", user=SECRETARY, **_detail(typical))


def s4h(ctx: Context) -> Request:
    _m, _g, _t, heavy, _w = _big(ctx)
    return Request(f"/y-kien/{heavy}/", user=SECRETARY, **_detail(heavy))


def s4f(ctx: Context) -> Request:
    """The answer form the page's "Soạn trả lời" button fetches (HTMX fragment)."""
    _m, _g, typical, *_ = _big(ctx)
    return Request(f"/y-kien/{typical}/tra-loi/", user=SECRETARY, headers=HX, min_bytes=3000, marker='id="answer-form"')


def s4t(ctx: Context) -> Request:
    """The history the page fetches when it scrolls into view (HTMX fragment)."""
    _m, _g, typical, *_ = _big(ctx)
    return Request(f"/y-kien/{typical}/?lich-su=1", user=SECRETARY, headers=HX, min_bytes=200, marker='id="history"')


def s4all(ctx: Context) -> Request:
    """The page with the form and the history inline: what one request cost before they loaded on demand."""
    _m, _g, typical, *_ = _big(ctx)
    return Request(f"/y-kien/{typical}/?tra-loi=1&lich-su=1", user=SECRETARY, **_detail(typical))


HX = {"HX-Request": "true"}


def s5(ctx: Context) -> Request:
    _m, _g, _t, heavy, _w = _big(ctx)
    return Request(f"/api/v1/opinions/{heavy}/answers?limit=20", user=SECRETARY, **API)


# A row of the opinions table: the list is not empty (an empty one says "Chưa có ý kiến nào.").
ROW = '<td data-label="Số"><a href="/y-kien/'
LIST = {"min_bytes": 8000, "marker": ROW}
API = {"min_bytes": 500, "marker": '"items": [{"id": '}


def _detail(pk: int) -> dict:
    return {"min_bytes": 8000, "marker": f"Ý kiến #{pk}</h1>"}


def _post_note(ctx: Context, *, follow: bool) -> Request:
    *_rest, target = _big(ctx)

    def notes() -> int:
        from sausat.opinions.models import FollowUpNote

        return FollowUpNote.objects.filter(opinion_id=target).count()

    return Request(
        f"/y-kien/{target}/ghi-chu/",
        user=SECRETARY,
        method="POST",
        form=lambda conn, seq: {"text": f"Ghi chú đo hiệu năng {conn}-{seq}: đã nhắc cơ quan trả lời."},
        expect=(302,),
        rows=notes,
        follow=follow,
        **(_detail(target) if follow else {}),
    )


def s6(ctx: Context) -> Request:
    return _post_note(ctx, follow=False)


def s6r(ctx: Context) -> Request:
    return _post_note(ctx, follow=True)


def s7(ctx: Context) -> Request:
    _big(ctx)
    return Request("/y-kien/can-tra-loi/", user=RESPONDER, min_bytes=8000, marker=ROW)


def s8(ctx: Context) -> Request:
    _big(ctx)
    return Request("/api/v1/opinions/?limit=20", user=SECRETARY, **API)


def _after_a_write(resolve):
    """The same request, each one made right after a write elsewhere to the opinions (the version of
    that kind of data is bumped, as any audited opinion write does on commit): the pages kept under
    data versions (sausat/opinions/list_cache.py) compute again, as on the first load after a write."""

    def bump() -> None:
        from sausat.core.data_versions import bump as bump_version

        bump_version("opinions")

    def resolved(ctx: Context) -> Request:
        return dataclasses.replace(resolve(ctx), before=bump)

    return resolved


fill("S1", "Opinions list of the big conference, first page, newest first", s1)
fill("S1w", "S1, each load the first after a write to the opinions", _after_a_write(s1), like="S1")
fill("S2", "The list filtered by issue group, most answered first", s2)
fill("S2w", "S2, each load the first after a write to the opinions", _after_a_write(s2), like="S2")
fill("S2u", "The list filtered by issue group, unanswered first", s2u, like="S2")
fill("S3", "The list searched without diacritics ('phu cap kiem nhiem')", s3)
fill("S3w", "S3, each load the first after a write to the opinions", _after_a_write(s3), like="S3")
fill("S4", "A typical opinion's page (answers, notes, history)", s4)
fill("S4w", "S4, each load the first after a write to the opinions", _after_a_write(s4), like="S4")
fill("S4h", "The opinion with 200 answers, 200 notes, 200 history rows", s4h, like="S4")
fill("S4hw", "S4h, each load the first after a write to the opinions", _after_a_write(s4h), like="S4")
fill("S4f", "The answer form fragment the opinion page loads on demand (HTMX)", s4f, like="S4")
fill("S4t", "The history fragment the opinion page loads when it scrolls into view (HTMX)", s4t, like="S4")
fill("S4all", "The opinion page with the answer form and the history inline (no-JS links, both)", s4all, like="S4")
fill("S5", "JSON API: that opinion's answers, page of 20", s5)
fill("S5w", "S5, each read the first after a write to the opinions", _after_a_write(s5), like="S5")
fill("S6", "Post a follow-up note through the form (CSRF, audit row)", s6)
fill("S6r", "Post a note and load the page the browser is sent to (S6 + redirect)", s6r, like="S6")
fill("S7", "Responder's dashboard: what I must answer, overdue first", s7)
fill("S7w", "S7, each load the first after a write to the opinions", _after_a_write(s7), like="S7")
fill("S8", "JSON API: opinions list, page of 20", s8)
fill("S8w", "S8, each read the first after a write to the opinions", _after_a_write(s8), like="S8")
