import datetime as dt

import pytest

from sausat.cadres.rules import Kind, NoRule, rule_for


@pytest.mark.parametrize(
    ("kind", "day", "code"),
    [
        (Kind.EVALUATION_PARTY, dt.date(2024, 12, 31), "124-QĐ/TW"),
        (Kind.EVALUATION_PARTY, dt.date(2025, 8, 29), "124-QĐ/TW"),
        (Kind.EVALUATION_PARTY, dt.date(2025, 8, 30), "366-QĐ/TW"),
        (Kind.EVALUATION_STATE, dt.date(2025, 12, 31), "90/2020/NĐ-CP"),
        (Kind.EVALUATION_STATE, dt.date(2026, 1, 1), "335/2025/NĐ-CP"),
        (Kind.CONFIDENCE_VOTE, dt.date(2023, 2, 1), "262-QĐ/TW"),
        (Kind.CONFIDENCE_VOTE, dt.date(2023, 2, 2), "96-QĐ/TW"),
        (Kind.PLANNING, dt.date(2025, 10, 7), "50-QĐ/TW"),
        (Kind.PLANNING, dt.date(2025, 10, 8), "377-QĐ/TW"),
    ],
)
def test_which_rule_applied(kind, day, code):
    rule = rule_for(kind, day)
    assert rule.code == code
    assert rule.source


def test_before_any_rule_is_refused():
    with pytest.raises(NoRule):
        rule_for(Kind.EVALUATION_PARTY, dt.date(2000, 1, 1))


def test_scored_thresholds_of_366():
    rule = rule_for(Kind.EVALUATION_PARTY, dt.date(2025, 12, 31))
    assert rule.scored and rule["general_max"] + rule["task_max"] == 100
    assert rule["thresholds"] == {"excellent": 90, "good": 70, "complete": 50}
    assert rule["excellent_quota"] == 0.20 and "excellent_quota" in rule.unconfirmed


def test_unconfirmed_values_are_configurable_and_confirmed_ones_are_not(settings):
    settings.SAUSAT_CADRES_RULE_OVERRIDES = {"366-QĐ/TW": {"excellent_quota": 0.15}}
    assert rule_for(Kind.EVALUATION_PARTY, dt.date(2025, 12, 31))["excellent_quota"] == 0.15
    settings.SAUSAT_CADRES_RULE_OVERRIDES = {"366-QĐ/TW": {"thresholds": {}}}
    with pytest.raises(ValueError, match="confirmed"):
        rule_for(Kind.EVALUATION_PARTY, dt.date(2025, 12, 31))
