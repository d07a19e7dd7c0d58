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


# --- The basis of each statutory day off -------------------------------------------------------

LABOUR_CODE = "Bộ luật Lao động 2019"
_ART112 = f"{LABOUR_CODE}, Điều 112, khoản 1"
# Names as the holiday calendar gives them (language="vi") → the point of Art. 112(1) that grants it.
STATUTORY_BASIS: tuple[tuple[str, str], ...] = (
    ("Tết Dương lịch", f"{_ART112}, điểm a (Tết Dương lịch: 01 ngày)"),
    ("Tết Nguyên Đán", f"{_ART112}, điểm b (Tết Âm lịch: 05 ngày; Thủ tướng quyết định ngày cụ thể, khoản 3)"),
    ("29 Tết", f"{_ART112}, điểm b (Tết Âm lịch: 05 ngày; Thủ tướng quyết định ngày cụ thể, khoản 3)"),
    ("Giao thừa", f"{_ART112}, điểm b (Tết Âm lịch: 05 ngày; Thủ tướng quyết định ngày cụ thể, khoản 3)"),
    ("Tết", f"{_ART112}, điểm b (Tết Âm lịch: 05 ngày; Thủ tướng quyết định ngày cụ thể, khoản 3)"),
    ("Ngày Chiến thắng", f"{_ART112}, điểm c (Ngày Chiến thắng 30/4: 01 ngày)"),
    ("Ngày Quốc tế Lao động", f"{_ART112}, điểm d (Ngày Quốc tế lao động 1/5: 01 ngày)"),
    (
        "Quốc khánh",
        f"{_ART112}, điểm đ (Quốc khánh: 02 ngày, ngày 2/9 và 01 ngày liền kề; Thủ tướng quyết định, khoản 3)",
    ),
    ("Ngày Giỗ Tổ Hùng Vương", f"{_ART112}, điểm e (Giỗ Tổ Hùng Vương 10/3 âm lịch: 01 ngày)"),
)
IN_LIEU_BASIS = (
    f"{LABOUR_CODE}, Điều 111, khoản 3 (ngày lễ trùng ngày nghỉ hằng tuần thì nghỉ bù vào ngày làm việc kế tiếp)"
)
UNSOURCED = "Chưa ghi căn cứ: quản trị hệ thống ghi số, ngày văn bản khi có"
UNCONFIRMED_SWAP = "Hoán đổi ngày làm việc chưa có văn bản xác nhận: chưa áp dụng"


def statutory_basis(name: str) -> str:
    """The article that grants a statutory day off named ``name`` (package name, Vietnamese)."""
    if "(nghỉ bù)" in name:
        return IN_LIEU_BASIS
    for start, basis in STATUTORY_BASIS:
        if start in name:
            return basis
    return UNSOURCED


def confirmed_swap_source(working_day) -> str | None:
    """The announcement that confirmed the make-up working day ``working_day`` (None if none)."""
    for item in confirmed():
        if item.kind == "working_day" and item.date == working_day:
            return item.source
    return None
