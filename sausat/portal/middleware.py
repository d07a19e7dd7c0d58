"""The Wagtail admin path: its own CSP, one transaction per write request, and the acting user.

The product's strict CSP (no inline style, scripts only with a nonce) holds on every other path,
including the public portal. Wagtail's admin ships inline styles and inline JSON/script blocks it
does not nonce, so only under ``/quan-tri-tin/`` do we allow 'unsafe-inline' styles and scripts;
everything else (default-src, object-src, frame-ancestors, form-action, base-uri) stays as strict.

Admin writes run in one transaction so our audit rows written by the hooks on Wagtail's signals
(publish, unpublish, approve, reject) commit with Wagtail's own rows, or not at all.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils.csp import CSP

from sausat.portal.context import current_actor

ADMIN_PREFIX = "/quan-tri-tin/"
_PAGE_URL = re.compile(r"^/quan-tri-tin/pages/(\d+)/")

ADMIN_CSP = {
    **settings.SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],  # the admin's own preview iframe
}


class PortalAdminMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ADMIN_PREFIX):
            return self.get_response(request)
        from sausat.portal.services import sync_portal_permissions

        user = getattr(request, "user", None)
        # Wagtail's groups follow the product's live grants: a revoked grant loses the admin at once.
        sync_portal_permissions(user)
        _require_page_scope(request, user)
        token = current_actor.set(user)
        try:
            if request.method in ("GET", "HEAD", "OPTIONS"):
                response = self.get_response(request)
            else:
                with transaction.atomic():
                    response = self.get_response(request)
        finally:
            current_actor.reset(token)
        response._csp_config = ADMIN_CSP
        response["X-Frame-Options"] = "SAMEORIGIN"  # the admin previews pages in its own iframe
        return response


def _require_page_scope(request, user) -> None:
    """A page of another portal answers 404 (Wagtail alone would say 403, confirming it exists)."""
    from wagtail.models import Page

    from sausat.portal import policy

    match = _PAGE_URL.match(request.path)
    if match is None or user is None or not user.is_authenticated:
        return
    page = Page.objects.filter(pk=int(match.group(1))).first()
    if page is not None and page.depth > 2 and not policy.can_work_on(user, page):
        raise Http404
