"""``{% load shell %}``: the page shell's links without a full URL reversal on every page."""

from django import template

from sausat.core.precomputed import cached_reverse

register = template.Library()


@register.simple_tag
def route(viewname: str) -> str:
    """``{% route 'core:home' %}``: what ``{% url 'core:home' %}`` writes, for routes without arguments."""
    return cached_reverse(viewname)
