from django import template

from sausat.directives import policy

register = template.Library()


@register.filter
def directives_overseer(user) -> bool:
    """Leaders and the office (the dashboard and the province-wide views are theirs)."""
    return policy.is_overseer(user)
