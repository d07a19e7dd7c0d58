"""Per-request middleware: request id (carried into audit rows and log lines) and the UI language."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from django.conf import settings
from django.utils import translation

from sausat.core.logformat import is_public_form_path

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("sausat_request_id", default="")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        # Only a plain token is accepted from outside, so it cannot inject into logs.
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        if is_public_form_path(request.path):
            # A proxy logs its request id beside the client's address: the anonymous form gets none.
            request_id = ""
        token = _request_id.set(request_id)
        request.request_id = request_id
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        if request_id:
            response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


def chosen_language(request) -> str:
    """The UI language of a request (also keys the portal's page cache, which answers before us)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Vietnamese first: English only when the user chose it (language cookie), never from the
    browser's Accept-Language, which on many Vietnamese office machines says English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


NUL_MESSAGE = "Dữ liệu gửi lên chứa ký tự NUL (\\x00), không được chấp nhận."
_JSON_NUL = re.compile(rb"\\u0000", re.IGNORECASE)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _json_body_has_nul(body: bytes) -> bool:
    if b"\x00" in body:
        return True
    if not _JSON_NUL.search(body):
        return False
    import json

    try:
        return _has_nul(json.loads(body))
    except ValueError:
        return False  # malformed JSON is the API's own 400


class RejectNulMiddleware:
    """NUL characters in the path, the query string or a JSON body are refused up front.

    PostgreSQL cannot store or compare text containing NUL, so one reaching a query was a 500. The API
    answers 422 with a JSON message; pages answer 400. Form bodies are left to the forms, whose
    fields already refuse NUL with a message next to the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            from django.http import HttpResponseBadRequest, JsonResponse

            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE}, status=422)
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        from urllib.parse import unquote_to_bytes

        if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method in ("POST", "PUT", "PATCH") and "json" in content_type:
            return _json_body_has_nul(request.body)
        return False


OUT_OF_RANGE = "Số trong yêu cầu vượt quá giới hạn cho phép (mã hoặc bộ lọc quá lớn)."


def is_out_of_range(exc: BaseException) -> bool:
    """An integer past the database's 64 bits: SQLite raises OverflowError, PostgreSQL a DataError."""
    if isinstance(exc, OverflowError):
        return True
    from django.db import DataError

    return isinstance(exc, DataError) and "out of range" in str(exc)


class OutOfRangeMiddleware:
    """A page asked for an id or filter no row can have (past 64 bits) answers 404, not 500.

    URL converters accept any run of digits; the database refuses numbers it cannot store.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_out_of_range(exception):
            from django.http import Http404
            from django.views.defaults import page_not_found

            return page_not_found(request, Http404(OUT_OF_RANGE))
        return None
