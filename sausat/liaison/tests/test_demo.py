import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from sausat.liaison import demo, selectors
from sausat.liaison.models import Activity, Assignment, Escalation, SituationReport
from sausat.liaison.periods import parse_period

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_tells_both_stories(cast, login):
    lines = demo.seed()
    assert any("Bến Tre 2017" in line for line in lines)
    counts = (Activity.objects.count(), SituationReport.objects.count(), Assignment.objects.count())
    demo.seed()
    assert (Activity.objects.count(), SituationReport.objects.count(), Assignment.objects.count()) == counts
    assert Escalation.objects.filter(unit__path__startswith="/L-p83/").count() == 1

    office = get_user_model().objects.get(username=demo.OFFICE_BT_USERNAME)
    cov = selectors.coverage(office, parse_period("2017-Q1", dt.date(2017, 4, 11)), dt.date(2017, 4, 11), 30)
    assert len(cov.communes) == 8
    assert all(r.successor_name for r in cov.communes)  # shown under their successors in Vĩnh Long
    flags = {c.full_name: c.flags for c in cov.cadres}
    assert not any(flags["Nguyễn Thành Lộc"].values())
    assert flags["Lê Văn Phước"]["poor_scheduling"] and flags["Lê Văn Phước"]["infrequent_contact"]
    assert flags["Võ Minh Trí"]["no_or_vague_feedback"]
    assert flags["Huỳnh Thị Ngọc Lan"]["loose_coordination"]
    # Seed 003 praised reporting: late reports are a product metric, not among the shortcomings.
    lan = next(c for c in cov.cadres if c.full_name == "Huỳnh Thị Ngọc Lan")
    assert lan.product_flags["late_reporting"] and "late_reporting" not in lan.flags
    assert any(r.stale for r in cov.communes)
    page = login(office).get("/co-so/bao-quat/?ky=2017-Q1").content.decode()
    assert "Đặng Văn Sơn" in page

    # The demo liaison follows commune A in Cần Thơ and has logged work there.
    assert Activity.objects.filter(unit=cast.commune_a, cadre__user=cast.liaison).exists()
    assert login(cast.liaison).get("/co-so/").content.decode().count("Ghi hoạt động") == 1
