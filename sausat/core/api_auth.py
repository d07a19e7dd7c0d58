"""API authentication: a bearer token or the browser session; public endpoints also admit anonymous."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from sausat.core.tokens import user_for_key


class BearerToken(HttpBearer):
    def __call__(self, request):
        # Whoever presents credentials is judged on them alone: a wrong, revoked or non-bearer key is a 401
        # even beside a valid session cookie, never a fall-back to the session's user.
        if not request.headers.get(self.header):
            return None
        user = super().__call__(request)
        if user is None:
            raise AuthenticationError(message="Khóa API không hợp lệ hoặc đã bị thu hồi.")
        return user

    def authenticate(self, request, token: str):
        user = user_for_key(token)
        if user is not None:
            request.user = user
        return user


class Anonymous:
    """Lets public endpoints through; the policy layer then sees an anonymous user."""

    def __call__(self, request):
        # A caller who presents a key that is wrong or revoked is told so (401), not served as anonymous.
        if request.headers.get("Authorization"):
            return None
        if not getattr(request, "user", None):
            request.user = AnonymousUser()
        return AnonymousUser()


AUTHENTICATED = [BearerToken(), SessionAuth()]
PUBLIC = [BearerToken(), SessionAuth(), Anonymous()]


def api_user(request):
    auth = getattr(request, "auth", None)
    return auth if auth is not None else request.user
