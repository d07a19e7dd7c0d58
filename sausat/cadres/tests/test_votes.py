"""Confidence votes: quorum, tally that must add up, consequences raised as board tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sausat.cadres import vote_services
from sausat.cadres.models import AccessKind, Consequence, RecordAccess, VoteSession
from sausat.core.actors import SystemActor
from sausat.directives.models import Task
from sausat.people import services as people_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cast, board, cadre):
    other = people_services.create_person(
        actor=SystemActor(reason="test"), full_name="Trương Văn Khải", home_unit=cast.commune_a
    )
    third = people_services.create_person(
        actor=SystemActor(reason="test"), full_name="Mai Thị Lan", home_unit=cast.commune_a
    )
    return vote_services.create_session(
        actor=board, unit=cast.province, title="Lấy phiếu tín nhiệm năm 2026", held_on=dt.date(2026, 3, 10),
        summoned=30, candidates=[(cadre.person, "Phó Bí thư"), (other, "Chủ tịch"), (third, "Phó Chủ tịch")],
    )  # fmt: skip


def test_quorum_refused_with_the_count(cast, board, session):
    with pytest.raises(ValidationError, match=r"có mặt 19/30.*ít nhất 20"):
        vote_services.record_attendance(actor=board, session=session, present=19)
    session.refresh_from_db()
    assert session.present is None
    assert vote_services.record_attendance(actor=board, session=session, present=20).present == 20


def test_tally_that_does_not_add_up_is_refused_with_the_difference(cast, board, session):
    vote_services.record_attendance(actor=board, session=session, present=27)
    a, b, c = session.candidates.order_by("id")
    with pytest.raises(ValidationError) as exc:
        vote_services.enter_tally(
            actor=board, session=session, issued=27, returned=26, valid=24, invalid=1,
            counts={a.pk: (10, 10, 4), b.pk: (10, 10, 5), c.pk: (10, 10, 4)},
        )  # fmt: skip
    text = " ".join(exc.value.messages)
    assert "chênh -1" in text  # 24 + 1 != 26
    assert "= 25" in text and "chênh +1" in text  # b adds to 25, valid 24
    session.refresh_from_db()
    assert session.tallied_at is None and not Task.objects.exists()


def test_consequences_raised_as_board_tasks(cast, board, session, login):
    vote_services.record_attendance(actor=board, session=session, present=27)
    a, b, c = session.candidates.order_by("id")
    # returned 27: a 18 low (= 2/3) dismiss; b 14 low (> 1/2, < 2/3) consider; c 13 low (< 1/2) nothing
    vote_services.enter_tally(
        actor=board, session=session, issued=27, returned=27, valid=27, invalid=0,
        counts={a.pk: (5, 4, 18), b.pk: (6, 7, 14), c.pk: (7, 7, 13)},
    )  # fmt: skip
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.consequence, b.consequence, c.consequence) == (Consequence.DISMISS, Consequence.CONSIDER, "")
    tasks = Task.objects.filter(pk__in=[a.consequence_task_id, b.consequence_task_id])
    assert tasks.count() == 2
    assert {t.lead_organ.key for t in tasks} == {"party_organisation_board"}
    assert "18/27" in a.consequence_task.title
    # the board reads the results: one access row per person shown
    assert login(board).get(f"/can-bo/ho-so/tin-nhiem/{session.pk}/").status_code == 200
    assert RecordAccess.objects.filter(what=AccessKind.VOTE, user=board).count() == 3
    assert login(cast.secretary).get(f"/can-bo/ho-so/tin-nhiem/{session.pk}/").status_code == 404


def test_a_cadre_is_voted_on_in_at_most_two_places(cast, board, cadre, session):
    vote_services.create_session(
        actor=board, unit=cast.province, title="Nơi thứ hai", held_on=dt.date(2026, 4, 1), summoned=10,
        candidates=[(cadre.person, "Ủy viên")],
    )  # fmt: skip
    with pytest.raises(ValidationError, match="2 nơi"):
        vote_services.create_session(
            actor=board, unit=cast.province, title="Nơi thứ ba", held_on=dt.date(2026, 5, 1), summoned=10,
            candidates=[(cadre.person, "Ủy viên")],
        )  # fmt: skip
    assert VoteSession.objects.count() == 2


def test_tally_through_the_page(cast, board, session, login):
    client = login(board)
    url = f"/can-bo/ho-so/tin-nhiem/{session.pk}/"
    page = client.post(url, {"action": "attendance", "present": "15"}, follow=True).content.decode()
    assert "15/30" in page
    client.post(url, {"action": "attendance", "present": "25"})
    data = {"action": "tally", "issued": "25", "returned": "25", "valid": "25", "invalid": "0"}
    for cand in session.candidates.all():
        data.update({f"c{cand.pk}_high": "20", f"c{cand.pk}_confidence": "4", f"c{cand.pk}_low": "1"})
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert session.tallied_at is not None
