import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from sausat.core.actors import SystemActor
from sausat.liaison import selectors, services
from sausat.liaison.periods import period_containing
from sausat.liaison.services import ActivityInput, FeedbackInput
from sausat.people import services as people_services

pytestmark = pytest.mark.django_db


def _add_communes(cast, decision, count):
    from sausat.geo.models import AdministrativeUnit

    communes = AdministrativeUnit.objects.filter(parent=cast.province, level=3).exclude(
        pk__in=[cast.commune_a.pk, cast.commune_b.pk]
    )[:count]
    for i, commune in enumerate(communes):
        person = people_services.create_person(
            actor=SystemActor(reason="test"), full_name=f"Cán bộ {i}", home_unit=cast.province
        )
        assignment = services.assign_cadre(
            actor=SystemActor(reason="test"),
            decision=decision,
            cadre=person,
            unit=commune,
            start_date=dt.date(2025, 9, 1),
        )
        for day in range(i % 3):
            services.log_activity(
                actor=SystemActor(reason="test"),
                cadre=person,
                unit=commune,
                assignment=assignment,
                data=ActivityInput(
                    kind=["visit", "meeting", "joint"][day],
                    date=dt.date.today() - dt.timedelta(days=day),
                    feedback=[FeedbackInput("UBND xã", "Cần quan tâm hơn nữa")],
                ),
                idempotency_key=f"bulk-{i}-{day}-xxxxxxxx",
            )


def _get(client):
    return client.get("/co-so/bao-quat/")


def test_dashboard_query_count_is_constant(cast, liaison_setup, login, django_assert_max_num_queries):
    decision, _ = liaison_setup
    client = login(cast.secretary)
    _add_communes(cast, decision, 2)
    _get(client)  # warm the calendar cache
    # 15: the province's own days off are read beside the national calendar (issue 11, hole 9).
    with django_assert_max_num_queries(15) as small:
        assert _get(client).status_code == 200
    _add_communes(cast, decision, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = _get(client)
    assert response.status_code == 200
    assert response.content.decode().count('<tr class="') >= 13  # commune A + 12 communes


def test_metrics_flag_the_seed_criticisms(cast, liaison_setup):
    _decision, assignment = liaison_setup
    today = dt.date.today()
    services.log_activity(
        actor=cast.liaison,
        cadre=assignment.cadre,
        unit=cast.commune_a,
        assignment=assignment,
        data=ActivityInput(kind="visit", date=today, feedback=[FeedbackInput("Đảng ủy xã", "Cần quan tâm hơn nữa")]),
        idempotency_key="metric-visit-1",
    )
    cov = selectors.coverage(cast.secretary, period_containing(today), today, 30)
    row = next(r for r in cov.communes if r.pk == cast.commune_a.pk)
    assert row.visits == 1 and row.required == 2 and row.rarely_visits
    assert row.days_since == 0 and not row.stale
    assert row.vague_feedback == 1
    assert row.poor_coordination
    cadre = next(c for c in cov.cadres if c.pk == assignment.cadre_id)
    assert cadre.flags["poor_scheduling"] and cadre.flags["no_or_vague_feedback"] and cadre.flags["loose_coordination"]
    assert cadre.flags["unstudied_rules"] is None  # judged at the conference, not from the records


def test_dashboard_is_office_only(cast, liaison_setup, login):
    assert login(cast.liaison).get("/co-so/bao-quat/").status_code == 404
    assert login(cast.leader).get("/co-so/bao-quat/").status_code == 200


def test_review_exports(cast, liaison_setup, login):
    client = login(cast.secretary)
    xlsx = client.get("/co-so/so-ket.xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Theo địa bàn", "Theo cán bộ", "Kiến nghị", "Biểu đồ"]
    assert len(book["Biểu đồ"]._charts) == 1
    assert book["Theo địa bàn"].cell(row=2, column=1).value == cast.commune_a.name
    docx = client.get("/co-so/so-ket.docx")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "HẠN CHẾ" in text
    header = " ".join(c.text for c in document.tables[0].rows[0].cells)
    # The place and date line sits in the header table's second row (docs/documents.md).
    header_table = " ".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "THÀNH ỦY CẦN THƠ" in header and "Cần Thơ, ngày" in header_table
    assert login(cast.commune_b_cadre).get("/co-so/so-ket.docx").status_code == 404
