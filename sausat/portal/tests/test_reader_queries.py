"""Query-count guards of the uncached reader pages: the home, a category and an article cost the same
number of queries with one article and one comment as with several (no N+1), and a cached hit none."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sausat.core.actors import SystemActor
from sausat.portal import comments, services

pytestmark = pytest.mark.django_db
SYSTEM = SystemActor(reason="test")
UA = "Mozilla/5.0 (Linux; Android 14)"


def _queries(url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(url, HTTP_USER_AGENT=UA)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _approved_comment(article, n: int, editor) -> None:
    comment = comments.submit_comment(
        article=article, name=f"Bạn đọc {n}", email=f"b{n}@example.vn", text=f"Ý kiến số {n}", visitor_hash=f"h{n}"
    )
    comments.moderate(actor=SYSTEM, ids=[comment.pk], decision="approved")
    comments.reply(actor=editor, comment_id=comment.pk, text="Ban biên tập đã tiếp nhận.")


def test_reader_pages_cost_a_constant_number_of_queries(portal, settings):
    settings.SAUSAT_PORTAL_CACHE_SECONDS = 0  # the cold page (the cache's own guard is in test_page_cache)
    pages = (portal.home.url, portal.category.url, portal.article.url)
    for url in pages:
        _queries(url)  # warm Wagtail's site and content-type caches
    before = [_queries(url) for url in pages]

    for n in range(4):
        article = services.create_draft(
            actor=SYSTEM, category=portal.category, title=f"Bài thứ {n}", summary="Tóm tắt", paragraphs=["Đoạn."]
        )
        services.publish(actor=SYSTEM, article=article)
        _approved_comment(portal.article, n, portal.editor)
    services.add_views(actor=SYSTEM, article=portal.article, views=5)

    assert [_queries(url) for url in pages] == before
