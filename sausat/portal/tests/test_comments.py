"""Reader comments: pre-moderated, filtered, rate-limited, escaped, closed in time; moderation audited."""

from __future__ import annotations

import datetime as dt

import pytest

from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.portal import comments
from sausat.portal.models import ArticlePage, Comment, CommentStatus

pytestmark = pytest.mark.django_db
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _post(client, article, **data):
    payload = {"name": "Bạn đọc", "email": "a@example.vn", "text": "Ý kiến hay."} | data
    return client.post(f"/tin-tuc/y-kien/{article.pk}/", payload, HTTP_USER_AGENT="Mozilla/5.0")


def test_comment_waits_for_moderation_then_shows_escaped_without_email(portal, client, login):
    assert _post(client, portal.article, name=XSS, text=XSS, email="secret@example.vn").status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "<script>" not in client.get(portal.article.url).text.split("y-kien")[1]
    moderator = login(portal.editor)
    queue = moderator.get("/cong-tin/y-kien-ban-doc/")
    assert queue.status_code == 200 and "<script>alert" not in queue.text and "&lt;script&gt;" in queue.text
    moderator.post("/cong-tin/y-kien-ban-doc/", {"ids": [comment.pk], "decision": "approved"})
    page = client.get(portal.article.url).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "secret@example.vn" not in page
    assert AuditEvent.objects.filter(verb="portal.comment.approved", object_id=str(comment.pk), actor=portal.editor)


def test_xss_in_titles_is_escaped(portal, client):
    from sausat.portal import services

    draft = services.create_draft(
        actor=SystemActor(reason="test"), category=portal.category, title=XSS, paragraphs=[XSS]
    )
    services.publish(actor=SystemActor(reason="test"), article=draft)
    html = client.get(ArticlePage.objects.get(pk=draft.pk).url).text
    assert "<script>alert" not in html and 'onerror="alert' not in html


def test_other_province_moderator_cannot_touch_and_outsiders_get_404(portal, login, cast):
    comment = comments.submit_comment(
        article=portal.article, name="A", email="a@b.vn", text="Xin chào", visitor_hash="h1"
    )
    assert comments.moderate(actor=portal.other_editor, ids=[comment.pk], decision="approved") == 0
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING
    assert login(cast.commune_a_cadre).get("/cong-tin/y-kien-ban-doc/").status_code == 404
    assert comment.text not in login(portal.other_editor).get("/cong-tin/y-kien-ban-doc/").text


def test_rate_limit_answers_429_and_keeps_the_legitimate_ones(portal, client):
    codes = [_post(client, portal.article, text=f"Ý kiến số {i}").status_code for i in range(10)]
    assert codes[: comments.VISITOR_ARTICLE_LIMIT] == [302] * comments.VISITOR_ARTICLE_LIMIT
    assert set(codes[comments.VISITOR_ARTICLE_LIMIT :]) == {429}
    assert Comment.objects.count() == comments.VISITOR_ARTICLE_LIMIT


def test_filter_flags_rather_than_drops(portal):
    bad = comments.submit_comment(article=portal.article, name="X", email="x@y.vn", text="đm bọn này", visitor_hash="a")
    spam = comments.submit_comment(
        article=portal.article, name="Y", email="x@y.vn", text="Vay tiền nhanh www.x.com", visitor_hash="b"
    )
    ok = comments.submit_comment(
        article=portal.article, name="Z", email="x@y.vn", text="Đề nghị làm rõ chế độ phụ cấp.", visitor_hash="c"
    )
    assert "profanity" in bad.flags and "spam" in spam.flags and ok.flags == ""
    assert Comment.objects.filter(status=CommentStatus.PENDING).count() == 3


def test_huge_and_invisible_input_is_refused(portal, client):
    assert _post(client, portal.article, text="a" * 1_000_000).status_code == 400
    assert _post(client, portal.article, name="\u200b\u200b").status_code == 400
    assert Comment.objects.count() == 0


def test_comments_close_after_the_configured_days(portal, client, settings):
    settings.SAUSAT_PORTAL_COMMENT_DAYS = 5
    ArticlePage.objects.filter(pk=portal.article.pk).update(date=dt.date.today() - dt.timedelta(days=6))
    assert _post(client, portal.article).status_code == 400
    assert "hết thời gian" in client.get(portal.article.url).text
