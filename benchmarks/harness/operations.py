"""The registry of measured operations (issue 7: S0–S10 plus the foundation pages).

An operation is a key, a title, a bar (text, for the report) and a ``resolve(ctx)`` hook that runs
in-process (Django set up on the benchmark database) and returns the :class:`Request` to send, or
raises :class:`Skip` with a reason. Apps add their operations with :func:`fill` — from this
package (``benchmarks/harness/ops_<app>.py``, imported by :func:`load_all`) — replacing the TODO
entries below once their URLs and bench data exist. A TODO entry is *skipped with its reason*,
never faked. Example, ``benchmarks/harness/ops_opinions.py``::

    from benchmarks.harness.operations import Request, Skip, fill

    def s1(ctx):
        from sausat.meetings.models import Meeting

        meeting = Meeting.objects.filter(title__startswith="[bench]").order_by("id").first()
        if meeting is None:
            raise Skip("no bench conference: run `make bench-data` after the opinions generator exists")
        return Request(f"/y-kien/hoi-nghi/{meeting.pk}/", user="lanhdao")

    fill("S1", "Opinions list of the big conference", s1)

For a POST (S6) return ``Request(path, user=..., method="POST", form=lambda conn, seq: {...},
expect=(302,), rows=...)``: the runner adds the CSRF token of the logged-in session.

Every response after warm-up is checked (issue 17): its status is in ``expect``, its body has at
least ``min_bytes`` bytes and contains ``marker`` (a heading, a row's text, a JSON key), so a
login page, an empty list or an error page cannot pass for the page measured. A write also gives
``rows``, an in-process count of the rows it creates: the run fails unless the count grew by the
number of posts. ``follow=True`` follows the redirect and checks and times the page it leads to.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["OPERATIONS", "Context", "Operation", "Request", "Skip", "fill", "load_all", "register"]


class Skip(Exception):
    """Raised by ``resolve`` when the operation cannot be measured yet; the message is the reason."""


@dataclass
class Request:
    path: str
    user: str | None = None  # demo username to log in as (real login form); None = anonymous
    method: str = "GET"
    # For POSTs: fields of the form for request number ``seq`` (the CSRF token is added by the runner).
    form: Callable[[int, int], dict[str, str]] | None = None
    expect: tuple[int, ...] = (200,)
    # Every measured response must be at least this long and contain ``marker`` (str: UTF-8).
    min_bytes: int = 0
    marker: str | None = None
    # Writes: counts the rows the request creates (in-process), read before and after the run.
    rows: Callable[[], int] | None = None
    # Follow the 3xx answer and time until the page it leads to has arrived (checked, not the 3xx).
    follow: bool = False
    # Extra request headers, e.g. {"HX-Request": "true"} for the fragment HTMX fetches.
    headers: dict[str, str] = field(default_factory=dict)
    # Run (in-process, untimed) before every request: a write elsewhere, so that each measured
    # request is the first read after a write (the pages cached under data versions then miss).
    before: Callable[[], None] | None = None


@dataclass
class Context:
    """What ``resolve`` hooks may use: the scale the data was built at and a scratch dict."""

    scale: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Operation:
    key: str
    title: str
    resolve: Callable[[Context], Request]
    bar: str = ""
    group: str = "issue"  # "floor", "foundation", "issue"
    # Relative bar: median at c=1 at most this many times S0's median (None = no relative bar).
    max_ratio_to_s0: float | None = None
    max_median_ms: float | None = None


OPERATIONS: dict[str, Operation] = {}


def register(op: Operation, *, replace: bool = True) -> Operation:
    if op.key in OPERATIONS and not replace:
        raise ValueError(f"operation {op.key} already registered")
    OPERATIONS[op.key] = op
    return op


def fill(key: str, title: str, resolve: Callable[[Context], Request], *, like: str | None = None) -> Operation:
    """Register an app's operation in place of the TODO entry ``like`` (default ``key``), keeping the
    bar the issue set for it; ``like`` lets a variant (S2u, S4h) carry its base operation's bar."""
    base = OPERATIONS[like or key]
    return register(
        Operation(
            key,
            title,
            resolve,
            bar=base.bar,
            group=base.group,
            max_ratio_to_s0=base.max_ratio_to_s0,
            max_median_ms=base.max_median_ms,
        )
    )


