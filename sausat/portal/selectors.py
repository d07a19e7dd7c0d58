"""Reads for the public pages: live and public pages only, a constant number of queries per page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from sausat.portal import comments, policy
from sausat.portal.models import ArticlePage, CategoryPage, PortalHome
from sausat.textkit.normalize import search_key

PER_PAGE = 12


def _listing(qs: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    return qs.only("id", "title", "url_path", "path", "depth", "date", "summary", "view_count").order_by("-date", "-id")


def home_context(home: PortalHome) -> dict[str, Any]:
    articles = _listing(policy.live_articles(home))  # .public() reads the view restrictions: once
    return {
        "categories": list(CategoryPage.objects.live().public().child_of(home)),
        "latest": list(articles[:PER_PAGE]),
        # Walks the portal_article_most_read index from the top (no sort of every article).
        "most_read": list(articles.order_by("-view_count", "-date")[:5]),
    }


def category_context(category: CategoryPage, page_number: int | str | None) -> dict[str, Any]:
    articles = _listing(policy.live_articles(category))
    return {
        "page_obj": Paginator(articles, PER_PAGE).get_page(page_number),
        "most_read": list(articles.order_by("-view_count", "-date")[:5]),
    }


def article_context(article: ArticlePage) -> dict[str, Any]:
    category = article.get_parent()
    tags = list(article.tags.all())
    return {
        "category": category,
        "comments": list(comments.approved_comments(article)),
        "comments_open": comments.comments_open(article),
        "related": related_articles(article, category),
        "tags": tags,
        # The tag links stay inside this portal; one query, only when there are tags.
        "home_id": category.get_parent().pk if tags else None,
        "results_url": meeting_results_url(article.source_meeting_id),
    }


def related_articles(article: ArticlePage, category: CategoryPage, count: int = 3) -> list[ArticlePage]:
    """The stored similar articles (:mod:`sausat.portal.related`) still live, in their order; the
    category's latest when the portal has not computed any yet."""
    if article.related_ids:
        found = {a.pk: a for a in _listing(policy.live_articles().filter(pk__in=article.related_ids))}
        return [found[pk] for pk in article.related_ids if pk in found][:count]
    return list(_listing(policy.live_articles(category)).exclude(pk=article.pk)[:count])


def meeting_results_url(meeting_id: int | None) -> str | None:
    """The public results page of the conference an article was drafted from, once published."""
    if meeting_id is None:
        return None
    from django.urls import reverse

    from sausat.meetings.policy import published_results_ref

    ref = published_results_ref(meeting_id)
    return reverse("meetings:public_results", args=[ref]) if ref else None


def tagged(slug: str, home: PortalHome | None, page_number: int | str | None) -> dict[str, Any]:
    articles = _listing(policy.live_articles(home).filter(tags__slug=slug).distinct())
    return {"page_obj": Paginator(articles, PER_PAGE).get_page(page_number)}


def archive_months(home: PortalHome) -> list[dict[str, Any]]:
    """Months with articles, newest first, with their counts."""
    rows = (
        policy.live_articles(home)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by("-month")
    )
    return [{"month": r["month"], "count": r["count"]} for r in rows]


def month_articles(home: PortalHome, year: int, month: int, page_number: int | str | None) -> dict[str, Any]:
    first = dt.date(year, month, 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    articles = _listing(policy.live_articles(home).filter(date__gte=first, date__lt=after))
    return {"month": first, "page_obj": Paginator(articles, PER_PAGE).get_page(page_number)}


def search(q: str, home: PortalHome | None = None, limit: int = 50) -> list[ArticlePage]:
    """Every word of ``q``, accent-free, in the stored key: "doi thoai" finds "đối thoại"."""
    words = search_key(q).split()
    if not words:
        return []
    cond = Q()
    for word in words[:8]:
        cond &= Q(search_key__contains=word)
    return list(_listing(policy.live_articles(home).filter(cond))[:limit])
