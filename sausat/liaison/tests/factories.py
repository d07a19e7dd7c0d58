"""Test helpers: a liaison decision in the cast's province, built through the services."""

from __future__ import annotations

import datetime as dt

from sausat.liaison import services
from sausat.people.models import Person


def assign_liaison_to_commune_a(cast):
    """A decision and the liaison user (theodoi) assigned to commune A; returns (decision, assignment)."""
    decision = services.create_decision(
        actor=cast.secretary,
        unit=cast.province,
        number="15-QĐ/TU",
        issued_on=dt.date(2025, 9, 1),
        issuing_body="Ban Thường vụ Thành ủy",
        term_start=dt.date(2025, 9, 1),
        visits_required=2,
    )
    assignment = services.assign_cadre(
        actor=cast.secretary,
        decision=decision,
        cadre=Person.objects.get(user=cast.liaison),
        unit=cast.commune_a,
        start_date=dt.date(2025, 9, 1),
    )
    return decision, assignment
