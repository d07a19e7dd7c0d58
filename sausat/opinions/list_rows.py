"""The rows of the opinion lists (the register, a meeting's latest opinions, the responder's queue), written in Python.

Why not the template: a page has 50 rows of six cells; through the template engine that was about
2,300 rendered nodes, 50 URL reversals and 50 date formats per request, the largest part of the
register's and the queue's time after the queries (issue 17, ``benchmarks/page_profile.py``). Here
each row is one ``str.format``: labels are translated and escaped once per page, the opinion's
address comes from one reversal (:func:`sausat.core.precomputed.pk_url`), dates from
:func:`sausat.core.precomputed.dmy`, and every text value (the opinion's text, names, titles) goes
through :func:`esc`, the escaping the template applied. The markup is the one
``opinions/_opinion_rows.html`` and ``opinions/queue.html`` had, cell for cell; the tables' heads
and the pages' layout stay in the templates. ``tests/test_list_rows.py`` guards the escaping.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from sausat.core.precomputed import dmy, esc, pk_url
from sausat.opinions.models import IssueGroup, Opinion

REGISTER_ROW = """<tr>
  <td data-label="{l_no}"><a href="{url}">#{pk}</a></td>
  <td data-label="{l_text}">{text}{dup}</td>
  <td data-label="{l_author}">{author}</td>
  <td data-label="{l_channel}">{channel}</td>
  <td data-label="{l_group}">{group}</td>
  <td data-label="{l_answer}">{answer}</td>
</tr>
"""
QUEUE_ROW = """<tr>
  <td data-label="{l_due}">{due}</td>
  <td data-label="{l_no}"><a href="{url}">#{pk}</a></td>
  <td data-label="{l_text}">{text}</td>
  <td data-label="{l_group}">{group}</td>
  <td data-label="{l_organ}">{organ}</td>
  <td data-label="{l_outcome}">{outcome}</td>
