"""The anonymous readers' page cache: hits cost no query, never serve signed-in users, carry a fresh
CSRF token and the CSP header, count views, and follow publishing and moderation at once."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sausat.core.actors import SystemActor
from sausat.portal import comments, services, views_count
from sausat.portal.models import ArticlePage, Comment

pytestmark = pytest.mark.django_db
SYSTEM = SystemActor(reason="test")
UA = "Mozilla/5.0 (Linux; Android 14)"
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _get(client, url, ua=UA, **extra):
    return client.get(url, HTTP_USER_AGENT=ua, **extra)


def test_second_anonymous_read_is_a_hit_without_queries(portal, client, django_assert_num_queries):
    url = portal.article.url
    assert _get(client, url)["X-Portal-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = _get(Client(), url)
    assert hit.status_code == 200 and hit["X-Portal-Cache"] == "hit"
    assert portal.article.title in hit.text
    for page in (portal.home.url, portal.category.url):
        assert _get(client, page)["X-Portal-Cache"] == "miss"
        assert _get(client, page)["X-Portal-Cache"] == "hit"


def test_a_hit_has_its_own_csrf_token_and_cookie_and_a_comment_posts_through_it(portal):
    url = portal.article.url
    first = Client(enforce_csrf_checks=True)
    _get(first, url)
    reader = Client(enforce_csrf_checks=True)
    hit = _get(reader, url)
    assert hit["X-Portal-Cache"] == "hit"
    token = TOKEN_RE.search(hit.text).group(1)
    assert "\x00" not in hit.text and "csrftoken" in hit.cookies
    posted = reader.post(
        f"/tin-tuc/y-kien/{portal.article.pk}/",
        {"name": "Bạn đọc", "email": "a@example.vn", "text": "Ý kiến qua trang đã lưu.", "csrfmiddlewaretoken": token},
        HTTP_USER_AGENT=UA,
    )
    assert posted.status_code == 302
    assert Comment.objects.filter(text="Ý kiến qua trang đã lưu.").exists()


def test_the_csp_header_is_on_hits_and_no_nonce_is_baked_into_a_page(portal, client):
    _get(client, portal.article.url)
    hit = _get(client, portal.article.url)
    assert hit["X-Portal-Cache"] == "hit"
    policy = hit["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "nonce" not in hit.text and "nonce-" not in policy


def test_a_hit_answered_before_the_session_middleware_keeps_every_security_header(portal, client):
    miss = _get(client, portal.article.url)
    hit = _get(Client(), portal.article.url)
    assert hit["X-Portal-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Language",
        "Content-Type",
    ):
        assert hit[header] == miss[header], header
    assert "Cookie" in hit["Vary"] and int(hit["Content-Length"]) == len(hit.content)
    assert "sessionid" not in hit.cookies


def test_a_hit_keeps_the_visitors_csrf_secret(portal):
    reader = Client(enforce_csrf_checks=True)
    _get(reader, portal.article.url)  # miss: the reader gets a CSRF cookie
    secret = reader.cookies["csrftoken"].value
    hit = _get(reader, portal.article.url)
    assert hit["X-Portal-Cache"] == "hit"
    assert hit.cookies["csrftoken"].value == secret  # re-sent (expiry renewed), not replaced
    token = TOKEN_RE.search(hit.text).group(1)
    posted = reader.post(
        f"/tin-tuc/y-kien/{portal.article.pk}/",
        {"name": "Bạn đọc", "email": "b@example.vn", "text": "Ý kiến thứ hai.", "csrfmiddlewaretoken": token},
        HTTP_USER_AGENT=UA,
    )
    assert posted.status_code == 302


def test_signed_in_users_and_readers_with_a_message_are_never_served_from_or_stored_in_the_cache(portal, client, login):
    editor = login(portal.editor)
    for _ in range(2):
        assert "X-Portal-Cache" not in _get(editor, portal.article.url)
    assert _get(Client(), portal.article.url)["X-Portal-Cache"] == "miss"  # the editor stored nothing
    with_message = Client()
    with_message.cookies["messages"] = "x"
    assert "X-Portal-Cache" not in _get(with_message, portal.article.url)
    assert "X-Portal-Cache" not in _get(Client(), portal.article.url + "?utm=x")


def test_approval_and_publishing_show_at_once(portal, client):
    _get(client, portal.article.url)
    comment = comments.submit_comment(
        article=portal.article, name="Bạn đọc A", email="a@b.vn", text="Cảm ơn ban biên tập", visitor_hash="h"
    )
    assert "Cảm ơn ban biên tập" not in _get(client, portal.article.url).text
    comments.moderate(actor=SYSTEM, ids=[comment.pk], decision="approved")
    fresh = _get(client, portal.article.url)
    assert fresh["X-Portal-Cache"] == "miss" and "Cảm ơn ban biên tập" in fresh.text

    _get(client, portal.home.url)
    draft = services.create_draft(actor=SYSTEM, category=portal.category, title="Bài mới đăng sáng nay")
    assert "Bài mới đăng sáng nay" not in _get(client, portal.home.url).text
    services.publish(actor=SYSTEM, article=draft)
    assert "Bài mới đăng sáng nay" in _get(client, portal.home.url).text
    services.unpublish(actor=SYSTEM, article=ArticlePage.objects.get(pk=draft.pk))
    assert "Bài mới đăng sáng nay" not in _get(client, portal.home.url).text


def test_cached_reads_are_still_counted_once_per_visitor(portal, client):
    url = portal.article.url
    before = ArticlePage.objects.get(pk=portal.article.pk).view_count
    _get(client, url, ua="Mozilla/5.0 (reader 0)")  # miss: counted by the serve hook
    for n in (1, 2, 2, 3):  # hits: counted by the cache, the repeat visitor once
        assert _get(client, url, ua=f"Mozilla/5.0 (reader {n})")["X-Portal-Cache"] == "hit"
    _get(client, url, ua="Googlebot/2.1")  # a bot: not counted
    views_count.flush()
    assert ArticlePage.objects.get(pk=portal.article.pk).view_count == before + 4


def test_the_cache_can_be_turned_off(portal, client, settings):
    settings.SAUSAT_PORTAL_CACHE_SECONDS = 0
    for _ in range(2):
        assert "X-Portal-Cache" not in _get(client, portal.article.url)
