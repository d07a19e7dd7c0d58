"""The public "Tra cứu ý kiến" page, and how the submitted page learns the reference code.

The page lives under the public form's path (``/y-kien/gui/``), so its log lines carry no client
address, agent or request id (sausat.core.logformat); the code travels in a POST body, never in a
URL. Failed look-ups are counted per client address (sausat.accounts.throttle); a look-up that
finds its opinion leaves no trace.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sausat.accounts import services as account_services
from sausat.accounts.throttle import client_address, lookup_retry_after
from sausat.opinions import reference

COOKIE = "sausat_yk_ref"
COOKIE_SALT = "sausat.opinions.reference.cookie"
COOKIE_AGE = 600  # seconds: long enough to follow the redirect, short enough to be gone soon
THROTTLE_SCOPE = "opinion-reference"


def _cookie_path(token: str) -> str:
    return reverse("opinions:submitted", args=[token])


def with_code_cookie(response, code: str, token: str):
    """Hand ``code`` to the submitted page only (a signed cookie scoped to its path, not the session)."""
    response.set_signed_cookie(
        COOKIE,
        code,
        salt=COOKIE_SALT,
        max_age=COOKIE_AGE,
        path=_cookie_path(token),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def code_from_cookie(request, token: str) -> str:
    try:
        code = request.get_signed_cookie(COOKIE, default="", salt=COOKIE_SALT, max_age=COOKIE_AGE)
    except signing.BadSignature:
        return ""
    return code if reference.canonical(code) else ""


def forget_code_cookie(response, token: str) -> None:
    response.delete_cookie(COOKIE, path=_cookie_path(token), samesite="Strict")


@never_cache
def lookup(request):
    """Type a reference code, see where the opinion is. Rate-limited per address on failures."""
    status = None
    error = ""
    code = ""
    http_status = 200
    if request.method == "POST":
        address = client_address(request)
        wait = lookup_retry_after(THROTTLE_SCOPE, address)
        code = (request.POST.get("code") or "").strip()[:40]
        if wait:
            minutes = max(1, -(-wait // 60))
            error = _("Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.") % {"minutes": minutes}
            http_status = 429
        elif not reference.canonical(code):
            error = _("Mã tra cứu gồm 10 chữ và số, ví dụ YK-7KQ4M-2XPZ9. Vui lòng kiểm tra lại.")
            account_services.record_lookup_failure(scope=THROTTLE_SCOPE, address=address)
            http_status = 400
        else:
            status = reference.status_for(code)
            if status is None:
                error = _("Không tìm thấy ý kiến nào có mã này. Vui lòng kiểm tra lại mã.")
                account_services.record_lookup_failure(scope=THROTTLE_SCOPE, address=address)
                http_status = 404
    response = render(
        request, "opinions/lookup.html", {"status": status, "error": error, "code": code}, status=http_status
    )
    if http_status == 429:
        response["Retry-After"] = str(wait)
    return response
