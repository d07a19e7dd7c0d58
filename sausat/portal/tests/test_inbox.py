"""The portal's work reaches the home inbox: an article waits on the home of whoever approves its
current step (editor, then leader) and leaves it when approved; pending comments wait for editors."""

from __future__ import annotations

import pytest

from sausat.core.inbox import inbox_for
from sausat.portal import comments, services

pytestmark = pytest.mark.django_db


def _section(user, key: str):
    return {s.key: s for s in inbox_for(user)}.get(key)


def test_article_waits_at_each_approvers_home_and_leaves_when_approved(portal, cast, login):
    draft = services.create_draft(actor=portal.reporter, category=portal.category, title="Bài chờ duyệt ở trang chủ")
    services.submit_for_review(actor=portal.reporter, article=draft)
    edit_url = f"/quan-tri-tin/pages/{draft.pk}/edit/"

    review = _section(portal.editor, "portal.review")
    assert review.count == 1 and review.items[0].url == edit_url
    assert "Bài chờ duyệt ở trang chủ" in review.items[0].title
    assert login(portal.editor).get(edit_url).status_code == 200  # one click from where it is acted on
    assert _section(portal.reporter, "portal.review").count == 0  # the reporter does not approve
    assert _section(portal.other_editor, "portal.review").count == 0  # another province's portal

    services.approve(actor=portal.editor, article=draft)
    assert _section(portal.editor, "portal.review").count == 0
    assert [i.url for i in _section(cast.leader, "portal.review").items] == [edit_url]
    services.approve(actor=cast.leader, article=draft)
    assert _section(cast.leader, "portal.review").count == 0


def test_pending_comments_wait_for_the_editor_of_that_portal(portal, cast, login):
    comment = comments.submit_comment(
        article=portal.article, name="A", email="a@b.vn", text="Xin hỏi lịch tiếp dân", visitor_hash="h1"
    )
    section = _section(portal.editor, "portal.comments")
    assert section.count == 1 and section.items[0].title == "Xin hỏi lịch tiếp dân"
    assert login(portal.editor).get(section.items[0].url).status_code == 200
    assert _section(portal.other_editor, "portal.comments").count == 0
    assert _section(cast.leader, "portal.comments") is None  # leaders may moderate; it is not their inbox
    comments.moderate(actor=portal.editor, ids=[comment.pk], decision="approved")
    assert _section(portal.editor, "portal.comments").count == 0
