from __future__ import annotations

import pytest
from django.urls import reverse

from sausat.meetings.models import Meeting
from sausat.opinions import demo
from sausat.opinions.models import Channel, Opinion

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_matches_the_seeds(cast, login):
    from sausat.people import demo as people_demo

    people_demo.seed_seed_people()
    demo.seed()
    demo.seed()
    hg = Meeting.objects.get(demo_key="haugiang-2021-04-27")
    assert hg.opinions.count() == 385
    assert hg.opinions.filter(channel=Channel.PAPER).count() == 375
    assert hg.opinions.filter(channel=Channel.LIVE).count() == 10
    # Seed 000: the four leaders attend (no chair is named); the Party secretary gives the conclusion.
    assert hg.chairs_in_order() == []
    assert [a.person.full_name for a in hg.attendees_in_order() if a.person_id] == [
        "Lê Tiến Châu", "Trần Văn Huyến", "Đồng Văn Thanh", "Thái Thu Xương",
    ]  # fmt: skip
    assert hg.concluded_by.full_name == "Lê Tiến Châu" and hg.conclusion_giver == hg.concluded_by
    assert hg.issue_groups.count() == 5
    # Seed 000's draft policy is a record; the opinions taken into it point at it.
    from sausat.opinions.models import DraftPolicy, Outcome

    draft = DraftPolicy.objects.get(demo_key=demo.HG_DRAFT_KEY)
    assert draft.title == demo.HG_POLICY and draft.consultation_from.isoformat() == "2021-04-27"
    taken = hg.opinions.filter(outcome=Outcome.ACCEPTED_IN_POLICY)
    assert taken.exists() and not taken.exclude(answers__draft_policy=draft).exists()
    # Directed tasks sit in the conference's conclusion notice, dated in 2021, never in a document of this year.
    from sausat.directives.models import Task

    tasks = Task.objects.filter(source_opinion__meeting=hg).select_related("document")
    assert tasks.exists()
    assert {(t.document.kind, t.document.meeting_id, t.document.date.year) for t in tasks} == {
        ("conclusion_notice", hg.pk, 2021)
    }
    answered = hg.opinions.exclude(outcome="").count()
    assert 0 < answered < 385  # answered in part
    assert not hg.opinions.exclude(unit__path__startswith="/L-p93/").exists()
    qn = Meeting.objects.get(demo_key="quangnam-2022-04-22")
    assert qn.opinions.exists() and qn.opinions.filter(outcome="").exists()
    # Hậu Giang now lies in Cần Thơ: the Cần Thơ secretary sees the meeting; a commune cadre sees
    # only the named opinions of their own commune.
    detail = login(cast.secretary).get(reverse("meetings:detail", args=[hg.pk]))
    assert detail.status_code == 200
    # Both held conferences have published results behind their random reference, linked from the page.
    assert hg.results_published and qn.results_published and len(hg.results_ref) == 22
    public = reverse("meetings:public_results", args=[hg.results_ref])
    assert public in detail.content.decode()
    client = login(cast.secretary)
    client.logout()
    page = client.get(public)
    assert page.status_code == 200
    # Staff-entered forms carry no consent: names typed from the paper forms stay off the public page.
    named = hg.opinions.exclude(author_name="").first()
    assert named.name_consent is False and named.author_name not in page.content.decode()
    mine = Opinion.objects.filter(unit__scope_path__startswith=cast.commune_a.scope_path).first()
    if mine is not None:
        assert login(cast.commune_a_cadre).get(reverse("opinions:detail", args=[mine.pk])).status_code == 200
        assert login(cast.commune_b_cadre).get(reverse("opinions:detail", args=[mine.pk])).status_code == 404
