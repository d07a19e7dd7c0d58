"""Accepting, correcting or rejecting a placement suggestion is kept; the province's history feeds the classifier."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.http import Http404
from django.utils import timezone

from sausat.core.models import AuditEvent
from sausat.meetings import services as meeting_services
from sausat.meetings.models import Meeting
from sausat.opinions import services as opinion_services
from sausat.opinions.decisions import decide_suggestion, province_history, province_rejections
from sausat.opinions.models import Channel, SuggestionDecision
from sausat.opinions.suggestions import suggest_groups_for_meeting
from sausat.opinions.tests.factories import make_meeting
from sausat.textkit.tests.tml_corpus import ROADS, SCHOOLS

os.environ["HF_HUB_OFFLINE"] = "1"

pytestmark = pytest.mark.django_db


def _add(cast, meeting, texts, group=None, prefix="o"):
    return [
        opinion_services.register_opinion(
            actor=cast.secretary,
            text=t,
            channel=Channel.PAPER,
            unit=cast.province,
            meeting=meeting,
            idempotency_key=f"{prefix}-{meeting.pk}-{i}",
            group=group,
        )
        for i, t in enumerate(texts)
    ]


def _two_groups(cast, meeting):
    roads = opinion_services.create_group(actor=cast.secretary, meeting=meeting, title="Giao thông")
    schools = opinion_services.create_group(actor=cast.secretary, meeting=meeting, title="Giáo dục")
    return roads, schools


def _post(client, meeting, **data):
    return client.post(f"/y-kien/hoi-nghi/{meeting.pk}/phan-nhom/thao-tac/", {"action": "suggestion", **data})


def test_accept_correct_and_reject_are_kept_with_who_and_when(cast, login):
    meeting = make_meeting(cast)
    roads, schools = _two_groups(cast, meeting)
    a, b, c = _add(cast, meeting, [ROADS[0], ROADS[1], SCHOOLS[0]])
    client = login(cast.secretary)
    before = timezone.now()
    _post(client, meeting, opinion=a.pk, suggested=roads.pk, chosen=roads.pk)
    _post(client, meeting, opinion=b.pk, suggested=schools.pk, chosen=roads.pk)
    _post(client, meeting, opinion=c.pk, suggested=roads.pk, chosen="")
    rows = {d.opinion_id: d for d in SuggestionDecision.objects.all()}
    assert rows[a.pk].outcome == "accepted" and rows[b.pk].outcome == "corrected" and rows[c.pk].outcome == "rejected"
    assert rows[b.pk].suggested_title == "Giáo dục" and rows[b.pk].chosen_title == "Giao thông"
    assert all(d.decided_by_id == cast.secretary.pk and d.at >= before for d in rows.values())
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert a.group_id == roads.pk and b.group_id == roads.pk and c.group_id is None
    verbs = list(AuditEvent.objects.filter(verb__startswith="suggestion.").values_list("verb", flat=True))
    assert sorted(verbs) == ["suggestion.accepted", "suggestion.corrected", "suggestion.rejected"]
    assert AuditEvent.objects.filter(verb="opinion.move").count() == 2  # the rejection moves nothing


def test_out_of_scope_cadre_gets_404_and_nothing_is_kept(cast, login):
    meeting = make_meeting(cast)
    roads, _schools = _two_groups(cast, meeting)
    (a,) = _add(cast, meeting, [ROADS[0]])
    response = _post(login(cast.commune_b_cadre), meeting, opinion=a.pk, suggested=roads.pk, chosen=roads.pk)
    assert response.status_code == 404
    with pytest.raises(Http404):
        decide_suggestion(actor=cast.commune_b_cadre, meeting=meeting, opinion=a, suggested=roads, chosen=roads)
    assert not SuggestionDecision.objects.exists()
    a.refresh_from_db()
    assert a.group_id is None


def test_a_group_of_another_meeting_is_refused(cast):
    meeting, other = make_meeting(cast), make_meeting(cast, title="Hội nghị khác")
    roads, _ = _two_groups(cast, meeting)
    foreign, _ = _two_groups(cast, other)
    (a,) = _add(cast, meeting, [ROADS[0]])
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        decide_suggestion(actor=cast.secretary, meeting=meeting, opinion=a, suggested=roads, chosen=foreign)
    assert not SuggestionDecision.objects.exists()


def test_province_history_feeds_a_new_meeting_without_placed_opinions(cast):
    earlier = make_meeting(cast, title="Hội nghị năm trước")
    earlier = meeting_services.update_meeting(
        earlier, actor=cast.secretary, starts_at=timezone.now() - dt.timedelta(days=300)
    )
    old_roads, old_schools = _two_groups(cast, earlier)
    _add(cast, earlier, ROADS[:4], group=old_roads, prefix="r")
    _add(cast, earlier, SCHOOLS[:4], group=old_schools, prefix="s")
    (decided,) = _add(cast, earlier, [SCHOOLS[4]], prefix="d")
    decide_suggestion(actor=cast.secretary, meeting=earlier, opinion=decided, suggested=old_roads, chosen=old_schools)
    meeting = make_meeting(cast)
    assert meeting.unit.province_prefix == cast.commune_a.province_prefix
    history = province_history(meeting)
    assert history[0] == (SCHOOLS[4], "Giáo dục")  # decisions first
    assert len(history) == 9 and len(province_history(meeting, limit=3)) == 3
    roads = opinion_services.create_group(actor=cast.secretary, meeting=meeting, title="Về lĩnh vực giao thông")
    schools = opinion_services.create_group(actor=cast.secretary, meeting=meeting, title="Giáo dục, đào tạo")
    loose = _add(cast, meeting, [ROADS[5], SCHOOLS[5]], prefix="n")
    data = suggest_groups_for_meeting(meeting.pk, embed_budget=0)
    by_id = {p["opinion_id"]: p["options"][0]["group_id"] for p in data["placements"]}
    assert by_id == {loose[0].pk: roads.pk, loose[1].pk: schools.pk}
    # A meeting that started before the earlier one sees its groups, not only the office's decisions.
    first = meeting_services.update_meeting(
        make_meeting(cast, title="Hội nghị đầu tiên"),
        actor=cast.secretary,
        starts_at=timezone.now() - dt.timedelta(days=900),
    )
    assert province_history(first) == [(SCHOOLS[4], "Giáo dục")]


def test_province_history_costs_two_queries_whatever_its_size(cast, django_assert_num_queries):
    earlier = make_meeting(cast, title="Hội nghị năm trước")
    roads, schools = _two_groups(cast, earlier)
    _add(cast, earlier, ROADS, group=roads, prefix="r")
    (decided,) = _add(cast, earlier, [SCHOOLS[0]], prefix="d")
    decide_suggestion(actor=cast.secretary, meeting=earlier, opinion=decided, suggested=roads, chosen=schools)
    meeting = make_meeting(cast)
    meeting = meeting_services.update_meeting(
        meeting, actor=cast.secretary, starts_at=timezone.now() + dt.timedelta(days=30)
    )
    meeting = Meeting.objects.select_related("unit").get(pk=meeting.pk)  # as suggest_groups_for_meeting does
    with django_assert_num_queries(2):
        assert len(province_history(meeting)) == len(ROADS) + 1


def test_a_rejected_suggestion_is_not_offered_again_here_or_in_a_later_meeting(cast, django_assert_num_queries):
    meeting = make_meeting(cast)
    roads, schools = _two_groups(cast, meeting)
    _add(cast, meeting, ROADS[:4], group=roads, prefix="r")
    _add(cast, meeting, SCHOOLS[:4], group=schools, prefix="s")
    (a,) = _add(cast, meeting, [ROADS[5]], prefix="a")

    def options(m):
        data = suggest_groups_for_meeting(m.pk, embed_budget=0)
        return {p["opinion_id"]: [o["group_id"] for o in p["options"]] for p in data["placements"]}

    assert options(meeting)[a.pk][0] == roads.pk
    decide_suggestion(actor=cast.secretary, meeting=meeting, opinion=a, suggested=roads, chosen=None)
    assert options(meeting)[a.pk] == [schools.pk]  # the secretary said no: not offered again
    meeting = Meeting.objects.select_related("unit").get(pk=meeting.pk)
    with django_assert_num_queries(1):
        assert province_rejections(meeting) == ([(ROADS[5], str(roads.pk))], [])

    # A later meeting of the province: the same wording is not offered the group of that title.
    later = meeting_services.update_meeting(
        make_meeting(cast, title="Hội nghị sau"), actor=cast.secretary, starts_at=timezone.now() + dt.timedelta(days=30)
    )
    later_roads, later_schools = _two_groups(cast, later)
    _add(cast, later, ROADS[:3], group=later_roads, prefix="lr")
    _add(cast, later, SCHOOLS[:3], group=later_schools, prefix="ls")
    (b,) = _add(cast, later, [ROADS[5]], prefix="lb")
    assert province_rejections(later) == ([], [(ROADS[5], "Giao thông")])
    assert options(later)[b.pk] == [later_schools.pk]

    # Put into that group after all: the rejection no longer holds.
    opinion_services.move_opinions(actor=cast.secretary, meeting=meeting, opinion_ids=[a.pk], group=roads)
    assert province_rejections(meeting) == ([], [])
    assert options(later)[b.pk][0] == later_roads.pk
