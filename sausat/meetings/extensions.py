"""Declared hooks through which the apps above meetings take part in its pages and its reads.

meetings imports no app above it (docs/architecture.md). An app that adds to a meeting registers here
in its ``AppConfig.ready()``:

- :func:`register_visibility`: a rule that lets more users see a meeting (opinions: a responder sees
  the meetings whose opinions are assigned to the responder's organ);
- :func:`register_section`: a section of the meeting page (opinions: counts, links, latest opinions),
  rendered in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from django.http import HttpRequest

    from sausat.core.policy import Scope
    from sausat.meetings.models import Meeting

VisibilityRule = Callable[["Scope"], Q | None]


@dataclass(frozen=True)
class Section:
    """A part of the meeting page owned by another app.

    ``context(request, meeting)`` returns the variables its templates need (merged into the page's
    context, so keys should be specific); ``card_template`` renders inside the side card,
    ``below_template`` under both cards, ``rows_template`` answers an HTMX ``?page=`` request,
    ``stylesheet`` (a static path) is linked in the page head.
    """

    key: str
    context: Callable[[HttpRequest, Meeting], dict[str, Any]]
    card_template: str = ""
    below_template: str = ""
    rows_template: str = ""
    stylesheet: str = ""


_visibility: dict[str, VisibilityRule] = {}
_sections: dict[str, Section] = {}


def register_visibility(key: str, rule: VisibilityRule) -> None:
    """``rule(scope)`` returns a condition on meetings that the scope may also see, or None."""
    _visibility[key] = rule


def extra_visibility(scope: Scope) -> Q:
    q = Q(pk__in=[])
    for rule in _visibility.values():
        extra = rule(scope)
        if extra is not None:
            q |= extra
    return q


def register_section(section: Section) -> None:
    _sections[section.key] = section


def sections() -> list[Section]:
    return list(_sections.values())
