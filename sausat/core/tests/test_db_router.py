"""Read replicas: the dominating reads go to a second database alias; writes and fresh writers do not.

The replica here is a second connection to the test database (the rows are committed, so it sees
them as a streaming replica would); the router and the middleware are the production ones.
"""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from sausat.core.db_router import STICKY_COOKIE, ReplicaRouter, replica_reads

# Declared before the test databases are set up, so Django makes it a test mirror of default (a
# second connection to the same test database); it serves reads only where a test names it below.
if "replica1" not in connections.settings:
    _default = connections.settings["default"]
    connections.settings["replica1"] = {**_default, "TEST": {**_default.get("TEST", {}), "MIRROR": "default"}}

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica1"])


@pytest.fixture
def replica(settings):
    settings.SAUSAT_REPLICAS = ["replica1"]
    return connections["replica1"]


def _counts(client_call):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as secondary,
    ):
        response = client_call()
    return response, len(primary.captured_queries), len(secondary.captured_queries)


def test_public_results_read_from_the_replica_and_sign_in_tables_do_not(replica, cast, client, login):
    from sausat.meetings import services
    from sausat.meetings.models import MeetingStatus
    from sausat.opinions.tests.factories import make_meeting

    meeting = make_meeting(cast)
    for status in (MeetingStatus.OPEN, MeetingStatus.HELD):
        meeting = services.set_status(actor=cast.secretary, meeting=meeting, status=status)
    meeting = services.publish_results(actor=cast.secretary, meeting=meeting)
    url = f"/hoi-nghi/ket-qua/{meeting.results_ref}/"

    response, on_primary, on_replica = _counts(lambda: client.get(url))
    assert response.status_code == 200
    assert on_replica > 0 and on_primary == 0

    # A signed-in reader: the session and the user come from the primary, the page from the replica.
    staff = login(cast.leader)
    response, on_primary, on_replica = _counts(lambda: staff.get(url))
    assert response.status_code == 200 and on_replica > 0 and on_primary > 0
    with CaptureQueriesContext(connections["replica1"]) as secondary:
        staff.get(url)
    assert secondary.captured_queries
    assert not any("django_session" in q["sql"] or "auth_user" in q["sql"] for q in secondary.captured_queries)


def test_pages_outside_the_replica_paths_and_writes_stay_on_the_primary(replica, cast, login):
    staff = login(cast.secretary)
    response, _on_primary, on_replica = _counts(lambda: staff.get("/"))
    assert response.status_code == 200 and on_replica == 0

    # After a write the client carries the sticky cookie; its next reads stay on the primary.
    response = staff.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert STICKY_COOKIE in response.cookies
    response, _on_primary, on_replica = _counts(lambda: staff.get("/chi-dao/tong-quan/"))
    assert response.status_code == 200 and on_replica == 0


def test_router_rules(replica, cast):
    from sausat.meetings.models import Meeting

    router = ReplicaRouter()
    assert router.db_for_read(Meeting) is None  # not marked
    with replica_reads():
        assert router.db_for_read(Meeting) == "replica1"
        from django.contrib.sessions.models import Session

        assert router.db_for_read(Session) is None
        from django.db import transaction

        with transaction.atomic():
            assert router.db_for_read(Meeting) is None  # inside a write's transaction
    assert router.db_for_write(Meeting) == "default"
    assert router.allow_migrate("replica1", "meetings") is False


def test_without_replicas_nothing_changes(cast, client, settings):
    settings.SAUSAT_REPLICAS = []
    from sausat.meetings.models import Meeting

    with replica_reads():
        assert ReplicaRouter().db_for_read(Meeting) is None
    assert client.get("/tin-tuc/").status_code in (200, 404)
