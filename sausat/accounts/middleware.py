"""Holds a signed-in session that still owes its second factor at the enrolment or code page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import reverse

from sausat.accounts.mfa import ENROL, pending_step

_EXEMPT_NAMES = ("core:login", "core:logout", "core:health", "accounts:mfa_verify", "accounts:mfa_setup")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt: frozenset[str] | None = None

    def _exempt_paths(self) -> frozenset[str]:
        if self._exempt is None:
            self._exempt = frozenset(reverse(name) for name in _EXEMPT_NAMES)
        return self._exempt

    def __call__(self, request):
        step = pending_step(request)
        if step and not self._is_exempt(request.path):
            if request.path.startswith("/api/"):
                # Half a login is no login: the API sees an anonymous caller (401 where it matters).
                request.user = AnonymousUser()
            else:
                target = reverse("accounts:mfa_setup" if step == ENROL else "accounts:mfa_verify")
                return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _is_exempt(self, path: str) -> bool:
        if path in self._exempt_paths():
            return True
        prefixes = (settings.STATIC_URL, "/i18n/")
        return any(path.startswith(p) for p in prefixes if p)
