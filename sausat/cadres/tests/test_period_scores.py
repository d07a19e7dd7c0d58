"""The whole-period scoring agrees with the per-subject path and does not grow in queries."""

from __future__ import annotations

import datetime as dt

import pytest

from sausat.cadres import services
from sausat.cadres.period_scores import period_task_scores
from sausat.core.actors import SystemActor
from sausat.people import services as people_services

pytestmark = pytest.mark.django_db


def test_period_scores_match_compute_tasks_in_constant_queries(cast, board, make_task, django_assert_max_num_queries):
    period = services.open_period(
        actor=board, kind="year", label="Năm 2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
        unit=cast.province,
    )  # fmt: skip
    evaluations = []
    for i in range(4):
        person = people_services.create_person(
            actor=SystemActor(reason="test"), full_name=f"Cán bộ {i}", home_unit=cast.commune_a
        )
        services.ensure_profile(actor=board, person=person, unit=cast.province)
        make_task(person, dt.date(2025, 10, 1), dt.date(2025, 9, 20), beyond=i % 2 == 0)
        if i:
            make_task(person, dt.date(2025, 11, 1), dt.date(2025, 11, 10) if i > 1 else None)
        evaluations.append(services.open_evaluation(actor=board, period=period, person=person))
    with django_assert_max_num_queries(6):
        scores = period_task_scores(period)
    for ev in evaluations:
        assert scores[ev.pk].as_json() == services.compute_tasks(ev), ev
    assert {str(scores[ev.pk].points) for ev in evaluations} == {
        "70.00",
        "35.00",
        "67.08",
    }  # on time; one of two not done; one late (-25 % of its third)
