"""The opinion lists' bodies, built once per change of what they read (issue 17: S1–S3, S7).

After the rows were written in Python (:mod:`sausat.opinions.list_rows`), what was left of the
register's and the queue's time beyond the signed-in floor was their own queries (the meeting for the
manager check, the count, the page, the issue groups) and Django compiling them. The lists are read
far more often than a row changes: an office reloads them all day, a row changes when someone writes
through a service, and every such write leaves an audit row that bumps the version of its kind of
data after it commits (:mod:`sausat.core.data_versions`). So the rows' markup, the pager and the
group filter's options are kept in the process cache under:

- the reader: the account, and the role grants this very request read (``scope_for``), so a grant
  revoked or expired is obeyed on the next load, whatever the version counters say;
- what is asked: every query parameter (filters, search, sort, page);
- the day (a deadline passes at midnight), the language and the script prefix (``cached_markup``);
- the versions of :data:`LIST_DATA`: opinions, answers, notes and groups; meetings; people and
  organs (names, grants); units; the calendar.

A cache check costs one query (the versions, read once per request); a miss costs that query and a
cache write on top of the old work. Inside a transaction nothing is cached (``cached`` computes).
Entries expire after :data:`LIST_SECONDS` whatever the versions say, which bounds what a write made
outside the services (a data fix by hand) could leave on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sausat.core.actors import Viewer
from sausat.core.data_versions import cached_markup
from sausat.core.policy import scope_for
from sausat.opinions import selectors
from sausat.opinions.list_rows import group_rows_of, queue_group_rows_html, rows_of

PER_PAGE = 50
LIST_DATA = ("opinions", "meetings", "people", "geo", "calendar")
LIST_SECONDS = 600


@dataclass(frozen=True)
class GroupChoice:
    """An issue group as the register's group filter offers it."""

    pk: int
    title: str


@dataclass(frozen=True)
class RegisterBody:
    rows: SafeString  # ``opinions/_opinion_rows.html``: the table and its pager
    groups: tuple[GroupChoice, ...]


@dataclass(frozen=True)
class QueueBody:
    group_rows: SafeString  # the assigned groups' ``<tr>``s ("" when none)
    rows: SafeString  # the opinions' table body and the pager


def reader_parts(user: Viewer) -> tuple[object, ...]:
    scope = scope_for(user)
    return (user.pk, scope.is_superuser, scope.grants, selectors.today().isoformat())


def _asked(params: QueryDict) -> tuple[object, ...]:
    return tuple(sorted((key, tuple(values)) for key, values in params.lists()))


def register_body(user: Viewer, params: QueryDict) -> RegisterBody:
    """The register's table, pager and group options for ``params``, from the cache unless stale."""

    def build() -> RegisterBody:
        qs = selectors.register_opinions(user, params)
        page = rows_of(Paginator(qs, PER_PAGE).get_page(params.get("page")))
        others = params.copy()
        others.pop("page", None)
        rows = render_to_string("opinions/_opinion_rows.html", {"page": page, "params": others.urlencode()})
        groups = selectors.meeting_groups(user, params.get("meeting", ""))
        return RegisterBody(SafeString(rows), tuple(GroupChoice(g.pk, g.title) for g in groups))

    parts = ("register", reader_parts(user), _asked(params))
    return cached_markup("opinions.list", LIST_DATA, parts, build, seconds=LIST_SECONDS)


def queue_body(user: Viewer, params: QueryDict) -> QueueBody:
    """The responder's queue: the assigned groups' rows and the opinions' page, from the cache unless stale."""
    show_all = params.get("all") == "1"

    def build() -> QueueBody:
        page = rows_of(
            Paginator(selectors.queue_opinions(user, show_all=show_all), PER_PAGE).get_page(params.get("page"))
        )
        rows = render_to_string("opinions/_queue_rows.html", {"page": page})
        groups = group_rows_of(selectors.queue_groups(user))
        return QueueBody(
            queue_group_rows_html(groups, selectors.today()) if groups else SafeString(""), SafeString(rows)
        )

    parts = ("queue", reader_parts(user), show_all, params.get("page", ""))
    return cached_markup("opinions.list", LIST_DATA, parts, build, seconds=LIST_SECONDS)
