"""The whole editorial chain in Chromium: the editor drafts from the demo conference and submits
it, reviews it, the leader approves (published), a reader on a phone finds it by a search without
diacritics and comments, the moderator approves the comment and the reader sees it; the editor of
another province gets 404 on the article in the admin. No CSP violation on the public pages."""

from __future__ import annotations

import re

import pytest

from conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(cast, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.SAUSAT_SHARED_DIR = tmp_path / "no-shared"  # the demo must not need /work/shared
    settings.SAUSAT_PORTAL_COMMENT_DAYS = 100_000  # the draft is dated on the 2021 conference's day
    from sausat.meetings import demo as meeting_demo
    from sausat.meetings.models import Meeting
    from sausat.opinions import demo as opinion_demo
    from sausat.people import demo as people_demo
    from sausat.portal import demo as portal_demo

    people_demo.seed()
    meeting_demo.seed()
    opinion_demo.seed()
    portal_demo.seed()
    return Meeting.objects.get(demo_key="haugiang-2021-04-27")


def _workflow_action(page, name: str) -> None:
    """Wagtail's footer keeps the workflow buttons in a drop-down; its own script handles the click."""
    button = page.locator(f"button[data-workflow-action-name='{name}']:not([data-workflow-action-modal-url])")
    with page.expect_navigation(timeout=90_000):
        button.first.evaluate("b => b.click()")


def test_draft_review_approve_find_comment_moderate(demo, chromium, live_server, phone_page):
    from sausat.portal.models import ArticlePage, Comment, CommentStatus
    from sausat.textkit.normalize import search_key

    meeting = demo
    desktop = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    editor = desktop.new_page()
    editor.base_url = live_server.url
    browser_login(editor, "bientap")
    editor.goto(f"{live_server.url}/cong-tin/soan-tu-hoi-nghi/{meeting.pk}/")
    editor.select_option("#id_category", label="Xây dựng hệ thống chính trị")
    editor.click("button:has-text('Tạo bản nháp')")
    editor.wait_for_url(re.compile(r"/quan-tri-tin/pages/\d+/edit/"), timeout=90_000)
    article_id = int(re.search(r"/pages/(\d+)/edit/", editor.url).group(1))
    draft = ArticlePage.objects.get(pk=article_id)
    assert not draft.live and draft.source_meeting_id == meeting.pk

    # Submit to the workflow from Wagtail's edit page, then the editor's review step.
    with editor.expect_navigation(timeout=90_000):
        editor.locator("button[name='action-submit']").evaluate("b => b.click()")
    assert ArticlePage.objects.get(pk=article_id).current_workflow_task.name == "Biên tập viên duyệt"
    editor.goto(f"{live_server.url}/quan-tri-tin/pages/{article_id}/edit/")
    _workflow_action(editor, "approve")
    assert ArticlePage.objects.get(pk=article_id).current_workflow_task.name == "Lãnh đạo phê duyệt"
    assert not ArticlePage.objects.get(pk=article_id).live

    leader_context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    leader = leader_context.new_page()
    leader.base_url = live_server.url
    browser_login(leader, "lanhdao")
    leader.goto(f"{live_server.url}/quan-tri-tin/pages/{article_id}/edit/")
    _workflow_action(leader, "approve")
    article = ArticlePage.objects.get(pk=article_id)
    assert article.live
    leader_context.close()

    # A reader on a phone: no account, no diacritics.
    reader = phone_page
    reader.goto(f"{live_server.url}/tin-tuc/")
    query = " ".join(search_key(article.title).split()[:6])  # no diacritics, "đ" typed as "d"
    assert query.isascii()
    reader.fill("#p-q", query)
    reader.click(".p-search button[type=submit]")
    reader.wait_for_selector(f"a:has-text('{article.title}')")
    screenshot(reader, "portal-search-phone")
    reader.click(f"a[href='{article.url}']")
    reader.wait_for_selector("h1")
    assert article.title in reader.inner_text("h1")
    reader.fill("#c-name", "Trần Văn Bình")
    reader.fill("#c-email", "binh@example.vn")
    reader.fill("#c-text", "Đề nghị công khai kết quả trả lời các ý kiến của hội nghị.")
    reader.click("#y-kien button[type=submit]")
    reader.wait_for_selector("text=Ý kiến sẽ hiển thị sau khi được ban biên tập duyệt")
    comment = Comment.objects.get(article_id=article_id)
    assert comment.status == CommentStatus.PENDING

    editor.goto(f"{live_server.url}/cong-tin/y-kien-ban-doc/")
    editor.check(f"input[name=ids][value='{comment.pk}']")
    editor.click("button[name=decision][value=approved]")
    editor.wait_for_selector("text=Đã xử lý 1 ý kiến")
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.APPROVED

    reader.goto(f"{live_server.url}{article.url}")
    reader.wait_for_selector(".p-comment:has-text('Đề nghị công khai kết quả')")
    screenshot(reader, "portal-article-comment-phone")
    assert reader.csp_violations == []
    desktop.close()

    other_context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    other = other_context.new_page()
    other.base_url = live_server.url
    browser_login(other, "bientap_qn")
    response = other.goto(f"{live_server.url}/quan-tri-tin/pages/{article_id}/edit/")
    assert response.status == 404
    other_context.close()
