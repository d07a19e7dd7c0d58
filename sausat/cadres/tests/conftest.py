from __future__ import annotations

import datetime as dt

import pytest

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ


@pytest.fixture
def board(cast):
    from sausat.cadres.demo import seed_board

    return seed_board()


@pytest.fixture
def cadre(cast, board):
    """The commune-A cadre's record, managed by the province."""
    from sausat.cadres import services
    from sausat.people.models import Person

    person = Person.objects.get(user=cast.commune_a_cadre)
    return services.ensure_profile(actor=board, person=person, unit=cast.province, group="Cán bộ chủ chốt cấp xã")


@pytest.fixture
def other_province_leader(cast):
    from sausat.geo.models import AdministrativeUnit, Level
    from sausat.people import services as people_services
    from sausat.people.models import Role

    other = (
        AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True)
        .exclude(pk=cast.province.pk)
        .first()
    )
    user = people_services.create_account(
        actor=SystemActor(reason="test"), username="lanhdao_khac", password="x-unused-123456"
    )
    people_services.grant_role(actor=SystemActor(reason="test"), user=user, role=Role.LEADER, unit=other)
    return user


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN_TZ)


@pytest.fixture
def make_task(cast):
    """make_task(person, due, done=None, beyond=False): a task the person answers for."""
    from sausat.directives import request_services
    from sausat.directives import services as directives
    from sausat.directives.models import DocumentKind
    from sausat.people.models import Organ

    organ = Organ.objects.filter(unit=cast.commune_a).first()
    doc = directives.register_document(
        actor=SystemActor(reason="test"),
        kind=DocumentKind.ANNUAL_PROGRAMME,
        issuing_organ=organ,
        date=dt.date(2025, 9, 1),
        title="Chương trình công tác (kiểm thử)",
        unit=cast.commune_a,
    )

    def _make(person, due: dt.date, done: dt.date | None = None, beyond: bool = False):
        task = directives.add_task(
            actor=SystemActor(reason="test"), document=doc, title=f"Nhiệm vụ hạn {due}", lead_organ=organ, deadline_date=due,
            accountable_person=person,
        )  # fmt: skip
        if done is not None:
            req = request_services.propose_completion(
                actor=SystemActor(reason="test"), task=task, product="Báo cáo", at=at(done)
            )
            request_services.decide_request(
                actor=SystemActor(reason="test"), request=req, approve=True, at=at(done, 15), beyond_requirement=beyond
            )
        return task

    return _make
