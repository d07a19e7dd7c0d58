"""``{% register_rows page %}`` and ``{% queue_rows page %}``: the opinion lists' rows, written in Python
(:mod:`sausat.opinions.list_rows`), wherever a template includes the list. (The queue's assigned
groups are written by ``list_cache.queue_body`` directly.)"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString

from sausat.opinions.list_rows import queue_rows_html, register_rows_html
from sausat.opinions.models import Opinion

register = template.Library()


@register.simple_tag
def register_rows(rows: Iterable[Opinion]) -> SafeString:
    return register_rows_html(rows)


@register.simple_tag
def queue_rows(rows: Iterable[Opinion]) -> SafeString:
    return queue_rows_html(rows)
