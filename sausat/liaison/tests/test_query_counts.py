"""Query-count guard for the coverage dashboard (issue 7, S10): constant in the data size.

``test_dashboard.py`` already checks that more communes with activities add no query; this guard
grows every kind of row the dashboard reads, through the services: lead and member cadres,
visits / meetings / contacts / joint work with specific and vague feedback, monthly situation
reports (on time and late), pressing issues escalated to provincial bodies (answered and open).
Data A has one commune with each story, data B nine; the month and the quarter views must run
exactly the same number of queries.

The tests run inside a transaction, where the dashboard's version-keyed cache is bypassed
(``sausat.core.data_versions.cached``): this guards the computing path, i.e. the first load after a
write. ``test_dashboard_cache.py`` guards the cached path (8 queries fewer, and the escalations still
read per request).
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ, local_date
from sausat.liaison import services
from sausat.liaison.periods import period_containing
from sausat.liaison.services import ActivityInput, FeedbackInput, IssueInput, ReportInput
from sausat.opinions.services import answer_opinion
from sausat.people import services as people_services
from sausat.people.models import Organ

pytestmark = pytest.mark.django_db

FEEDBACK = [
    FeedbackInput("UBND xã", "Lập hồ sơ sửa chữa cống ấp 3, kinh phí 150 triệu đồng, trình trước ngày 20/12", "Hồ sơ"),
    FeedbackInput("Đảng ủy xã", "Cần quan tâm hơn nữa đến công tác dân vận"),
]


def _communes(cast, count: int, offset: int):
    from sausat.geo.models import AdministrativeUnit

    return list(
        AdministrativeUnit.objects.filter(parent=cast.province, level=3)
        .exclude(pk__in=[cast.commune_a.pk, cast.commune_b.pk])
        .order_by("code")[offset : offset + count]
    )


def _story(decision, commune, n: int, organ: Organ) -> None:
    today = local_date(timezone.now())
    month = today.replace(day=1)
    lead_person = people_services.create_person(
        actor=SystemActor(reason="test"), full_name=f"Cán bộ chính {n}", home_unit=commune
    )
    member_person = people_services.create_person(
        actor=SystemActor(reason="test"), full_name=f"Cán bộ {n}", home_unit=commune
    )
    lead = services.assign_cadre(
        actor=SystemActor(reason="test"),
        decision=decision,
        cadre=lead_person,
        unit=commune,
        start_date=decision.term_start,
    )
    member = services.assign_cadre(
        actor=SystemActor(reason="test"),
        decision=decision,
        cadre=member_person,
        unit=commune,
        start_date=decision.term_start,
        role="member",
    )
    for i, kind in enumerate(["visit", "meeting", "contact", "joint"]):
        for assignment in (lead, member):
            services.log_activity(
                actor=SystemActor(reason="test"),
                cadre=assignment.cadre,
                unit=commune,
                assignment=assignment,
                data=ActivityInput(
                    kind=kind,
                    date=month + dt.timedelta(days=min(i, (today - month).days)),
                    feedback=FEEDBACK if kind in ("visit", "meeting") else [],
                ),
                idempotency_key=f"qc-{n}-{kind}-{assignment.pk}",
            )
    previous = period_containing(month - dt.timedelta(days=1))
    before = previous.previous()
    for period, lag, escalate in ((before, 2, True), (previous, 12, True)):
        report, _ = services.submit_report(
            actor=SystemActor(reason="test"),
            cadre=lead_person,
            unit=commune,
            assignment=lead,
            data=ReportInput(
                period=period,
                public_sentiment="Ổn định",
                issues=[IssueInput(f"Sạt lở bờ kênh ấp {n}", escalate, organ), IssueInput("Thiếu nước ngọt")],
            ),
            idempotency_key=f"qc-report-{n}-{period.key}",
            submitted_at=dt.datetime.combine(period.end + dt.timedelta(days=lag), dt.time(9), tzinfo=VN_TZ),
        )
        if period is before:  # the older escalation is answered, the newer one stays open
            answer_opinion(
                actor=SystemActor(reason="test"),
                opinion=report.issues.get(sort_order=0).escalation.opinion,
                text="Đã bố trí kinh phí kè tạm.",
                outcome="answered",
            )


def _queries(client, url: str) -> tuple[int, str]:
    client.get(url)  # warm the working-day calendar cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_dashboard_query_count_is_constant_in_every_kind_of_data(cast, liaison_setup, login):
    decision, _ = liaison_setup
    organ = Organ.objects.get(unit=cast.province, short_name="Sở Nội vụ")
    today = local_date(timezone.now())
    quarter = period_containing(today, "quarterly").key
    urls = ["/co-so/bao-quat/", f"/co-so/bao-quat/?ky={quarter}&n=10"]
    client = login(cast.secretary)
    _story(decision, _communes(cast, 1, 0)[0], 0, organ)
    small = [_queries(client, url)[0] for url in urls]
    for n, commune in enumerate(_communes(cast, 8, 1), start=1):
        _story(decision, commune, n, organ)
    large = []
    for url in urls:
        count, page = _queries(client, url)
        large.append(count)
        assert page.count('<tr class="') >= 10  # commune A + 9 communes
        assert "Sạt lở bờ kênh ấp 8" in page
    assert large == small, f"dashboard queries {small} with 1 commune of stories, {large} with 9"
    with pytest.raises(AssertionError):  # the guard really measures
        assert large[0] < 5
