import datetime as dt

import pytest
from django.http import Http404

from sausat.liaison import policy, services
from sausat.liaison.services import ActivityInput
from sausat.liaison.tests.conftest import fresh, png_upload

pytestmark = pytest.mark.django_db


def _log(cast, assignment, unit, key, photos=None):
    return services.log_activity(
        actor=cast.liaison,
        cadre=assignment.cadre,
        unit=unit,
        assignment=assignment,
        data=ActivityInput(kind="visit", date=dt.date(2025, 10, 2), place="Ấp 3", notes="Gặp Bí thư chi bộ"),
        photos=photos,
        idempotency_key=key,
    )[0]


def test_assignment_creates_a_liaison_grant(cast, liaison_setup):
    _, assignment = liaison_setup
    assert assignment.role_grant is not None
    assert assignment.role_grant.role == "liaison"
    assert assignment.role_grant.unit == cast.commune_a


def test_cadre_sees_only_assigned_commune(cast, liaison_setup, login, media):
    _, assignment = liaison_setup
    activity = _log(cast, assignment, cast.commune_a, "k" * 32, photos=[png_upload()])
    client = login(cast.liaison)
    assert client.get(f"/co-so/dia-ban/{cast.commune_a.pk}/").status_code == 200
    assert client.get(f"/co-so/dia-ban/{cast.commune_b.pk}/").status_code == 404
    assert client.get(f"/co-so/dia-ban/{cast.commune_b.pk}/hoat-dong/moi/").status_code == 404
    assert client.get(f"/co-so/hoat-dong/{activity.pk}/").status_code == 200
    # The index lists commune A and not commune B.
    page = client.get("/co-so/").content.decode()
    assert cast.commune_a.name in page
    assert cast.commune_b.name not in page


def test_commune_cadre_sees_only_own_commune(cast, liaison_setup, login, media):
    _, assignment = liaison_setup
    activity = _log(cast, assignment, cast.commune_a, "a" * 32, photos=[png_upload()])
    photo = activity.photos.get()
    own = login(cast.commune_a_cadre)
    assert own.get(f"/co-so/hoat-dong/{activity.pk}/").status_code == 200
    assert own.get(f"/co-so/anh/{photo.pk}/").status_code == 200
    own.logout()
    other = login(cast.commune_b_cadre)
    assert other.get(f"/co-so/hoat-dong/{activity.pk}/").status_code == 404
    assert other.get(f"/co-so/dia-ban/{cast.commune_a.pk}/").status_code == 404
    assert other.get(f"/co-so/anh/{photo.pk}/").status_code == 404
    assert other.get("/co-so/anh/999999/").status_code == 404
    # Commune cadres read; they do not log for the provincial cadre.
    assert other.get(f"/co-so/dia-ban/{cast.commune_b.pk}/").status_code == 200
    assert other.get("/co-so/bao-quat/").status_code == 404


def test_photo_response_is_safe(cast, liaison_setup, login, media):
    _, assignment = liaison_setup
    activity = _log(cast, assignment, cast.commune_a, "p" * 32, photos=[png_upload("x.html")])
    photo = activity.photos.get()
    assert photo.file.name.startswith("liaison/") and "." not in photo.file.name.split("/")[-1]
    response = login(cast.leader).get(f"/co-so/anh/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_office_sees_all_citizen_sees_nothing(cast, liaison_setup, login, media):
    _, assignment = liaison_setup
    activity = _log(cast, assignment, cast.commune_a, "o" * 32)
    assert login(cast.secretary).get(f"/co-so/hoat-dong/{activity.pk}/").status_code == 200
    assert login(cast.citizen).get(f"/co-so/hoat-dong/{activity.pk}/").status_code == 404


def test_reassignment_ends_access_on_next_request(cast, liaison_setup, media):
    _, assignment = liaison_setup
    activity = _log(cast, assignment, cast.commune_a, "r" * 32)
    user = fresh(cast.liaison)
    assert policy.activity_or_404(user, activity.pk) == activity
    # The cast's own liaison grant on commune A is a second source of access: end it as well,
    # as the office does when it reassigns (see policy.py).
    for grant in user.role_grants.filter(role="liaison", unit=cast.commune_a, valid_to__isnull=True):
        from sausat.people.services import revoke_role

        revoke_role(grant, actor=cast.secretary, on=dt.date.today() - dt.timedelta(days=1))
    today = dt.date.today()
    new = services.reassign(assignment, actor=cast.secretary, new_unit=cast.commune_b, on=today)
    assert new.unit == cast.commune_b
    user = fresh(cast.liaison)
    with pytest.raises(Http404):
        policy.activity_or_404(user, activity.pk)
    with pytest.raises(Http404):
        policy.unit_or_404(user, cast.commune_a.pk)
    assert policy.unit_or_404(user, cast.commune_b.pk) == cast.commune_b


def test_office_moves_cadre_and_old_reports_close_next_request(cast, liaison_setup, login):
    from sausat.liaison.models import Assignment
    from sausat.liaison.periods import period_containing
    from sausat.liaison.services import ReportInput, submit_report

    _, assignment = liaison_setup
    report, _ = submit_report(
        actor=cast.liaison,
        cadre=assignment.cadre,
        unit=cast.commune_a,
        assignment=assignment,
        data=ReportInput(
            period=period_containing(dt.date.today()).previous(), party_organisation="Mật: tình hình nội bộ"
        ),
        idempotency_key="confidential-report-1",
    )
    # The cast's own standing liaison grant on commune A is ended too (see policy.py: two sources).
    from sausat.people.services import revoke_role

    for grant in cast.liaison.role_grants.filter(role="liaison", unit=cast.commune_a).exclude(
        pk=assignment.role_grant_id
    ):
        revoke_role(grant, actor=cast.secretary, on=dt.date.today() - dt.timedelta(days=1))
    cadre_client = login(cast.liaison)
    assert cadre_client.get(f"/co-so/bao-cao/{report.pk}/").status_code == 200

    from django.test import Client

    office = Client()
    office.force_login(cast.secretary)
    page = office.get(f"/co-so/quyet-dinh/{assignment.decision_id}/")
    assert page.status_code == 200 and assignment.cadre.full_name in page.content.decode()
    moved = office.post(f"/co-so/phan-cong/{assignment.pk}/chuyen/", {"unit_code": cast.commune_b.code})
    assert moved.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).end_date == dt.date.today() - dt.timedelta(days=1)
    assert Assignment.objects.filter(unit=cast.commune_b, cadre=assignment.cadre).exists()
    # Next request of the cadre: the old commune's report is gone, the new commune is open.
    assert cadre_client.get(f"/co-so/bao-cao/{report.pk}/").status_code == 404
    assert cadre_client.get(f"/co-so/dia-ban/{cast.commune_b.pk}/hoat-dong/moi/").status_code == 200
    # Field roles cannot move anyone.
    assert cadre_client.post(f"/co-so/phan-cong/{assignment.pk}/ket-thuc/").status_code == 404
