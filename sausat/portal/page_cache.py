"""Whole-page cache of the portal's reader pages (home, category, article) for anonymous readers.

Why this shape:

- **Only anonymous readers.** A request carrying a session cookie (every signed-in user, and a
  visitor whose session holds something) or a messages cookie (the "thank you" after a comment)
  is never answered from the cache nor stored, so nothing personal is ever shared.
- **A hit is answered before the session, CSRF, auth and messages middleware run** (this
  middleware sits right before ``SessionMiddleware``): a hit makes no query and runs almost no
  Python. What those inner middlewares would have added is either stored with the page or redone
  here: the headers of the stored response (``Content-Security-Policy``, ``X-Frame-Options``,
  ``Content-Language``, ``Vary``) are kept and replayed, and the outer middlewares (security
  headers, request id, metrics) still wrap every hit.
- **Per-request parts are not cached.** The CSP nonce is generated lazily by Django only when a
  template uses it; the reader pages use none (no inline script), and a page whose rendering did
  generate one (or whose CSP header carries one) is simply not stored, so a cached page and its
  stored CSP header can never carry another response's nonce; without a nonce the header is the
  same for every response of the path, so replaying it is what the CSP middleware would do. The
  comment form's CSRF token is cut out of the stored body and a fresh one put in for each hit, by
  Django's own ``CsrfViewMiddleware`` (its request and response steps run around the hit, which
  also sets the visitor's CSRF cookie).
- **Invalidation by a version stamp**, bumped on (and again after the commit of) every publish, unpublish, move or delete of a
  portal page and every comment moderation or reply (``transaction.on_commit``). The stamp is a
  file in ``VAR_DIR`` (one ``stat()`` per request), so every worker process of the host sees a bump
  at once while each keeps its pages in its own memory (the ``portal`` cache alias). Entries also
  expire after ``SAUSAT_PORTAL_CACHE_SECONDS`` (default 60): the view count shown on a page is at
  most that much older than the counter, and with several app servers (each with its own
  ``VAR_DIR``) another host's publish reaches this one's readers within that time.
- **Views are still counted.** A hit for an article spools the view exactly as Wagtail's serve hook
  does on a miss (:func:`sausat.portal.views_count.record_view`: a line in a file, no database).

``SAUSAT_PORTAL_CACHE_SECONDS=0`` turns the cache off (the cold figures in docs/performance.md).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import ResolverMatch

from sausat.core.middleware import chosen_language

PREFIX = "/tin-tuc/"
CACHE_ALIAS = "portal"
_CSRF_RE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
_CSRF_SLOT = b"\x00csrf\x00"
_PAGE_QUERY = re.compile(r"^(trang=\d{1,5})?$")
_SKIP_HEADERS = {"content-length", "set-cookie", "x-portal-cache", "x-request-id"}
MARK = "_portal_cache_article"  # request attribute set by the serve hook: the article id, or 0


def seconds() -> int:
    return int(getattr(settings, "SAUSAT_PORTAL_CACHE_SECONDS", 60))


def _stamp_path() -> Path:
    return Path(settings.VAR_DIR) / "portal-cache-version"


def version() -> int:
    try:
        return os.stat(_stamp_path()).st_mtime_ns
    except FileNotFoundError:
        return 0


def bump() -> None:
    """A new version: every cached page of every worker of this host is stale from now on."""
    path = _stamp_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    old = version()
    tmp = path.with_name(f"{path.name}.{os.getpid()}")
    tmp.write_text(str(time.time_ns()))
    os.replace(tmp, path)
    # Two bumps within the file system's timestamp granularity must still give two versions.
    now = max(time.time_ns(), old + 1)
    os.utime(path, ns=(now, now))


def invalidate() -> None:
    """Bump now (the writer's own next read, and tests, see the change) and again once the
    transaction commits (a page another reader rendered from the old data meanwhile is dropped)."""
    from django.db import transaction

    bump()
    transaction.on_commit(bump)


def cacheable_request(request: HttpRequest) -> bool:
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and request.path.startswith(PREFIX)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
        and bool(_PAGE_QUERY.match(request.META.get("QUERY_STRING", "")))
    )


def _key(request: HttpRequest, stamp: int) -> str:
    raw = f"{request.get_host()}|{chosen_language(request)}|{request.get_full_path()}"
    return f"portal:page:{stamp}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def mark(request: HttpRequest, article_id: int | None) -> None:
    """Called by the serve hook for the reader pages that may be stored (home, category, article)."""
    setattr(request, MARK, article_id or 0)


def _hit(request: HttpRequest, entry: dict[str, Any], csrf: CsrfViewMiddleware) -> HttpResponse:
    from sausat.portal import views_count

    body = entry["body"]
    if _CSRF_SLOT in body:
        # What CsrfViewMiddleware does for a rendered form: reuse the visitor's secret (or make
        # one), mask it into the page, and set the cookie when it is new.
        csrf.process_request(request)
        body = body.replace(_CSRF_SLOT, get_token(request).encode())
    response = HttpResponse(body, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["Content-Length"] = str(len(body))
    response["X-Portal-Cache"] = "hit"
    if "CSRF_COOKIE" in request.META:
        csrf.process_response(request, response)  # sets the cookie on this same response
    request.resolver_match = _HIT_MATCH  # the metrics middleware labels hits apart from rendered pages
    if entry["article"] and request.method == "GET":
        views_count.record_view(request, entry["article"])
    return response


def _store(request: HttpRequest, response: HttpResponse, key: str) -> None:
    article = getattr(request, MARK, None)
    if (
        article is None
        or response.status_code != 200
        or response.streaming
        or settings.SESSION_COOKIE_NAME in response.cookies
        or "messages" in response.cookies
    ):
        return
    # A nonce generated during rendering is in the body and in the CSP header: never replayed.
    if getattr(request, "_csp_nonce", None) or "nonce-" in response.get("Content-Security-Policy", ""):
        return
    body = _CSRF_RE.sub(rb"\1" + _CSRF_SLOT + rb"\2", response.content)
    headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIP_HEADERS]
    entry = {"body": body, "status": 200, "headers": headers, "article": article}
    caches[CACHE_ALIAS].set(key, entry, seconds())
    response["X-Portal-Cache"] = "miss"


def _hit_view(request: HttpRequest) -> HttpResponse:  # pragma: no cover - a label, never called
    raise NotImplementedError


_HIT_MATCH = ResolverMatch(_hit_view, (), {}, url_name="portal_page_cache_hit")


class PortalPageCacheMiddleware:
    """Placed right before ``SessionMiddleware`` (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Only its request and response steps are used, on hits; the real one runs on misses.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cacheable_request(request):
            return self.get_response(request)
        key = _key(request, version())
        entry = caches[CACHE_ALIAS].get(key)
        if entry is not None:
            return _hit(request, entry, self.csrf)
        response = self.get_response(request)
        _store(request, response, key)
        return response
