"""Reader pages: the article line, strict CSP, view counting without a write per view, search, feeds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sausat.core.actors import SystemActor
from sausat.portal import services, views_count
from sausat.portal.models import ArticlePage, ViewSeen

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/126 Mobile"


def test_article_page_line_and_strict_csp(portal, client):
    response = client.get(portal.article.url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    day = portal.article.date.strftime("%d/%m/%Y")
    assert f"Cập nhật vào ngày ({day}) – Số lần xem: 0" in response.text
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp and "style-src 'self';" in csp
    assert client.get(portal.home.url).status_code == 200
    assert client.get(portal.category.url).status_code == 200


def test_admin_csp_is_relaxed_only_on_its_path(portal, login):
    response = login(portal.editor).get("/quan-tri-tin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "object-src 'none'" in response["Content-Security-Policy"]


def test_a_view_writes_nothing_to_the_database_and_is_counted_once_per_visitor_day(portal, client):
    client.get(portal.article.url, HTTP_USER_AGENT=BROWSER)  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(portal.article.url, HTTP_USER_AGENT=BROWSER + " x").status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert writes == []
    client.get(portal.article.url, HTTP_USER_AGENT="Googlebot/2.1")  # bots are not counted
    client.get(portal.article.url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.9")
    result = views_count.flush()
    assert result["views"] == 3  # two user agents on 127.0.0.1, one other address
    # The same visitors again the same day (a new process: no memory of them) count nothing new.
    views_count._seen.clear()
    client.get(portal.article.url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.9")
    assert views_count.flush()["views"] == 0
    assert ArticlePage.objects.get(pk=portal.article.pk).view_count == 3
    assert ViewSeen.objects.count() == 3
    assert not any(v.visitor_hash.count(".") for v in ViewSeen.objects.all())  # no address stored


def test_search_without_diacritics_finds_live_articles_only(portal, client):
    services.create_draft(actor=SystemActor(reason="test"), category=portal.category, title="Đối thoại chưa đăng")
    response = client.get("/tin-tuc/tim-kiem/", {"q": "doi thoai"})
    assert portal.article.title in response.text
    assert "chưa đăng" not in response.text
    assert portal.article.title in client.get("/tin-tuc/tim-kiem/", {"q": "375 Y KIEN"}).text
    other = client.get("/tin-tuc/tim-kiem/", {"q": "doi thoai", "cong": portal.other_home.pk})
    assert portal.article.title not in other.text


def test_rss_and_sitemap(portal, client):
    rss = client.get(f"/tin-tuc/rss/{portal.category.pk}/")
    assert rss.status_code == 200 and portal.article.title in rss.text
    assert client.get(f"/tin-tuc/rss/{portal.other_category.pk + 999}/").status_code == 404
    sitemap = client.get("/tin-tuc/sitemap.xml")
    assert sitemap.status_code == 200 and portal.article.slug in sitemap.text


def test_staff_home_stays_at_root(client):
    response = client.get("/")
    assert response.status_code in (200, 302)
    assert "/tin-tuc/" not in response.get("Location", "")
