"""Official extra days off and make-up working days announced each year, as dated data.

The statutory holidays (Tết, Giỗ Tổ, 30/4, 1/5, Quốc khánh, ...) come from the ``holidays``
package; it also knows many swaps ("Ngày nghỉ (thay cho ngày 26/04/2025)"). This list records
the announcements themselves so that a province can see and correct them: each entry names its
source. Entries with ``confirmed=False`` were not checked against the announcement text and are
not seeded; an office secretary confirms them on the calendar page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Announced:
    date: dt.date
    kind: str  # "day_off" or "working_day", as CalendarDay.Kind
    name: str
    source: str
    confirmed: bool = True


ANNOUNCED: list[Announced] = [
    Announced(
        dt.date(2024, 5, 4),
        "working_day",
        "Làm bù cho ngày nghỉ thứ Hai 29/4/2024",
        "Thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ lễ 30/4 - 1/5/2024 "
        "(hoán đổi thứ Hai 29/4 với thứ Bảy 4/5/2024)",
    ),
    Announced(
        dt.date(2025, 4, 26),
        "working_day",
        "Làm bù cho ngày nghỉ thứ Sáu 2/5/2025",
        "Thông báo của Bộ Nội vụ về lịch nghỉ lễ 30/4 - 1/5/2025 (hoán đổi thứ Sáu 2/5 với thứ Bảy 26/4/2025)",
    ),
    Announced(
        dt.date(2026, 8, 22),
        "working_day",
        "Làm bù cho ngày nghỉ thứ Hai 31/8/2026",
        "Dự kiến, chưa có thông báo chính thức (chưa áp dụng cho đến khi được xác nhận)",
        confirmed=False,
    ),
]


def confirmed() -> list[Announced]:
    return [a for a in ANNOUNCED if a.confirmed]
