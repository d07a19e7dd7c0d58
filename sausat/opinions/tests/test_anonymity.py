"""Anonymous submissions are held and written in shuffled batches; the public form is logged
without anyone's address, agent, user or request id. The timing attack itself is in test_policy."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sausat.core.calendar import local_date
from sausat.core.logformat import PublicFormFilter, is_public_form_path
from sausat.meetings import services as meeting_services
from sausat.meetings.models import MeetingStatus
from sausat.opinions import services
from sausat.opinions.anonymity import start_of_day, stored_key
from sausat.opinions.models import Channel, Opinion, PendingAnonymousOpinion
from sausat.opinions.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def _post(client, meeting, key, text):
    url = reverse("opinions:submit", args=[meeting.form_token])
    return client.post(url, {"idempotency_key": key, "text": text, "anonymous": "on"})


def test_held_until_the_batch_is_full_then_written_together(cast, client, settings):
    settings.SAUSAT_ANONYMOUS_BATCH = 3
    meeting = make_meeting(cast, allow_anonymous=True, status=MeetingStatus.OPEN)
    assert _post(client, meeting, "k1", "Một").status_code == 302
    assert _post(client, meeting, "k1", "Một").status_code == 302  # a double click
    assert _post(client, meeting, "k2", "Hai").status_code == 302
    assert PendingAnonymousOpinion.objects.count() == 2 and not Opinion.all_objects.exists()
    assert _post(client, meeting, "k3", "Ba").status_code == 302
    assert not PendingAnonymousOpinion.objects.exists()
    opinions = list(Opinion.objects.filter(meeting=meeting))
    assert sorted(o.text for o in opinions) == ["Ba", "Hai", "Một"]
    assert {o.created_at for o in opinions} == {start_of_day(local_date(timezone.now()))}
    # A retry after the flush creates nothing either.
    assert _post(client, meeting, "k1", "Một").status_code == 302
    assert Opinion.all_objects.count() == 3 and not PendingAnonymousOpinion.objects.exists()


def test_cron_writes_leftovers_of_past_days_and_closed_meetings_only(cast):
    open_meeting = make_meeting(cast, allow_anonymous=True, status=MeetingStatus.OPEN)
    closing = make_meeting(cast, allow_anonymous=True, status=MeetingStatus.OPEN, title="Hội nghị sắp đóng")
    today = local_date(timezone.now())

    def hold(meeting, key, text):
        services.register_opinion(
            actor=AnonymousUser(),
            text=text,
            channel=Channel.ONLINE,
            unit=meeting.unit,
            idempotency_key=key,
            meeting=meeting,
            anonymous=True,
        )

    hold(open_meeting, "today", "Hôm nay")
    hold(closing, "closing", "Hội nghị đã thôi nhận")
    PendingAnonymousOpinion.objects.create(
        meeting=open_meeting,
        unit=open_meeting.unit,
        channel=Channel.ONLINE,
        text="Hôm qua",
        idempotency_key=stored_key("yesterday"),
        day=today - dt.timedelta(days=1),
    )
    meeting_services.set_status(actor=cast.secretary, meeting=closing, status=MeetingStatus.HELD)
    out = io.StringIO()
    call_command("opinions_flush_anonymous", stdout=out)
    assert out.getvalue().startswith("3 ")  # the open meeting's batch holds a past day: all of it goes
    written = {o.text: o.created_at for o in Opinion.objects.all()}
    assert written["Hôm qua"] == start_of_day(today - dt.timedelta(days=1))
    assert written["Hôm nay"] == written["Hội nghị đã thôi nhận"] == start_of_day(today)

    hold(open_meeting, "later", "Sau đó")
    call_command("opinions_flush_anonymous", stdout=out)
    assert PendingAnonymousOpinion.objects.count() == 1  # alone and today: it waits for company


def test_public_form_requests_get_no_request_id(cast, client):
    meeting = make_meeting(cast, allow_anonymous=True, status=MeetingStatus.OPEN)
    response = client.get(reverse("opinions:submit", args=[meeting.form_token]), HTTP_X_REQUEST_ID="trace-1")
    assert response.status_code == 200 and "X-Request-ID" not in response
    assert is_public_form_path(reverse("opinions:submitted", args=[meeting.form_token]))
    assert client.get(reverse("opinions:index"), HTTP_X_REQUEST_ID="trace-2")["X-Request-ID"] == "trace-2"


def _configured_handler() -> logging.Handler:
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, PublicFormFilter) for f in handler.filters):
            return handler
    raise AssertionError("LOGGING: no handler scrubs the public form")


def test_log_lines_about_the_public_form_name_nobody():
    handler = _configured_handler()
    path = "/y-kien/gui/abc123/"
    access = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        '%(h)s %(u)s "%(r)s" %(s)s "%(a)s" %({x-forwarded-for}i)s',
        (
            {
                "h": "203.0.113.7",
                "u": "xa_a",
                "r": f"POST {path} HTTP/1.1",
                "s": "302",
                "a": "Zalo/1.0",
                "U": path,
                "{x-forwarded-for}i": "198.51.100.9",
            },
        ),
        None,
    )
    assert handler.filter(access)
    line = handler.format(access)
    for secret in ("203.0.113.7", "xa_a", "Zalo", "198.51.100.9"):
        assert secret not in line
    assert path in line

    request = RequestFactory().post(path, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Zalo/1.0")
    forbidden = logging.LogRecord("django.security.csrf", logging.WARNING, __file__, 1, "Forbidden: %s", (path,), None)
    forbidden.request = request
    assert handler.filter(forbidden)
    assert forbidden.request is None and forbidden.request_id == "-"
    assert "203.0.113.7" not in handler.format(forbidden)

    other = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(h)s", ({"h": "203.0.113.7", "U": "/"},), None
    )
    assert handler.filter(other)
    assert "203.0.113.7" in handler.format(other)  # staff pages keep their access log
