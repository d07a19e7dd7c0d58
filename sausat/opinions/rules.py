"""Dated rules for opinions: how long a responder has to answer.

Each rule is kept with the day it took effect and its legal basis, so an opinion received on a
given day gets the period in force that day (shared/domain/rules.md: "PAKN deadlines").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sausat.core.calendar import PeriodUnit, deadline


@dataclass(frozen=True)
class AnswerPeriodRule:
    valid_from: dt.date
    amount: int
    unit: PeriodUnit
    basis: str


ANSWER_PERIOD_RULES: tuple[AnswerPeriodRule, ...] = (
    AnswerPeriodRule(
        valid_from=dt.date(2017, 4, 24),
        amount=20,
        unit=PeriodUnit.CALENDAR_DAYS,
        basis="Quyết định 574/QĐ-TTg năm 2017; Quyết định 31/2021/QĐ-TTg, Điều 43-46",
    ),
)


def answer_rule_on(day: dt.date) -> AnswerPeriodRule:
    rules = [r for r in ANSWER_PERIOD_RULES if r.valid_from <= day]
    return max(rules, key=lambda r: r.valid_from) if rules else ANSWER_PERIOD_RULES[0]


def answer_deadline(start: dt.date, place=None) -> dt.date:
    """The last day to answer an opinion assigned on ``start`` (``place``: the opinion's unit, whose
    province's local days off count too)."""
    rule = answer_rule_on(start)
    return deadline(start, rule.amount, rule.unit, place=place)
