"""Wagtail admin hooks: the editorial scope answers 404 outside it, and articles count their readers."""

from __future__ import annotations

from django.http import Http404
from wagtail import hooks

from sausat.portal import page_cache, policy, views_count
from sausat.portal.models import ArticlePage, CategoryPage, PortalHome, PortalRoot


def _require_scope(request, page) -> None:
    # Wagtail alone would answer 403 and so confirm the page exists; we answer like a missing one.
    if page is not None and not policy.can_work_on(request.user, page):
        raise Http404


@hooks.register("before_edit_page")
def _before_edit(request, page):
    _require_scope(request, page)


@hooks.register("before_delete_page")
def _before_delete(request, page):
    _require_scope(request, page)


@hooks.register("before_unpublish_page")
def _before_unpublish(request, page):
    _require_scope(request, page)


@hooks.register("before_copy_page")
def _before_copy(request, page):
    _require_scope(request, page)


@hooks.register("before_move_page")
def _before_move(request, page, destination):
    _require_scope(request, page)
    _require_scope(request, destination)


@hooks.register("before_create_page")
def _before_create(request, parent_page, page_class):
    _require_scope(request, parent_page)


@hooks.register("before_serve_page")
def _count_view(page, request, serve_args, serve_kwargs):
    if isinstance(page, ArticlePage) and request.method == "GET":
        views_count.record_view(request, page.pk)


@hooks.register("before_serve_page")
def _mark_cacheable(page, request, serve_args, serve_kwargs):
    # The reader pages an anonymous visitor may get from sausat.portal.page_cache.
    if isinstance(page, (PortalRoot, PortalHome, CategoryPage, ArticlePage)):
        page_cache.mark(request, page.pk if isinstance(page, ArticlePage) else None)


@hooks.register("after_delete_page")
def _after_delete(request, page):
    page_cache.invalidate()


@hooks.register("after_move_page")
def _after_move(request, page):
    page_cache.invalidate()