</tr>
"""
# The assigned groups' table above the queue (one row per group, "\n    <tr>…</tr>" as the loop wrote it).
QUEUE_GROUP_ROW = """
    <tr>
      <td data-label="{l_group}">{title}</td>
      <td data-label="{l_meeting}">{meeting}</td>
      <td data-label="{l_organ}">{organ}</td>
      <td data-label="{l_open}">{open_count}</td>
      <td data-label="{l_due}">{due}</td>
      <td><a class="button" href="{url}">{answer_all}</a></td>
    </tr>"""
DASH = "—"

# What a row reads, as one ``values()`` query: 50 rows as model instances with three related rows each
# cost about 2 ms more than the same columns as plain values (issue 17, in-process on the province).
ROW_VALUES = (
    *("pk", "text", "channel", "anonymous", "author_name", "author_unit_label", "merged_into_id"),
    *("outcome", "answer_count", "deadline", "answered_at", "author_person_id", "group_id", "responder_organ_id"),
    *("author_person__full_name", "group__title", "responder_organ__name"),
)
_OWN_ROW_VALUES = tuple(f for f in ROW_VALUES if "__" not in f)  # the opinion's own columns


class _Related:
    """The one column a row shows of a related row (a person's name, a group's title, an organ's name)."""

    __slots__ = ("full_name", "name", "title")

    def __init__(self, text: str) -> None:
        self.full_name = self.name = self.title = text


class OpinionRow:
    """An opinion as the lists show it, from :data:`ROW_VALUES`. The derived values (author, labels,
    overdue) are :class:`Opinion`'s own properties, so the rule stays in one place."""

    __slots__ = (*_OWN_ROW_VALUES, "author_person", "group", "responder_organ")

    author_display = property(Opinion.author_display.fget)
    channel_label = property(Opinion.channel_label.fget)
    outcome_label = property(Opinion.outcome_label.fget)
    is_overdue = property(Opinion.is_overdue.fget)

    def __init__(self, values: dict) -> None:
        for field in _OWN_ROW_VALUES:
            setattr(self, field, values[field])
        self.author_person = _Related(values["author_person__full_name"]) if self.author_person_id else None
        self.group = _Related(values["group__title"]) if self.group_id else None
        self.responder_organ = _Related(values["responder_organ__name"]) if self.responder_organ_id else None


GROUP_ROW_VALUES = (
    "pk",
    "title",
    "deadline",
    "open_count",
    "meeting__title",
    "responder_organ_id",
    "responder_organ__name",
)


class GroupRow:
    """An assigned issue group as the queue shows it, from :data:`GROUP_ROW_VALUES`."""

    __slots__ = ("deadline", "meeting", "open_count", "pk", "responder_organ", "responder_organ_id", "title")

    def __init__(self, values: dict) -> None:
        self.pk, self.title, self.deadline = values["pk"], values["title"], values["deadline"]
        self.open_count, self.responder_organ_id = values["open_count"], values["responder_organ_id"]
        self.meeting = _Related(values["meeting__title"])
        self.responder_organ = _Related(values["responder_organ__name"]) if self.responder_organ_id else None


def group_rows_of(groups) -> list[GroupRow]:
    """The rows of ``selectors.queue_groups``, read as values."""
    return [GroupRow(v) for v in groups.values(*GROUP_ROW_VALUES)]


def rows_of(page):
    """``page`` (a paginator page of opinions: ``selectors.register_opinions``, ``queue_opinions``) with
    its rows as :class:`OpinionRow`, read in one ``values()`` query of the same slice."""
    page.object_list = [OpinionRow(v) for v in page.object_list.values(*ROW_VALUES)]
    return page


def truncated(text: str, length: int) -> str:
    """``text|truncatechars:length``, escaped. Most texts are shorter than ``length``: then the filter
    returns the NFC form unchanged, without walking the characters one by one."""
    normal = unicodedata.normalize("NFC", text)
    return esc(normal if len(normal) <= length else Truncator(text).chars(length))


def _escaped(**labels: str) -> dict[str, str]:
    return {key: esc(label) for key, label in labels.items()}


def _overdue_badge() -> str:
    """The "Quá hạn" badge after a deadline, in the active language (``opinions/_overdue.html``)."""
    return f' <span class="badge overdue">{esc(gettext("Quá hạn"))}</span>'


def _group(o: Opinion) -> str:
    group = o.group if o.group_id else None
    return esc(group.title) if group is not None and group.title else DASH


def _due(o: Opinion, overdue: str) -> str:
    if not o.deadline:
        return ""
    return dmy(o.deadline) + (overdue if o.is_overdue else "")


def register_rows_html(rows: Iterable[Opinion]) -> SafeString:
    """The ``<tr>``s of ``opinions/_opinion_rows.html`` (the caller writes the empty-list row)."""
    lbl = _escaped(
        l_no=gettext("Số"),
        l_text=gettext("Nội dung"),
        l_author=gettext("Người góp ý"),
        l_channel=gettext("Kênh"),
        l_group=gettext("Nhóm"),
        l_answer=gettext("Trả lời"),
    )
    anonymous = f"<em>{esc(gettext('Ẩn danh'))}</em>"
    overdue = _overdue_badge()
    dup = esc(gettext("trùng"))
    url = pk_url("opinions:detail")
    # Escaped channel and outcome labels, translated once per page rather than once per row.
    channels: dict[str, str] = {}
    outcomes: dict[str, str] = {}
    out = []
    for o in rows:
        if o.anonymous:
            author = anonymous
        else:
            author = esc(o.author_display) or DASH
            if o.author_unit_label:
                author += f'<br><span class="muted">{esc(o.author_unit_label)}</span>'
        if o.outcome:
            if o.outcome not in outcomes:
                outcomes[o.outcome] = esc(o.outcome_label)
            answer = f'<span class="badge ok">{outcomes[o.outcome]}</span>'
            if o.answer_count > 1:
                answer += f' <span class="muted">×{o.answer_count}</span>'
        else:
            organ = o.responder_organ if o.responder_organ_id else None
            answer = f"{esc(organ.name) if organ is not None else ''} {_due(o, overdue)}"
        if o.channel not in channels:
            channels[o.channel] = esc(o.channel_label)
        out.append(
            REGISTER_ROW.format(
                **lbl,
                url=url(o.pk),
                pk=o.pk,
                text=truncated(o.text, 220),
                dup=f' <span class="badge">{dup} #{o.merged_into_id}</span>' if o.merged_into_id else "",
                author=author,
                channel=channels[o.channel],
                group=_group(o),
                answer=answer,
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - text values went through esc(), the rest is our markup


def queue_rows_html(rows: Iterable[Opinion]) -> SafeString:
    """The ``<tr>``s of the responder's queue in ``opinions/queue.html`` (the caller writes the empty row)."""
    lbl = _escaped(
        l_due=gettext("Hạn"),
        l_no=gettext("Số"),
        l_text=gettext("Nội dung"),
        l_group=gettext("Nhóm"),
        l_organ=gettext("Cơ quan"),
        l_outcome=gettext("Kết quả"),
    )
    overdue = _overdue_badge()
    url = pk_url("opinions:detail")
    outcomes: dict[str, str] = {}
    out = []
    for o in rows:
        organ = o.responder_organ if o.responder_organ_id else None
        if o.outcome not in outcomes:
            outcomes[o.outcome] = esc(o.outcome_label) or DASH
        out.append(
            QUEUE_ROW.format(
                **lbl,
                due=_due(o, overdue),
                url=url(o.pk),
                pk=o.pk,
                text=truncated(o.text, 180),
                group=_group(o),
                organ=esc(organ.name) if organ is not None else "",
                outcome=outcomes[o.outcome],
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - text values went through esc(), the rest is our markup


def queue_group_rows_html(groups: Iterable[IssueGroup], today: dt.date) -> SafeString:
    """The ``<tr>``s of the queue's assigned groups (``selectors.queue_groups``), as the template's loop
    wrote them: a dozen groups were about 450 template nodes, a reversal and a date format each."""
    lbl = _escaped(
        l_group=gettext("Nhóm"),
        l_meeting=gettext("Hội nghị"),
        l_organ=gettext("Cơ quan"),
        l_open=gettext("Chưa trả lời"),
        l_due=gettext("Hạn"),
    )
    overdue = _overdue_badge()
    answer_all = esc(gettext("Trả lời cả nhóm"))
    url = pk_url("opinions:answer_group")
    out = []
    for g in groups:
        organ = g.responder_organ if g.responder_organ_id else None
        out.append(
            QUEUE_GROUP_ROW.format(
                **lbl,
                title=esc(g.title),
                meeting=esc(g.meeting.title),
                organ=esc(organ.name) if organ is not None else "",
                open_count=g.open_count,
                due=dmy(g.deadline) + (overdue if g.deadline and g.deadline < today else ""),
                url=url(g.pk),
                answer_all=answer_all,
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - text values went through esc(), the rest is our markup
