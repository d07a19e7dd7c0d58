"""Reads for the public pages: live and public pages only, a constant number of queries per page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from sausat.portal import comments, policy
from sausat.portal.models import ArticlePage, CategoryPage, PortalHome
from sausat.textkit.normalize import search_key

PER_PAGE = 12


def _listing(qs: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    return qs.only("id", "title", "url_path", "path", "depth", "date", "summary", "view_count").order_by("-date", "-id")


def home_context(home: PortalHome) -> dict:
    return {
        "categories": list(CategoryPage.objects.live().public().child_of(home)),
        "latest": list(_listing(policy.live_articles(home))[:PER_PAGE]),
        "most_read": list(_listing(policy.live_articles(home)).order_by("-view_count", "-date")[:5]),
    }


def category_context(category: CategoryPage, page_number) -> dict:
    articles = _listing(policy.live_articles(category))
    return {
        "page_obj": Paginator(articles, PER_PAGE).get_page(page_number),
        "most_read": list(articles.order_by("-view_count", "-date")[:5]),
    }


def article_context(article: ArticlePage) -> dict:
    category = article.get_parent()
    return {
        "category": category,
        "comments": list(comments.approved_comments(article)),
        "comments_open": comments.comments_open(article),
        "related": list(_listing(policy.live_articles(category)).exclude(pk=article.pk)[:3]),
        "tags": list(article.tags.all()),
    }


def search(q: str, home: PortalHome | None = None, limit: int = 50) -> list[ArticlePage]:
    """Every word of ``q``, accent-free, in the stored key: "doi thoai" finds "đối thoại"."""
    words = search_key(q).split()
    if not words:
        return []
    cond = Q()
    for word in words[:8]:
        cond &= Q(search_key__contains=word)
    return list(_listing(policy.live_articles(home).filter(cond))[:limit])
