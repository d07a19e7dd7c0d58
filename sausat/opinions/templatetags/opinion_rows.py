"""``{% register_rows page %}``, ``{% queue_rows page %}`` and ``{% queue_group_rows groups today %}``: the
opinion lists' rows, written in Python
(:mod:`sausat.opinions.list_rows`), wherever a template includes the list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString

from sausat.opinions.list_rows import queue_group_rows_html, queue_rows_html, register_rows_html
from sausat.opinions.models import IssueGroup, Opinion

register = template.Library()


@register.simple_tag
def register_rows(rows: Iterable[Opinion]) -> SafeString:
    return register_rows_html(rows)


@register.simple_tag
def queue_rows(rows: Iterable[Opinion]) -> SafeString:
    return queue_rows_html(rows)


@register.simple_tag
def queue_group_rows(groups: Iterable[IssueGroup], today: dt.date) -> SafeString:
    return queue_group_rows_html(groups, today)
