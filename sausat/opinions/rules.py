"""Dated rules for opinions: how long a responder has to answer, how long a petition waits.

The periods are dated settings (:mod:`sausat.core.dated_rules`): the 20-day answer period is the
product's default (the PAKN decision is only an analogy, docs/rules.md), and a province may set its
own from a given day. The period that applies is the one in force on the day the count starts, in
the province of the opinion's unit; working days count that province's local days off too.
"""

from __future__ import annotations

import datetime as dt

from sausat.core.calendar import deadline
from sausat.core.dated_rules import AppliedSetting, setting_for

ANSWER_PERIOD = "opinions.answer_period"
PETITION_REPLY_PERIOD = "opinions.petition_reply_period"


def answer_rule_on(day: dt.date, place=None) -> AppliedSetting:
    """The answer period in force on ``day`` for ``place`` (value {"amount", "unit"}, basis)."""
    return setting_for(ANSWER_PERIOD, on=day, unit=place)


def answer_deadline(start: dt.date, place=None) -> dt.date:
    """The last day to answer an opinion assigned on ``start`` (``place``: the opinion's unit, whose
    province's setting and local days off apply)."""
    rule = answer_rule_on(start, place)
    return deadline(start, rule["amount"], rule["unit"], place=place)


def petition_rule_on(day: dt.date, place=None) -> AppliedSetting:
    return setting_for(PETITION_REPLY_PERIOD, on=day, unit=place)


def petition_reply_deadline(sent_on: dt.date, place=None) -> dt.date:
    """The last day for the competent authority to reply to a petition sent on ``sent_on``."""
    rule = petition_rule_on(sent_on, place)
    return deadline(sent_on, rule["amount"], rule["unit"], place=place)
