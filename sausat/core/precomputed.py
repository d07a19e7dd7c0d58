"""Values a template would otherwise compute once per row, computed once per page in Python.

A long list rendered by the template engine pays for ``{% url %}`` (a full URL resolver reversal)
and ``|date:"d/m/Y"`` (a formatter object, a time-zone conversion) on every row: on the quarterly
pack that was about 1,000 of each per page (issue 17). Selectors attach these strings to their rows
instead:

- :func:`pk_url` reverses a route once and builds every row's address by string substitution;
- :func:`dmy` writes a date (or an aware datetime, in local time) as ``dd/mm/yyyy``, exactly as the
  templates' ``|date:"d/m/Y"`` does;
- :func:`esc` escapes a value as the templates' autoescaping does, for rows written in Python;
- :func:`cached_reverse` reverses a route without arguments once per URLconf and script prefix (the
  menu and the page shell's links, ``{% route %}`` in ``core/templatetags/shell.py``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone

# An id no route will ever see, so it cannot collide with another part of the reversed path.
_MARKER = 918273645


def pk_url(viewname: str) -> Callable[[int], str]:
    """``reverse(viewname, args=[pk])`` for any number of ``pk``s at the cost of one reversal.

    Call it once per request (the URL prefix may depend on the request's script name)."""
    url = reverse(viewname, args=[_MARKER])
    head, found, tail = url.partition(str(_MARKER))
    if not found or str(_MARKER) in tail:  # a route that does not place the argument verbatim
        return lambda pk: reverse(viewname, args=[pk])
    return lambda pk: f"{head}{int(pk)}{tail}"


def dmy(value: dt.date | dt.datetime | None) -> str:
    """``dd/mm/yyyy`` (``""`` for None); an aware datetime is first converted to local time."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def esc(value: object) -> str:
    """What the template's autoescaping writes for ``value`` (None as an empty string)."""
    return "" if value is None else html.escape(str(value), quote=True)


@lru_cache(maxsize=512)
def _reversed(viewname: str, prefix: str, urlconf: str) -> str:
    return reverse(viewname, urlconf=urlconf)


def cached_reverse(viewname: str) -> str:
    """``reverse(viewname)`` for a route without arguments, computed once per URLconf and script
    prefix: the menu and the shell's links were about fifteen full reversals on every HTML page."""
    return _reversed(viewname, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
