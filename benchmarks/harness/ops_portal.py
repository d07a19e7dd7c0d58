"""P1–P2: the news portal's reader pages for an anonymous reader (issue 14).

P1 is the measured article of ``gen_portal.py`` (slug ``bai-do-luong``: today's, 60 approved
comments, open comment form, tags, related articles), P2 its portal's home page (latest and most
read of 10,000 articles). Both are served from the page cache after the first request; the cold
figures (cache off), the c=16 runs and the view counting on/off comparison are taken by
``benchmarks/portal_bench.py`` with the same operations.
"""

from __future__ import annotations

from benchmarks.harness.operations import Context, Operation, Request, Skip, register

MEASURED_SLUG = "bai-do-luong"


def _measured():
    from sausat.portal.models import ArticlePage

    article = ArticlePage.objects.live().filter(slug=MEASURED_SLUG).first()
    if article is None:
        raise Skip("no portal bench data: run `python -m benchmarks.harness.data --only portal`")
    return article


def p1(ctx: Context) -> Request:
    article = _measured()
    # The title in the heading and the last approved comment's reply: the whole page arrived.
    return Request(article.url, min_bytes=10_000, marker=f"<h1>{article.title}</h1>")


def p2(ctx: Context) -> Request:
    from sausat.portal.policy import home_of

    home = home_of(_measured())
    return Request(home.url, min_bytes=5_000, marker="Đọc nhiều</h2>")


register(
    Operation(
        "P1",
        "Portal article page, anonymous reader (cached after the first request)",
        p1,
        bar="≥ 300 req/s at c=16 with p95 < 100 ms; cold < 60 ms median",
    )
)
register(
    Operation(
        "P2",
        "Portal home page, anonymous reader (cached after the first request)",
        p2,
        bar="≥ 300 req/s at c=16 with p95 < 100 ms; cold < 60 ms median",
    )
)
