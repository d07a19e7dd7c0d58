"""Reader pages beside the article: tags, the monthly archive, the print view, Atom, related articles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sausat.core.actors import SystemActor
from sausat.portal import related, services
from sausat.portal.models import ArticlePage

pytestmark = pytest.mark.django_db
SYSTEM = SystemActor(reason="test")


def _published(category, title, paragraphs, *, date=None, tags=None, source_meeting_id=None):
    article = services.create_draft(
        actor=SYSTEM,
        category=category,
        title=title,
        paragraphs=paragraphs,
        date=date,
        tags=tags,
        source_meeting_id=source_meeting_id,
    )
    services.publish(actor=SYSTEM, article=article)
    return ArticlePage.objects.get(pk=article.pk)


def test_tag_page_lists_this_portals_articles_with_the_tag(portal, client):
    mine = _published(portal.category, "Đối thoại ở phường", ["Nội dung"], tags=["đối thoại"])
    theirs = _published(portal.other_category, "Đối thoại ở Quảng Nam", ["Nội dung"], tags=["đối thoại"])
    page = client.get(mine.url).text
    url = reverse("portal_public:tag", args=[mine.tags.get().slug])
    assert f"{url}?cong={portal.home.pk}" in page

    response = client.get(url, {"cong": portal.home.pk})
    assert response.status_code == 200
    assert mine.title in response.text and theirs.title not in response.text
    everywhere = client.get(url).text
    assert mine.title in everywhere and theirs.title in everywhere
    assert client.get(url, {"cong": "x"}).status_code == 404
    assert client.get("/tin-tuc/the/khong-co/").status_code == 404


def test_monthly_archive(portal, client):
    old = _published(portal.category, "Sơ kết quý I", ["Nội dung"], date=dt.date(2017, 3, 30))
    index = client.get(f"/tin-tuc/luu-tru/{portal.home.pk}/")
    assert index.status_code == 200
    assert "Tháng 03/2017" in index.text
    assert f"/tin-tuc/luu-tru/{portal.home.pk}/2017/3/" in index.text
    month = client.get(f"/tin-tuc/luu-tru/{portal.home.pk}/2017/3/")
    assert old.title in month.text and portal.article.title not in month.text
    assert client.get(f"/tin-tuc/luu-tru/{portal.home.pk}/2017/13/").status_code == 404
    assert (
        portal.article.title
        in client.get(f"/tin-tuc/luu-tru/{portal.home.pk}/{portal.article.date.year}/{portal.article.date.month}/").text
    )


def test_print_view_has_the_article_and_no_form(portal, client):
    response = client.get(f"/tin-tuc/in/{portal.article.pk}/")
    assert response.status_code == 200
    assert portal.article.title in response.text
    assert "<form" not in response.text and "noindex" in response.text
    draft = services.create_draft(actor=SYSTEM, category=portal.category, title="Bản nháp", paragraphs=["x"])
    assert client.get(f"/tin-tuc/in/{draft.pk}/").status_code == 404


def test_atom_feed(portal, client):
    response = client.get(f"/tin-tuc/atom/{portal.category.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert portal.article.title in response.content.decode()
    assert client.get(f"/tin-tuc/atom/{portal.article.pk}/").status_code == 404


def test_related_articles_follow_text_similarity(portal, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        roads = _published(
            portal.category,
            "Nâng cấp đường giao thông nông thôn",
            ["Xã đề nghị vốn nâng cấp đường giao thông nông thôn và cầu dân sinh."],
        )
        _published(portal.category, "Tập huấn chuyển đổi số", ["Cán bộ xã được tập huấn chuyển đổi số."])
        more_roads = _published(
            portal.category,
            "Vốn cho đường giao thông nông thôn",
            ["Tỉnh bố trí vốn làm đường giao thông nông thôn, sửa cầu dân sinh."],
        )
    roads.refresh_from_db()
    assert roads.related_ids[0] == more_roads.pk
    page = client.get(roads.url).text
    related_part = page[page.index("Tin liên quan") :]
    assert more_roads.title in related_part
    # Unpublished articles drop out of the list without a recomputation.
    services.unpublish(actor=SYSTEM, article=more_roads)
    assert more_roads.title not in client.get(roads.url).text.split("Tin liên quan")[-1]
    assert related.refresh_related(portal.home) >= 1


def test_article_links_the_published_results_of_its_conference(portal, client, cast):
    from sausat.meetings import services as meeting_services
    from sausat.meetings.models import MeetingStatus
    from sausat.opinions.tests.factories import make_meeting

    meeting = make_meeting(cast)
    article = _published(portal.category, "Kết quả đối thoại", ["Nội dung"], source_meeting_id=meeting.pk)
    assert "/hoi-nghi/ket-qua/" not in client.get(article.url).text  # not published yet
    for status in (MeetingStatus.OPEN, MeetingStatus.HELD):
        meeting = meeting_services.set_status(actor=cast.secretary, meeting=meeting, status=status)
    meeting = meeting_services.publish_results(actor=cast.secretary, meeting=meeting)
    # A meetings write does not bump the portal's page cache: anonymous readers get the link once
    # the cached page expires (SAUSAT_PORTAL_CACHE_SECONDS), which emptying the cache stands for.
    from django.core.cache import caches

    caches["portal"].clear()
    assert f"/hoi-nghi/ket-qua/{meeting.results_ref}/" in client.get(article.url).text
