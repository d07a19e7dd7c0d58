"""The first promise's figures are computed in one place (sausat/opinions/figures.py): the home
inbox, the meeting summary, the issue-group board, the register's "overdue" filter and its export
agree; a merged duplicate is neither open nor overdue (it is answered through the one it joined)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sausat.core.calendar import local_date
from sausat.core.inbox import inbox_for
from sausat.opinions import figures, selectors, services
from sausat.opinions.models import Channel, Opinion, Outcome
from sausat.opinions.summary import summarise
from sausat.opinions.tests.factories import make_meeting, responder_organ
from sausat.opinions.views.exports import register_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def opinions(cast):
    today = local_date(timezone.now())
    meeting = make_meeting(cast)
    organ = responder_organ(cast)
    made = []
    for i, days in enumerate([-5, -3, -1, 2, 30]):
        made.append(
            services.register_opinion(
                actor=cast.secretary,
                text=f"Đề nghị số liệu thử {i}",
                channel=Channel.PAPER,
                unit=cast.commune_a,
                idempotency_key=f"figures-{i}",
                meeting=meeting,
                author_name=f"Người góp ý {i}",
                responder_organ=organ,
                deadline=today + dt.timedelta(days=days),
            )
        )
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Giao thông")
    services.move_opinions(actor=cast.secretary, meeting=meeting, opinion_ids=[o.pk for o in made], group=group)
    services.answer_opinion(actor=cast.secretary, opinion=made[0], text="Đã trả lời", outcome=Outcome.ANSWERED)
    # made[1] (overdue, unanswered) is a duplicate of made[2]: counted once, through made[2].
    services.merge_opinions(actor=cast.secretary, meeting=meeting, keep=made[2], duplicate_ids=[made[1].pk])
    return meeting, group, today


def test_figures_of_a_meeting(cast, opinions):
    meeting, _group, today = opinions
    f = figures.opinion_figures(Opinion.objects.filter(meeting=meeting), today)
    assert (f.total, f.merged, f.answered, f.open, f.overdue) == (5, 1, 1, 3, 1)
    assert f.answer_rate == 25.0 and f.answer_text == "1/4 (25%)"


def test_every_place_counts_the_same(cast, opinions, login):
    meeting, group, today = opinions
    qs = Opinion.objects.filter(meeting=meeting)
    f = figures.opinion_figures(qs, today)
    assert summarise(qs).overdue == f.overdue
    row = next(g for g in selectors.group_rows(meeting) if g.pk == group.pk)
    assert (row.overdue, row.answered) == (f.overdue, f.answered)
    assert selectors.filter_opinions(qs, {"overdue": "1"}).count() == f.overdue
    assert sum(1 for r in register_rows(qs) if r[10] == "Quá hạn") == f.overdue
    late = next(s for s in inbox_for(cast.leader) if s.key == "opinions.late")
    by_key = {x.key: x for x in late.figures}
    everything = figures.opinion_figures(Opinion.objects.all(), today)  # the leader manages the province
    assert by_key["opinions_overdue"].value == everything.overdue
    assert by_key["opinions_answered"].value == everything.answer_rate
    page = login(cast.leader).get("/").content.decode()
    assert f'data-figure="opinions_answered" data-value="{everything.answer_rate}"' in page
