"""The dated rules that apply to a meeting of a given kind, the dates they give, and whether they
are met (shown on the meeting's page).

- A commune-level dialogue conference from 1/7/2025 (Law on Organisation of Local Government 2025,
  Art. 43): announced at least 7 days before; results published at most 10 days after.
- A citizen-reception day of a Party committee head (QĐ 11-QĐi/TW, amended by KL 215-KL/TW): at
  least N days a month for the tier of the unit. It applies to meetings of kind "reception".

The numbers and their basis are dated settings (:mod:`sausat.core.dated_rules`, docs/rules.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from sausat.core.calendar import VN_TZ, end_of_day, local_date
from sausat.core.dated_rules import AppliedSetting, NoSetting, setting_for
from sausat.geo.models import Level

RECEPTION_KIND = "reception"  # MeetingKind.RECEPTION (this module reads plain values, not the model)

MET = "met"
NOT_MET = "not_met"
PENDING = "pending"
UNKNOWN = "unknown"
STATE_LABELS = {
    MET: _("Đạt"),
    NOT_MET: _("Chưa đạt"),
    PENDING: _("Chưa đến hạn"),
    UNKNOWN: _("Chưa xác định"),
}
_TIERS = {Level.PROVINCE: "province", Level.DISTRICT: "district", Level.COMMUNE: "commune"}


@dataclass(frozen=True)
class RuleCheck:
    setting: AppliedSetting
    what: str  # what the rule asks, in words
    due: dt.date | None  # the date the rule gives for this meeting
    done_on: dt.date | None  # when it was done, if recorded
    state: str
    detail: str = ""

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def _setting(key: str, on: dt.date, unit) -> AppliedSetting | None:
    try:
        return setting_for(key, on=on, unit=unit)
    except NoSetting:
        return None


def _dialogue(meeting, day: dt.date, today: dt.date) -> list[RuleCheck]:
    checks = []
    announce = _setting("meetings.dialogue_announce_days_before", day, meeting.unit)
    if announce is not None:
        due = day - dt.timedelta(days=int(announce.value))
        checks.append(
            RuleCheck(
                announce,
                f"Thông báo thời gian, địa điểm, nội dung trước ít nhất {announce.value} ngày",
                due,
                None,
                UNKNOWN if today > due else PENDING,
                "Hồ sơ hội nghị chưa ghi ngày thông báo.",
            )
        )
    results = _setting("meetings.dialogue_results_days_after", day, meeting.unit)
    if results is not None:
        due = day + dt.timedelta(days=int(results.value))
        done = local_date(meeting.results_published_at) if meeting.results_published_at else None
        if done is not None:
            state = MET if done <= due else NOT_MET
        else:
            state = NOT_MET if today > due else PENDING
        checks.append(RuleCheck(results, f"Công khai kết quả chậm nhất sau {results.value} ngày", due, done, state))
    return checks


def _reception(meeting, day: dt.date, today: dt.date) -> list[RuleCheck]:
    rule = _setting("meetings.reception_days_per_month", day, meeting.unit)
    tier = _TIERS.get(meeting.unit.level)
    if rule is None or tier not in rule.value:
        return []
    required = int(rule.value[tier])
    start = day.replace(day=1)
    end = start + relativedelta(months=1) - dt.timedelta(days=1)
    moments = (
        type(meeting)
        .objects.filter(
            kind=RECEPTION_KIND,
            unit=meeting.unit,
            starts_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=VN_TZ),
            starts_at__lt=end_of_day(end),
        )
        .values_list("starts_at", flat=True)
    )
    held = len({local_date(moment) for moment in moments})
    state = MET if held >= required else (PENDING if today <= end else NOT_MET)
    return [
        RuleCheck(
            rule,
            f"Tiếp dân định kỳ ít nhất {required} ngày trong tháng {day:%m/%Y}",
            end,
            None,
            state,
            f"Đã có {held} ngày tiếp dân trong tháng.",
        )
    ]


def checks_for(meeting, today: dt.date) -> list[RuleCheck]:
    """The rules that apply to ``meeting`` (by kind, tier and date) and how it stands on ``today``."""
    day = local_date(meeting.starts_at)
    if meeting.kind == "dialogue" and meeting.unit.level == Level.COMMUNE:
        return _dialogue(meeting, day, today)
    if meeting.kind == RECEPTION_KIND:
        return _reception(meeting, day, today)
    return []
