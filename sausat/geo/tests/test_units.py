import datetime as dt

import pytest
from django.core.management import call_command

from sausat.geo.data.reorganisation_2025 import CENTRAL_CITY_CODES
from sausat.geo.loader import load_units
from sausat.geo.models import AdministrativeUnit, DivisionType, Level
from sausat.geo.selectors import search_units, unit_counts

pytestmark = pytest.mark.django_db


def test_current_structure_matches_the_2025_reorganisation():
    counts = unit_counts(dt.date(2026, 1, 1))
    by_type = counts["by_type"]
    assert counts["by_level"][Level.PROVINCE.label] == 34
    assert counts["by_level"][Level.COMMUNE.label] == 3321
    assert by_type[(Level.COMMUNE, DivisionType.XA)] == 2621
    assert by_type[(Level.COMMUNE, DivisionType.PHUONG)] == 687
    assert by_type[(Level.COMMUNE, DivisionType.DAC_KHU)] == 13
    assert Level.DISTRICT.label not in counts["by_level"]


def test_legacy_structure_before_1_july_2025():
    counts = unit_counts(dt.date(2024, 1, 1))["by_level"]
    assert counts[Level.PROVINCE.label] == 63
    assert counts[Level.DISTRICT.label] == 696
    assert counts[Level.COMMUNE.label] == 10051


def test_exactly_the_six_cities_of_resolution_202_are_centrally_run():
    cities = AdministrativeUnit.objects.current().filter(division_type=DivisionType.THANH_PHO_TRUNG_UONG)
    assert {int(c.official_code) for c in cities} == set(CENTRAL_CITY_CODES)
    quang_ninh = AdministrativeUnit.objects.get(code="p22")
    assert quang_ninh.division_type == DivisionType.TINH
    assert quang_ninh.name == "Tỉnh Quảng Ninh"


def test_hau_giang_lives_on_under_can_tho():
    hau_giang = AdministrativeUnit.objects.get(code="L-p93")
    can_tho = AdministrativeUnit.objects.get(code="p92")
    assert not hau_giang.is_current
    assert hau_giang.successor == can_tho
    assert hau_giang.scope_path == can_tho.path
    legacy_commune = AdministrativeUnit.objects.filter(path__startswith="/L-p93/", level=Level.COMMUNE).first()
    assert legacy_commune.scope_path.startswith(can_tho.path)
    assert legacy_commune.successor.parent == can_tho


def test_loading_twice_changes_nothing():
    before = AdministrativeUnit.objects.count()
    report = load_units()
    assert (report.created, report.updated, report.successions) == (0, 0, 0)
    assert AdministrativeUnit.objects.count() == before


def test_search_without_diacritics_ranks_exact_spelling_first():
    results = search_units("dong thap")
    assert results and results[0].name == "Tỉnh Đồng Tháp"
    assert search_units("Đồng Tháp")[0].name == "Tỉnh Đồng Tháp"


def test_geo_stats_command_prints_counts(capsys):
    call_command("geo_stats", "--on", "2024-01-01")
    out = capsys.readouterr().out
    assert "01/01/2024" in out and "696" in out and "10051" in out
