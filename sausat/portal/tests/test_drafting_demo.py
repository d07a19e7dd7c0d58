"""Drafts from a conference record (never published, names only with consent) and the demo seed."""

from __future__ import annotations

import pytest

from sausat.portal.models import ArticlePage, Comment, CommentStatus, PortalHome

pytestmark = pytest.mark.django_db


def test_demo_seeds_portals_stories_comments_and_a_pending_draft(cast, settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    settings.SAUSAT_SHARED_DIR = tmp_path / "no-shared"  # the demo must not need /work/shared
    from sausat.meetings import demo as meeting_demo
    from sausat.opinions import demo as opinion_demo
    from sausat.people import demo as people_demo
    from sausat.portal import demo

    people_demo.seed()
    meeting_demo.seed()
    opinion_demo.seed()
    demo.seed()
    demo.seed()  # idempotent
    assert PortalHome.objects.count() == 3
    live = ArticlePage.objects.live()
    assert live.count() == 5
    assert live.get(date="2021-07-02").view_count == 688
    assert Comment.objects.filter(status=CommentStatus.APPROVED).count() == 2
    assert Comment.objects.filter(status=CommentStatus.PENDING).exclude(flags="").exists()
    draft = ArticlePage.objects.get(source_meeting_id__isnull=False)
    assert not draft.live and draft.current_workflow_task.name == "Biên tập viên duyệt"
    text = draft.get_latest_revision_as_object().body.render_as_block()
    assert "Lê Tiến Châu" in text and "ý kiến" in text
    from sausat.opinions.models import Opinion

    for o in Opinion.objects.filter(meeting_id=draft.source_meeting_id, name_consent=False).exclude(author_name=""):
        assert o.author_name not in text
    assert "doi thoai" in live.get(date="2021-04-27").search_key
    response = client.get("/tin-tuc/tim-kiem/", {"q": "doi thoai can bo chu chot"})
    assert "Hậu Giang đối thoại" in response.text
