"""The opinion lists' rows are written in Python (issue 17): text is escaped, and the markup is what the
template wrote for every state of a row (the template's row is kept here as the reference)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import engines

from sausat.opinions.list_rows import queue_group_rows_html, queue_rows_html, register_rows_html
from sausat.opinions.models import Channel, IssueGroup, Opinion, Outcome
from sausat.people.models import Organ, Person

EVIL = "<script>alert('x')</script> & \"q\""
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;"

# The rows as opinions/_opinion_rows.html and opinions/queue.html rendered them before issue 17.
REGISTER_TEMPLATE = """{% load i18n %}{% translate "Số" as l_no %}{% translate "Nội dung" as l_text %}{% translate "Người góp ý" as l_author %}{% translate "Kênh" as l_channel %}{% translate "Nhóm" as l_group %}{% translate "Trả lời" as l_answer %}{% translate "Ẩn danh" as l_anon %}{% translate "Quá hạn" as l_overdue %}{% translate "trùng" as l_dup %}
  {% for o in page %}
    <tr>
      <td data-label="{{ l_no }}"><a href="{% url 'opinions:detail' o.pk %}">#{{ o.pk }}</a></td>
      <td data-label="{{ l_text }}">{{ o.text|truncatechars:220 }}{% if o.merged_into_id %} <span class="badge">{{ l_dup }} #{{ o.merged_into_id }}</span>{% endif %}</td>
      <td data-label="{{ l_author }}">{% if o.anonymous %}<em>{{ l_anon }}</em>{% else %}{{ o.author_display|default:"—" }}{% if o.author_unit_label %}<br><span class="muted">{{ o.author_unit_label }}</span>{% endif %}{% endif %}</td>
      <td data-label="{{ l_channel }}">{{ o.channel_label }}</td>
      <td data-label="{{ l_group }}">{{ o.group.title|default:"—" }}</td>
      <td data-label="{{ l_answer }}">{% if o.outcome %}<span class="badge ok">{{ o.outcome_label }}</span>{% if o.answer_count > 1 %} <span class="muted">×{{ o.answer_count }}</span>{% endif %}{% else %}{{ o.responder_organ.name|default:"" }} {% if o.deadline %}{{ o.deadline|date:"d/m/Y" }}{% if o.is_overdue %} <span class="badge overdue">{{ l_overdue }}</span>{% endif %}{% endif %}{% endif %}</td>
    </tr>
  {% endfor %}"""
QUEUE_TEMPLATE = """{% load i18n %}{% translate "Hạn" as l_due %}{% translate "Số" as l_no %}{% translate "Nội dung" as l_text %}{% translate "Nhóm" as l_group %}{% translate "Cơ quan" as l_organ %}{% translate "Kết quả" as l_outcome %}{% translate "Quá hạn" as l_overdue %}
  {% for o in page %}
    <tr>
      <td data-label="{{ l_due }}">{% if o.deadline %}{{ o.deadline|date:"d/m/Y" }}{% if o.is_overdue %} <span class="badge overdue">{{ l_overdue }}</span>{% endif %}{% endif %}</td>
      <td data-label="{{ l_no }}"><a href="{% url 'opinions:detail' o.pk %}">#{{ o.pk }}</a></td>
      <td data-label="{{ l_text }}">{{ o.text|truncatechars:180 }}</td>
      <td data-label="{{ l_group }}">{{ o.group.title|default:"—" }}</td>
      <td data-label="{{ l_organ }}">{{ o.responder_organ.name }}</td>
      <td data-label="{{ l_outcome }}">{{ o.outcome_label|default:"—" }}</td>
    </tr>
  {% endfor %}"""


def _opinions() -> list[Opinion]:
    """Unsaved opinions in every state a row distinguishes (related rows attached, as select_related does)."""
    organ, group, person = Organ(pk=5, name=EVIL), IssueGroup(pk=6, title=EVIL), Person(pk=8, full_name=EVIL)
    long_text = "Kiến nghị về phụ cấp kiêm nhiệm " * 12 + EVIL  # truncated by both lists
    decomposed = "Y\u0301 kie\u0302\u0301n ngă\u0301n"  # NFD: the filter normalises before counting
    rows = [
        Opinion(pk=1, text=EVIL, channel=Channel.PAPER, author_person=person, author_unit_label=EVIL, group=group),
        Opinion(pk=2, text=long_text, channel=Channel.LIVE, anonymous=True, responder_organ=organ,
                deadline=dt.date(2020, 1, 31)),  # overdue
        Opinion(pk=3, text=decomposed, channel="gone", author_name="", responder_organ=organ,
                deadline=dt.date(2999, 12, 1)),
        Opinion(pk=12345, text="", channel=Channel.ONLINE, author_name=EVIL, outcome=Outcome.DIRECTED,
                answer_count=3, merged_into_id=99, group=IssueGroup(pk=7, title="")),
        Opinion(pk=5, text=long_text[:220], channel=Channel.OTHER, outcome=Outcome.ANSWERED, answer_count=1,
                answered_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), deadline=dt.date(2020, 1, 1)),
        Opinion(pk=6, text="x" * 181, channel=Channel.RECEPTION, author_name="Bà Lan"),
    ]  # fmt: skip
    return rows


def _norm(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def test_rows_are_the_templates_rows():
    rows = _opinions()
    django_engine = engines["django"]
    expected = django_engine.from_string(REGISTER_TEMPLATE).render({"page": rows})
    assert _norm(str(register_rows_html(rows))) == _norm(expected)
    expected = django_engine.from_string(QUEUE_TEMPLATE).render({"page": rows})
    assert _norm(str(queue_rows_html(rows))) == _norm(expected)


def test_rows_escape_text():
    rows = _opinions()[:1]
    html = str(register_rows_html(rows))
    # The text, the author's name and unit, the group's title.
    assert "<script>" not in html and html.count(ESCAPED) == 4
    assert '<a href="/y-kien/1/">#1</a>' in html
    rows = _opinions()[:2]
    html = str(queue_rows_html(rows))
    # The text and group of the first, the organ of both; the second's text is cut before EVIL.
    assert "<script>" not in html and html.count(ESCAPED) == 3
    assert '<span class="badge overdue">Quá hạn</span>' in html


# The assigned groups' rows as opinions/queue.html's loop wrote them before (byte for byte).
QUEUE_GROUP_TEMPLATE = """{% load i18n %}{% for g in groups %}
    <tr>
      <td data-label="{% translate 'Nhóm' %}">{{ g.title }}</td>
      <td data-label="{% translate 'Hội nghị' %}">{{ g.meeting.title }}</td>
      <td data-label="{% translate 'Cơ quan' %}">{{ g.responder_organ.name }}</td>
      <td data-label="{% translate 'Chưa trả lời' %}">{{ g.open_count }}</td>
      <td data-label="{% translate 'Hạn' %}">{{ g.deadline|date:"d/m/Y" }}{% if g.deadline and g.deadline < today %} <span class="badge overdue">{% translate "Quá hạn" %}</span>{% endif %}</td>
      <td><a class="button" href="{% url 'opinions:answer_group' g.pk %}">{% translate "Trả lời cả nhóm" %}</a></td>
    </tr>{% endfor %}"""


def test_queue_group_rows_are_the_templates_rows():
    from sausat.meetings.models import Meeting

    today = dt.date(2026, 6, 15)
    organ, meeting = Organ(pk=5, name=EVIL), Meeting(pk=9, title=EVIL)
    groups = []
    for pk, title, deadline, n in [(1, EVIL, dt.date(2026, 6, 14), 3), (22, "Đất đai", today, 12), (3, "", None, 1)]:
        group = IssueGroup(pk=pk, title=title, deadline=deadline, meeting=meeting, responder_organ=organ)
        group.open_count = n
        groups.append(group)
    expected = engines["django"].from_string(QUEUE_GROUP_TEMPLATE).render({"groups": groups, "today": today})
    html = str(queue_group_rows_html(groups, today))
    assert html == expected
    assert "<script>" not in html and html.count('<span class="badge overdue">') == 1


def _as_values(o: Opinion) -> dict:
    from sausat.opinions.list_rows import ROW_VALUES

    values = {f: getattr(o, f) for f in ROW_VALUES if "__" not in f}
    values["author_person__full_name"] = o.author_person.full_name if o.author_person_id else None
    values["group__title"] = o.group.title if o.group_id else None
    values["responder_organ__name"] = o.responder_organ.name if o.responder_organ_id else None
    return values


def test_rows_from_plain_values_are_the_rows_from_opinions():
    from sausat.opinions.list_rows import OpinionRow

    opinions = _opinions()
    for o in opinions:  # the ids select_related would have set
        o.author_person_id = o.author_person.pk if o.author_person else None
        o.group_id = o.group.pk if o.group else None
        o.responder_organ_id = o.responder_organ.pk if o.responder_organ else None
    rows = [OpinionRow(_as_values(o)) for o in opinions]
    assert str(register_rows_html(rows)) == str(register_rows_html(opinions))
    assert str(queue_rows_html(rows)) == str(queue_rows_html(opinions))


@pytest.mark.django_db
def test_the_list_pages_rows_come_from_one_values_query(cast):
    """rows_of reads the page's slice once, as values, and writes the rows the instances would."""
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sausat.opinions import selectors, services
    from sausat.opinions.list_rows import rows_of
    from sausat.opinions.tests.factories import make_meeting, responder_organ

    meeting = make_meeting(cast)
    organ = responder_organ(cast)
    for i, (author, anonymous) in enumerate([("Bà Tư <Lan>", False), ("", True), ("Ông Năm", False), ("", False)]):
        services.register_opinion(
            actor=cast.secretary,
            text=f"Ý kiến số {i}: {EVIL}",
            channel=Channel.PAPER,
            unit=cast.commune_a,
            meeting=meeting,
            idempotency_key=f"rows-{i}",
            author_name=author,
            anonymous=anonymous,
            responder_organ=organ if i % 2 else None,
        )
    qs = selectors.register_opinions(cast.secretary, {})
    assert qs.count() >= 3
    with CaptureQueriesContext(connection) as queries:
        page = rows_of(Paginator(qs, 50).get_page(1))
    assert len([q for q in queries.captured_queries if "COUNT(" not in q["sql"]]) == 1
    instances = list(Paginator(qs, 50).get_page(1).object_list)
    assert str(register_rows_html(page.object_list)) == str(register_rows_html(instances))
    assert str(queue_rows_html(page.object_list)) == str(queue_rows_html(instances))
