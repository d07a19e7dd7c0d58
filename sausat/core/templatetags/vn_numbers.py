"""``{% load vn_numbers %}``: numbers and percentages the Vietnamese way (see sausat.core.numbers)."""

from django import template

from sausat.core import numbers

register = template.Library()


@register.filter
def vn_number(value, digits=None):
    """``{{ 1234|vn_number }}`` -> 1.234; ``{{ x|vn_number:2 }}`` with two decimals."""
    return numbers.vn_number(value, None if digits in (None, "") else int(digits))


@register.filter
def vn_rate(value):
    """A number already in percent: ``{{ 66.7|vn_rate }}`` -> 66,7%."""
    return numbers.vn_rate(value)


@register.filter
def vn_percent(part, whole):
    """``{{ part|vn_percent:whole }}`` -> 2,2% (— when whole is 0)."""
    return numbers.vn_percent(part or 0, whole or 0)