def load_all() -> dict[str, Operation]:
    """Import every ``benchmarks.harness.ops_*`` module so apps' operations replace the TODOs."""
    import benchmarks.harness as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("ops_"):
            importlib.import_module(f"benchmarks.harness.{info.name}")
    return OPERATIONS


def _fixed(req: Request) -> Callable[[Context], Request]:
    return lambda ctx: req


def _url_exists(name: str) -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def _todo(issue: int, app: str, what: str) -> Callable[[Context], Request]:
    def resolve(ctx: Context) -> Request:
        app_ready = _url_exists(f"{app}:index")
        state = "its index URL answers" if app_ready else "its URLs are not ready"
        raise Skip(f"TODO: {app} (issue {issue}) has not registered {what} yet ({state}); no bench data generator")

    return resolve


# --- the floor and the foundation -------------------------------------------------------------

register(
    Operation(
        "S0",
        "Bare view: GET /healthz (fixed short response)",
        # "ok": the JSON answer and an older build's bare "ok" alike (before/after comparisons).
        _fixed(Request("/healthz", marker="ok")),
        bar="the floor",
        group="floor",
    )
)
register(
    Operation(
        "S0s",
        "Signed-in floor: GET /api/v1/me (session, user, role grants; tiny JSON)",
        _fixed(Request("/api/v1/me", user="vanphong", marker='"username": "vanphong"')),
        bar="the signed-in floor (reference for S1–S8)",
        group="floor",
    )
)
register(
    Operation(
        "F1",
        "People directory, search without diacritics (first page of 25)",
        _fixed(
            Request(
                "/can-bo/?q=nguyen+van",
                user="lanhdao",
                min_bytes=3000,
                # A found person's row (an empty result says "Không tìm thấy cán bộ nào.").
                marker='<td data-label="Họ và tên"><a href="/can-bo/',
            )
        ),
        group="foundation",
    )
)
register(
    Operation(
        "F2",
        "Units JSON API, communes, page of 20",
        _fixed(Request("/api/v1/units/?level=3&limit=20", min_bytes=2000, marker='"level": 3')),
        group="foundation",
    )
)


def _f3(ctx: Context) -> Request:
    """The province the bench data was generated for (most organs in its communes), not the demo one."""
    from django.db.models import Count

    from sausat.geo.models import AdministrativeUnit, Level

    province = (
        AdministrativeUnit.objects.filter(level=Level.PROVINCE)
        .annotate(n=Count("children__organs"))
        .filter(n__gt=0)
        .order_by("-n", "code")
        .first()
    )
    if province is None:
        raise Skip("no province with commune organs: run `make bench-data`")
    return Request(f"/dia-ban/{province.code}/", user="lanhdao", min_bytes=5000, marker=province.name)


register(
    Operation(
        "F3",
        "Unit page of the bench province (organs, office holders, predecessors)",
        _f3,
        group="foundation",
    )
)

# --- S1–S10: to be filled in by the apps (issue 7 lists them) ---------------------------------

_TODO = [
    ("S1", 3, "opinions", "the big conference's opinions list, first page", 3.0, None),
    ("S2", 3, "opinions", "the list filtered by issue group, sorted most answered / unanswered first", 3.0, None),
    ("S3", 3, "opinions", "the list with a diacritics-free free-text search", 3.0, None),
    ("S4", 3, "opinions", "one opinion's page with answers and history (typical, and the one with 200)", 3.0, None),
    ("S5", 3, "opinions", "the JSON API of one opinion's answers, page of 20", 3.0, None),
    ("S6", 3, "opinions", "posting one answer or note through the form (CSRF, audit row)", None, None),
    ("S7", 3, "opinions", "a responder's dashboard (what I must answer, overdue first)", 3.0, None),
    ("S8", 3, "opinions", "the JSON list of opinions, paginated", 3.0, None),
    ("S9", 4, "directives", "the province's quarterly review pack", None, 2000.0),
    ("S10", 5, "liaison", "the liaison coverage dashboard", None, 500.0),
]
for _key, _issue, _app, _what, _ratio, _abs in _TODO:
    _bar = f"≤ {_ratio:g}× S0 median at c=1" if _ratio else (f"< {_abs / 1000:g} s" if _abs else "")
    register(
        Operation(
            _key,
            _what[0].upper() + _what[1:],
            _todo(_issue, _app, _what),
            bar=_bar,
            max_ratio_to_s0=_ratio,
            max_median_ms=_abs,
        )
    )
