"""The organisation board's home lists the cadre work it keeps moving (appointments under way,
evaluations not decided, votes not tallied), only for the units it manages, in constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sausat.cadres import appointment_services, demo, services, vote_services
from sausat.cadres.models import Evaluation
from sausat.cadres.models_appointments import Source
from sausat.core.actors import SystemActor
from sausat.core.inbox import inbox_for

pytestmark = pytest.mark.django_db


def _sections(user) -> dict:
    return {s.key: s for s in inbox_for(user) if s.count}


def _cadre_keys(user) -> set[str]:
    return {k for k in _sections(user) if k.startswith("cadres.")}


def test_demo_board_home_lists_its_cadre_work(cast, client):
    demo.seed()
    board = get_user_model().objects.get(username=demo.BOARD_USERNAME)
    sections = _sections(board)
    assert {"cadres.appointments", "cadres.evaluations"} <= set(sections)
    appointment = sections["cadres.appointments"].items[0]
    assert appointment.due is not None and "/bo-nhiem/" in appointment.url
    client.force_login(board)
    html = client.get("/").content.decode()
    assert 'id="inbox-empty"' not in html and appointment.url in html
    assert client.get(appointment.url).status_code == 200
    assert client.get(sections["cadres.evaluations"].items[0].url).status_code == 200
    # The committee and an administrator without the board's grant do not get the board's lists.
    assert not _cadre_keys(cast.leader) and not _cadre_keys(cast.admin)


def test_decided_and_tallied_work_leaves_and_queries_stay_constant(cast, board, cadre, other_province_leader):
    from sausat.people import services as people_services
    from sausat.people.models import Role, RoleGrant

    actor = SystemActor(reason="test")
    demo.seed()
    ev = Evaluation.objects.get()
    assert _sections(board)["cadres.evaluations"].count == 1
    services.decide(actor=cast.leader, decisions=[(ev, services.suggested_level(ev))], decided_on=dt.date(2026, 1, 10))
    assert "cadres.evaluations" not in _sections(board)
    assert "cadres.votes" not in _sections(board)  # the demo's vote is tallied

    def queries() -> int:
        inbox_for(board)  # warm the per-process caches (calendar)
        with CaptureQueriesContext(connection) as ctx:
            inbox_for(board)
        return len(ctx.captured_queries)

    def add(i: int) -> None:
        appointment_services.open_appointment(
            actor=board, unit=cast.province, post_title=f"Chức vụ thêm {i}", post_level="province",
            source=Source.OUTSIDE, requested_on=dt.date(2026, 3, 2 + i),
        )  # fmt: skip
        vote_services.create_session(
            actor=board, unit=cast.province, title=f"Hội nghị lấy phiếu {i}", held_on=dt.date(2024 + 2 * i, 4, 1),
            summoned=20, candidates=[(cadre.person, "Phó Bí thư")],
        )  # fmt: skip

    add(0)  # one of each kind before measuring: an empty list needs one query fewer than a full one
    before = queries()
    add(1)
    add(2)
    assert queries() == before
    votes = _sections(board)["cadres.votes"]
    assert votes.count == 3 and [i.due for i in votes.items] == sorted(i.due for i in votes.items)
    assert _sections(board)["cadres.appointments"].count == 4
    # Another province's board sees none of it.
    other = RoleGrant.objects.filter(user=other_province_leader).first().unit
    people_services.grant_role(actor=actor, user=other_province_leader, role=Role.ORGANISATION_BOARD, unit=other)
    assert not _cadre_keys(other_province_leader)
