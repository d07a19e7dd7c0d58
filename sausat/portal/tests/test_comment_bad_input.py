"""Reader comments against bad input beyond test_comments: NFD and zero-width text, and a flood of
200 comments from one visitor while other readers keep commenting."""

from __future__ import annotations

import unicodedata

import pytest

from sausat.portal import comments
from sausat.portal.models import Comment

pytestmark = pytest.mark.django_db


def _post(client, article, address: str = "10.0.0.1", **data):
    payload = {"name": "Bạn đọc", "email": "a@example.vn", "text": "Ý kiến hay."} | data
    return client.post(f"/tin-tuc/y-kien/{article.pk}/", payload, HTTP_USER_AGENT="Mozilla/5.0", REMOTE_ADDR=address)


def test_nfd_text_is_stored_nfc_and_shown_once_approved(portal, client):
    name, text = "Nguyễn Thị Hoà", "Đề nghị đối thoại định kỳ với thanh niên."
    response = _post(
        client, portal.article, name=unicodedata.normalize("NFD", name), text=unicodedata.normalize("NFD", text)
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.name == unicodedata.normalize("NFC", name) and comment.text == unicodedata.normalize("NFC", text)
    assert unicodedata.is_normalized("NFC", comment.text)


def test_zero_width_only_text_is_refused_and_inner_zero_width_is_harmless(portal, client):
    assert _post(client, portal.article, text="\u200b\u200c\u200d\u2060\ufeff").status_code == 400
    assert not Comment.objects.exists()
    assert _post(client, portal.article, text="Ý\u200b kiến\u200d hay").status_code == 302
    stored = Comment.objects.get().text
    assert "\u200b" not in stored and "\u200d" not in stored


def test_a_flood_of_200_comments_from_one_visitor_is_answered_429_and_loses_no_legitimate_one(portal, client):
    codes, legitimate = [], []
    for i in range(200):
        codes.append(_post(client, portal.article, text=f"Ý kiến lặp lại số {i}").status_code)
        if i % 20 == 0:  # another reader, from another address, in the middle of the flood
            response = _post(client, portal.article, address=f"10.1.0.{i // 20 + 1}", text=f"Bạn đọc thứ {i // 20}")
            legitimate.append(response.status_code)
    limit = comments.VISITOR_ARTICLE_LIMIT
    assert codes[:limit] == [302] * limit and set(codes[limit:]) == {429}
    assert legitimate == [302] * 10
    assert Comment.objects.count() == limit + 10
    assert Comment.objects.filter(text__startswith="Bạn đọc thứ").count() == 10
