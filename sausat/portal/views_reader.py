"""Reader pages beside Wagtail's own: tags, the monthly archive, the print view and the Atom feeds."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from sausat.core.policy import get_or_404
from sausat.portal import comments, policy, selectors
from sausat.portal.models import PortalHome
from sausat.portal.views import CategoryFeed


def _home_or_none(request) -> PortalHome | None:
    value = request.GET.get("cong", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_or_404(PortalHome.objects.live().public(), pk=value)


def tag(request, slug: str):
    found = get_or_404(Tag.objects.all(), slug=slug)
    home = _home_or_none(request)
    context = {"tag": found, "portal_home": home, **selectors.tagged(slug, home, request.GET.get("trang"))}
    return render(request, "portal/tag.html", context)


def archive(request, home_id: int):
    home = get_or_404(PortalHome.objects.live().public(), pk=home_id)
    return render(request, "portal/archive.html", {"portal_home": home, "months": selectors.archive_months(home)})


def archive_month(request, home_id: int, year: int, month: int):
    home = get_or_404(PortalHome.objects.live().public(), pk=home_id)
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        raise Http404
    context = {"portal_home": home, **selectors.month_articles(home, year, month, request.GET.get("trang"))}
    return render(request, "portal/archive_month.html", context)


def print_view(request, article_id: int):
    """The article alone, laid out for paper: no menu, no comment form, the address printed at the end."""
    article = policy.open_article_or_404(article_id)
    context = {
        "page": article,
        "category": article.get_parent(),
        "comments": list(comments.approved_comments(article)),
    }
    return render(request, "portal/print.html", context)


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
