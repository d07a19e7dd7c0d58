"""The second promise's figures are equal on the home inbox, the API, the dashboard, the pack page,
its .xlsx and its .docx, and are written the Vietnamese way ("66,7%", "1.234")."""

import datetime as dt
import io
import random
import re

import pytest
from django.utils import timezone

from sausat.core.calendar import local_date
from sausat.core.numbers import percent, vn_number, vn_percent, vn_rate
from sausat.directives import demo_current, request_services, services
from sausat.directives.figures import quarter_figures
from sausat.directives.models import RequestKind
from sausat.directives.selectors import quarter_of

pytestmark = pytest.mark.django_db


def test_vietnamese_number_formats():
    assert vn_number(1234) == "1.234"
    assert vn_number(1234567.25, 2) == "1.234.567,25"
    assert vn_number(2.25, 1) == "2,3"  # half up, not banker's rounding
    assert vn_number(20.0) == "20"
    assert vn_number(None) == "—"
    assert vn_percent(1, 45) == "2,2%"
    assert vn_percent(2, 3) == "66,7%"
    assert vn_percent(1, 0) == "—"
    assert vn_rate(None) == "—"
    assert percent(1, 8) == 12.5 and percent(1, 0) is None


def _generated_unit(cast, organs, seed: int) -> None:
    """Tasks of this quarter at commune A with random outcomes: some done on time, late, overdue."""
    from sausat.directives.models import DocumentKind

    rng = random.Random(seed)
    now = timezone.now()
    today = local_date(now)
    doc = services.register_document(
        actor=cast.secretary,
        kind=DocumentKind.CONCLUSION,
        issuing_organ=organs["province"]["Thành ủy"],
        date=today - dt.timedelta(days=1),
        title=f"Kết luận thử số liệu {seed}",
        unit=cast.province,
    )
    leads = [organs["province"]["Sở Nội vụ"], organs["province"]["Sở Y tế"], *organs["commune_a"].values()]
    for i in range(rng.randint(5, 9)):
        fate = rng.choice(["overdue", "open", "on_time", "late"])
        due = today + dt.timedelta(days=-3 if fate in ("overdue", "late") else 20)
        task = services.add_task(
            actor=cast.secretary,
            document=doc,
            title=f"Việc sinh ngẫu nhiên {i}",
            lead_organ=rng.choice(leads),
            deadline_date=due,
        )
        if fate in ("on_time", "late"):
            request_services.propose_completion(actor=cast.secretary, task=task, product="Báo cáo")
            req = task.requests.get(kind=RequestKind.COMPLETION)
            request_services.decide_request(actor=cast.secretary, request=req, approve=True)


def _check_everywhere_equal(cast, login):
    year, quarter = quarter_of(local_date(timezone.now()))
    figures = quarter_figures(cast.leader, year, quarter)
    assert figures.total > 0
    client = login(cast.leader)

    home = client.get("/").content.decode()
    value = re.search(r'data-figure="completion" data-value="([^"]*)"', home).group(1)
    assert value == str(figures.completion_rate)
    assert re.search(r'data-figure="overdue" data-value="([^"]*)"', home).group(1) == str(figures.overdue)
    assert figures.completion_text in home

    api = client.get("/api/v1/me/inbox").json()
    late = next(s for s in api if s["key"] == "directives.late")
    by_key = {f["key"]: f for f in late["figures"]}
    assert by_key["completion"]["value"] == figures.completion_rate
    assert by_key["overdue"]["value"] == figures.overdue

    board = client.get("/chi-dao/tong-quan/").content.decode()
    rates = re.findall(r'data-completion-rate="([^"]*)"', board)
    assert rates[-1] == str(figures.completion_rate)  # the last column is the current quarter
    assert re.findall(r'data-overdue="([^"]*)"', board)[-1] == str(figures.overdue)

    query = f"year={year}&quarter={quarter}&scope=province"
    pack = client.get(f"/chi-dao/bao-cao-quy/?{query}").content.decode()
    assert f'data-completion-rate="{figures.completion_rate}"' in pack
    assert f'data-overdue="{figures.overdue}"' in pack
    assert figures.completion_text in pack

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(client.get(f"/chi-dao/bao-cao-quy.xlsx?{query}").content))
    last = list(wb["Tổng hợp theo cơ quan"].iter_rows(values_only=True))[-1]
    assert last[0] == "Tổng cộng" and last[1] == figures.total and last[5] == figures.overdue
    assert last[6] == pytest.approx((figures.completion_rate or 0) / 100)
    cell = list(wb["Tổng hợp theo cơ quan"].iter_rows())[-1][6]
    assert cell.number_format == "0.0%"

    from docx import Document

    doc = Document(io.BytesIO(client.get(f"/chi-dao/bao-cao-quy.docx?{query}").content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"({figures.completion_text})" in text
    tables = [[c.text for c in t.rows[-1].cells] for t in doc.tables]
    totals_row = next(r for r in tables if r[0] == "Tổng cộng")
    assert totals_row[-1] == figures.completion_text and totals_row[1] == vn_number(figures.total)
    return figures


def test_demo_figures_agree_everywhere(cast, login):
    demo_current.seed()
    figures = _check_everywhere_equal(cast, login)
    assert figures.overdue >= 2  # the demo's overdue tasks


@pytest.mark.parametrize("seed", [1, 7])
def test_generated_unit_figures_agree_everywhere(cast, organs, login, seed):
    _generated_unit(cast, organs, seed)
    figures = _check_everywhere_equal(cast, login)
    assert figures.done + figures.overdue + figures.in_progress + figures.no_deadline == figures.total
