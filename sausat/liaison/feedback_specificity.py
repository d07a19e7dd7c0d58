"""How specific a piece of feedback is, 0-100.

The 2017 review criticised feedback "stated in general terms, so the commune found it hard to
act on". The score is the text engine's (:func:`sausat.textkit.specificity.specificity_score`,
0..1: figures, dates and deadlines, named places and bodies count for; stock phrases that ask for
nothing in particular count against) scaled to 0-100. Below the dated setting
``liaison.vague_below`` (docs/rules.md; by default the engine's own threshold, 50) an item counts
as vague.
"""

from __future__ import annotations

import datetime as dt

from sausat.core.dated_rules import AppliedSetting, setting_for
from sausat.geo.models import AdministrativeUnit
from sausat.textkit.specificity import VAGUE_THRESHOLD, specificity_score

METHOD = "textkit-v1"
# The engine's threshold on the 0-100 scale (the code default of the dated setting below).
VAGUE_BELOW = round(VAGUE_THRESHOLD * 100)
VAGUE_SETTING = "liaison.vague_below"


def vague_rule(on: dt.date, unit: AdministrativeUnit | None = None) -> AppliedSetting:
    """The cut-off in force on ``on`` (a dated setting, docs/rules.md), with its basis."""
    return setting_for(VAGUE_SETTING, on=on, unit=unit)


def vague_below(on: dt.date, unit: AdministrativeUnit | None = None) -> int:
    """Below this score (0-100) a feedback item counts as vague: the dated setting in force."""
    return int(vague_rule(on, unit).value)


def specificity(text: str | None) -> int:
    """The text engine's score of ``text``, 0-100."""
    return max(0, min(100, round(specificity_score(text).score * 100)))
