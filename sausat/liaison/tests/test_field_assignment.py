"""Field work is logged only under one's own current assignment to that commune, the admin's included (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from sausat.core.models import AuditEvent
from sausat.liaison import services
from sausat.liaison.models import Activity, SituationReport
from sausat.liaison.periods import period_containing
from sausat.liaison.services import ActivityInput, ReportInput
from sausat.people.models import Person

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Activity.all_objects.count(), SituationReport.all_objects.count(), AuditEvent.objects.count()


def _activity(actor, cadre, unit, assignment, key):
    return services.log_activity(
        actor=actor,
        cadre=cadre,
        unit=unit,
        assignment=assignment,
        data=ActivityInput(kind="visit", date=dt.date.today(), notes="Đi cơ sở"),
        idempotency_key=key,
    )


def _report(actor, cadre, unit, assignment, key):
    return services.submit_report(
        actor=actor,
        cadre=cadre,
        unit=unit,
        assignment=assignment,
        data=ReportInput(period=period_containing(dt.date.today()).previous(), public_sentiment="Ổn định"),
        idempotency_key=key,
    )


def test_admin_without_an_assignment_cannot_log_field_work(cast, liaison_setup, login):
    _decision, liaison_assignment = liaison_setup
    admin_person = Person.objects.get(user=cast.admin)
    before = _counts()
    for assignment in (None, liaison_assignment):  # nobody else's assignment opens the commune either
        with pytest.raises(Http404):
            _activity(cast.admin, admin_person, cast.commune_a, assignment, f"adm-act-{assignment and 1}-0001")
        with pytest.raises(Http404):
            _report(cast.admin, admin_person, cast.commune_a, assignment, f"adm-rep-{assignment and 1}-0001")
    assert _counts() == before
    client = login(cast.admin)
    assert client.get(f"/co-so/dia-ban/{cast.commune_a.pk}/hoat-dong/moi/").status_code == 404
    assert client.get(f"/co-so/dia-ban/{cast.commune_a.pk}/bao-cao/moi/").status_code == 404
    # Reading stays open to the admin.
    assert client.get(f"/co-so/dia-ban/{cast.commune_a.pk}/").status_code == 200


def test_admin_with_an_own_assignment_logs_in_their_own_name(cast, liaison_setup):
    decision, _ = liaison_setup
    admin_person = Person.objects.get(user=cast.admin)
    own = services.assign_cadre(
        actor=cast.secretary, decision=decision, cadre=admin_person, unit=cast.commune_b, start_date=dt.date(2025, 9, 1)
    )
    activity, created = _activity(cast.admin, admin_person, cast.commune_b, own, "adm-own-act-0001")
    assert created and activity.assignment == own
    report, created = _report(cast.admin, admin_person, cast.commune_b, own, "adm-own-rep-0001")
    assert created and report.unit == cast.commune_b
    # That assignment is for commune B, not A.
    with pytest.raises(Http404):
        _activity(cast.admin, admin_person, cast.commune_a, own, "adm-own-act-0002")


def test_a_liaison_grant_without_an_assignment_does_not_allow_field_writes(cast, liaison_setup):
    _decision, assignment = liaison_setup
    services.end_assignment(assignment, actor=cast.secretary, last_day=dt.date.today() - dt.timedelta(days=1))
    before = _counts()
    with pytest.raises(Http404):
        _report(cast.liaison, assignment.cadre, cast.commune_a, assignment, "ended-rep-0001")
    assert _counts() == before


def test_a_decisions_history_answers_exactly_like_its_page(cast, liaison_setup, login):
    """The liaison cadre named in a decision may not open its page, so not its history either."""
    decision, _ = liaison_setup
    page = f"/co-so/quyet-dinh/{decision.pk}/"
    history = f"/lich-su/liaison.assignmentdecision/{decision.pk}/"
    for user, expected in ((cast.liaison, 404), (cast.commune_a_cadre, 404), (cast.secretary, 200), (cast.admin, 200)):
        client = login(user)
        assert client.get(page).status_code == expected, user
        assert client.get(history).status_code == expected, user
