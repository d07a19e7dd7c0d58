"""An opinion's page shows linked tasks and meetings only to readers their own app lets open them (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sausat.directives import opinion_task_services
from sausat.meetings import services as meeting_services
from sausat.opinions import services
from sausat.opinions.models import Channel
from sausat.opinions.tests.factories import responder_organ
from sausat.people.models import Organ

pytestmark = pytest.mark.django_db

MEETING_TITLE = "Hội nghị kín của Thường trực Thành ủy"
TASK_TITLE = "Rà soát hồ sơ đất đai mật"


def _closed_meeting(cast):
    # Organised at the province with nobody invited: commune cadres cannot open it.
    return meeting_services.create_meeting(
        actor=cast.secretary,
        title=MEETING_TITLE,
        starts_at=timezone.now() + dt.timedelta(days=3),
        place="Phòng họp số 1",
        unit=cast.province,
    )


def test_meeting_title_hidden_from_a_reader_who_cannot_open_the_meeting(cast, login):
    meeting = _closed_meeting(cast)
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Đường liên ấp xuống cấp",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="linked-meeting-1",
        meeting=meeting,
        author_name="Trần Văn B",
    )
    url = reverse("opinions:detail", args=[opinion.pk])
    cadre = login(cast.commune_a_cadre)
    page = cadre.get(url)
    assert page.status_code == 200  # the named opinion from their own commune is theirs to read
    assert cadre.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert MEETING_TITLE not in page.content.decode()
    secretary = login(cast.secretary)
    assert MEETING_TITLE in secretary.get(url).content.decode()


def test_task_title_hidden_from_a_reader_who_cannot_open_the_task(cast, login):
    mine = responder_organ(cast)
    other = Organ.objects.filter(unit=cast.province).exclude(pk=mine.pk).first()
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Đề nghị làm rõ việc cấp đất",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="linked-task-1",
        author_name="Lê Thị C",
        responder_organ=mine,
    )
    task = opinion_task_services.create_task_from_opinion(
        actor=cast.secretary, opinion=opinion, lead_organ=other, deadline=None, title=TASK_TITLE, content=""
    )
    url = reverse("opinions:detail", args=[opinion.pk])
    responder = login(cast.responder)
    page = responder.get(url)
    assert page.status_code == 200
    assert responder.get(reverse("directives:task", args=[task.pk])).status_code == 404
    assert TASK_TITLE not in page.content.decode()
    secretary = login(cast.secretary)
    assert TASK_TITLE in secretary.get(url).content.decode()


def test_the_task_list_is_asked_for_only_when_a_task_was_made_from_the_opinion(cast, login):
    """The page's opinion query says whether any task was made from it; without one, no task query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Đề nghị sửa cống thoát nước ở tổ dân phố",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="linked-task-2",
        author_name="Phạm Văn D",
    )
    url = reverse("opinions:detail", args=[opinion.pk])
    secretary = login(cast.secretary)
    secretary.get(url)
    with CaptureQueriesContext(connection) as without:
        assert secretary.get(url).status_code == 200
    assert not [q for q in without.captured_queries if q["sql"].startswith('SELECT "directives_task"')]
    opinion_task_services.create_task_from_opinion(
        actor=cast.secretary,
        opinion=opinion,
        lead_organ=responder_organ(cast),
        deadline=None,
        title="Khảo sát tuyến cống",
        content="",
    )
    with CaptureQueriesContext(connection) as with_task:
        page = secretary.get(url)
    assert "Khảo sát tuyến cống" in page.content.decode()
    assert [q for q in with_task.captured_queries if q["sql"].startswith('SELECT "directives_task"')]
