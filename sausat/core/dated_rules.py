"""Every threshold the product applies, as dated data with its basis: one place.

:data:`REGISTRY` lists the defaults in code: a key, the value, the legal basis (or the words
"Mặc định của sản phẩm" when no text fixes it: the product chose it), what it means and from when
it applies. A ``DatedSetting`` row (edited with ``manage.py dated_setting`` by an administrator,
or for one province by its secretaries) replaces the default from its ``valid_from`` on, with its
own basis. :func:`setting_for` answers which value applies on a day for a unit, and why::

    s = setting_for("opinions.answer_period", on=day, unit=opinion.unit)
    deadline(day, s.value["amount"], s.value["unit"], place=opinion.unit)
    s.label  # "20 ngày — Mặc định của sản phẩm"

Resolution: the province's own row in force that day (the latest ``valid_from``), else the
national row in force, else the code default in force. Values the sources did not confirm are
marked ``confirmed=False`` and say so wherever they are shown. docs/rules.md lists the registry
(``sausat/core/tests/test_dated_rules.py`` keeps it in step).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from typing import Any

PRODUCT_DEFAULT = "Mặc định của sản phẩm"
ALWAYS = dt.date(2000, 1, 1)

# How a value is read and shown.
PERIOD = "period"  # {"amount": 20, "unit": "calendar_days" | "working_days"}
DAYS = "days"  # calendar days, int
POINTS = "points"  # 0-100, int
CHOICE = "choice"  # one of ``choices``
REMINDERS = "reminders"  # {"before_working_days": 3, "overdue": true}
PER_MONTH = "per_month"  # {"province": 1, "commune": 2}: days per month by tier

_UNIT_WORDS = {"calendar_days": "ngày", "working_days": "ngày làm việc"}
_TIER_WORDS = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


@dataclass(frozen=True)
class Default:
    key: str
    value: Any
    basis: str
    description: str
    kind: str
    valid_from: dt.date = ALWAYS
    valid_to: dt.date | None = None  # the last day it applies; None while in force
    note: str = ""
    confirmed: bool = True
    choices: dict[str, str] = field(default_factory=dict)

    @property
    def is_product_default(self) -> bool:
        return self.basis == PRODUCT_DEFAULT

    def applies_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _rule(key: str, kind: str, value: Any, description: str, basis: str = PRODUCT_DEFAULT, **more: Any) -> Default:
    """One row of :data:`REGISTRY`; ``basis`` is the product's own choice unless a text is named.
    ``more``: ``valid_from``, ``valid_to``, ``note``, ``confirmed``, ``choices`` (see :class:`Default`)."""
    return Default(key=key, value=value, basis=basis, description=description, kind=kind, **more)


def _period(amount: int, unit: str = "calendar_days") -> dict[str, Any]:
    return {"amount": amount, "unit": unit}


def _reminders(before_working_days: int, overdue: bool = True) -> dict[str, Any]:
    return {"before_working_days": before_working_days, "overdue": overdue}


_PAKN = "Quyết định 574/QĐ-TTg năm 2017; Quyết định 31/2021/QĐ-TTg, Điều 43-46"
_ART43 = "Luật Tổ chức chính quyền địa phương 2025, Điều 43"
_QD11 = "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị"
_RECEPTION = "Người đứng đầu cấp ủy tiếp dân định kỳ, số ngày mỗi tháng ít nhất"

# One call a rule: key, kind, value, meaning[, basis][, dated extras]. Kept as a table (not reflowed).
# fmt: off
REGISTRY: tuple[Default, ...] = (
    _rule("opinions.answer_period", PERIOD, _period(20), "Thời hạn trả lời ý kiến, kể từ ngày giao cơ quan trả lời",
          note=f"Tham khảo, không phải căn cứ: thời hạn 20 ngày trả lời phản ánh, kiến nghị ({_PAKN})."),
    _rule("opinions.petition_reply_period", PERIOD, _period(20),
          "Thời hạn chờ cấp có thẩm quyền trả lời kiến nghị, kể từ ngày gửi",
          note="Chưa có văn bản quy định chung; sản phẩm dùng cùng thời hạn với trả lời ý kiến."),
    _rule("opinions.reminders", REMINDERS, _reminders(3), "Nhắc hạn trả lời ý kiến và trả lời kiến nghị"),
    _rule("opinions.at_risk_days", DAYS, 7, "Ý kiến sắp đến hạn: hạn trả lời trong số ngày này"),
    _rule("directives.reminders", REMINDERS, _reminders(3), "Nhắc hạn nhiệm vụ"),
    _rule("directives.at_risk_days", DAYS, 7, "Nhiệm vụ sắp đến hạn: hạn trong số ngày này"),
    _rule("directives.silent_days", DAYS, 30, "Nhiệm vụ chưa có báo cáo tiến độ trong số ngày này"),
    _rule("directives.done_means", CHOICE, "approval", "Ngày hoàn thành của nhiệm vụ",
          choices={"approval": "ngày văn phòng duyệt đề nghị hoàn thành"},
          note="Báo cáo 1270/BC-TCTTTg (2017) chia đúng hạn / quá hạn nhưng không nói ngày nào là ngày hoàn thành."),
    _rule("liaison.escalation_period", PERIOD, _period(10, "working_days"),
          "Thời hạn xử lý kiến nghị của cán bộ phụ trách địa bàn chuyển lên cấp trên"),
    _rule("liaison.no_contact_days", DAYS, 30, "Địa bàn bị coi là lâu không liên hệ sau số ngày này",
          note="Báo cáo sơ kết 2017 (bài số 003) chỉ nêu 'ít liên hệ', không nêu số ngày."),
    _rule("liaison.vague_below", POINTS, 50, "Góp ý có độ cụ thể dưới mức này (thang 100) bị coi là chung chung"),
    _rule("meetings.dialogue_announce_days_before", DAYS, 7,
          "Hội nghị đối thoại cấp xã: thông báo thời gian, địa điểm, nội dung trước ít nhất",
          _ART43, valid_from=dt.date(2025, 7, 1)),
    _rule("meetings.dialogue_results_days_after", DAYS, 10,
          "Hội nghị đối thoại cấp xã: công khai kết quả chậm nhất sau",
          _ART43, valid_from=dt.date(2025, 7, 1)),
    _rule("meetings.reception_days_per_month", PER_MONTH, {"province": 1, "district": 1}, _RECEPTION, _QD11,
          valid_from=dt.date(2019, 2, 18), valid_to=dt.date(2025, 11, 22), confirmed=False,
          note="Số ngày của cấp xã trước khi sửa đổi chưa được xác nhận."),
    _rule("meetings.reception_days_per_month", PER_MONTH, {"province": 1, "commune": 2}, _RECEPTION,
          "Quy định 11-QĐi/TW, sửa đổi theo Kết luận 215-KL/TW ngày 23/11/2025",
          valid_from=dt.date(2025, 11, 23), note="Theo bản tóm tắt trên báo chí; chưa đối chiếu văn bản gốc."),
)
# fmt: on


def defaults_for(key: str) -> list[Default]:
    found = [d for d in REGISTRY if d.key == key]
    if not found:
        raise KeyError(f"Không có thiết lập '{key}'.")
    return found


def setting_keys() -> list[str]:
    return list(dict.fromkeys(d.key for d in REGISTRY))


def display_value(kind: str, value: Any, choices: dict[str, str] | None = None) -> str:
    """The value in words, e.g. "20 ngày", "10 ngày làm việc", "cấp tỉnh: 1; cấp xã: 2 ngày/tháng"."""
    if kind == PERIOD:
        return f"{value['amount']} {_UNIT_WORDS.get(value['unit'], value['unit'])}"
    if kind == DAYS:
        return f"{value} ngày"
    if kind == POINTS:
        return f"{value}/100 điểm"
    if kind == CHOICE:
        return (choices or {}).get(value, str(value))
    if kind == REMINDERS:
        parts = []
        if value.get("before_working_days"):
            parts.append(f"trước hạn {value['before_working_days']} ngày làm việc")
        if value.get("overdue"):
            parts.append("mỗi ngày quá hạn")
        return "nhắc " + " và ".join(parts) if parts else "không nhắc"
    if kind == PER_MONTH:
        return "; ".join(f"{_TIER_WORDS.get(t, t)}: {n} ngày/tháng" for t, n in value.items())
    return str(value)


def check_value(key: str, value: Any) -> str | None:
    """Why ``value`` cannot be stored for ``key`` (None when it can): same shape as the default."""
    default = defaults_for(key)[-1]
    kind = default.kind
    if kind == PERIOD:
        if not isinstance(value, dict) or set(value) != {"amount", "unit"}:
            return 'Cần dạng {"amount": số ngày, "unit": "calendar_days" hoặc "working_days"}.'
        if value["unit"] not in _UNIT_WORDS:
            return "Đơn vị phải là calendar_days (ngày) hoặc working_days (ngày làm việc)."
        if not isinstance(value["amount"], int) or isinstance(value["amount"], bool) or not 0 < value["amount"] <= 3660:
            return "Số ngày phải là số nguyên dương."
        return None
    if kind in (DAYS, POINTS):
        top = 100 if kind == POINTS else 3660
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
            return f"Cần một số nguyên từ 0 đến {top}."
        return None
    if kind == CHOICE:
        return None if value in default.choices else f"Chọn một trong: {', '.join(default.choices)}."
    if kind == REMINDERS:
        if not isinstance(value, dict) or set(value) != {"before_working_days", "overdue"}:
            return 'Cần dạng {"before_working_days": số ngày, "overdue": true/false}.'
        days = value["before_working_days"]
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 60:
            return "Số ngày nhắc trước hạn phải từ 0 đến 60."
        if not isinstance(value["overdue"], bool):
            return "overdue phải là true hoặc false."
        return None
    if kind == PER_MONTH:
        if not isinstance(value, dict) or not value or not set(value) <= set(_TIER_WORDS):
            return 'Cần dạng {"province": số ngày, "commune": số ngày}.'
        if any(not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 31 for n in value.values()):
            return "Số ngày mỗi tháng phải từ 0 đến 31."
        return None
    return None


@dataclass(frozen=True)
class AppliedSetting:
    """The value that applies, and why."""

    key: str
    value: Any
    basis: str
    valid_from: dt.date
    valid_to: dt.date | None
    is_product_default: bool
    overridden_by_unit: str  # the province's name when its own row applies, else ""
    description: str
    kind: str
    note: str = ""
    confirmed: bool = True
    from_data: bool = False  # a DatedSetting row, not the code default
    choices: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.value[name]

    @property
    def display(self) -> str:
        return display_value(self.kind, self.value, self.choices)

    @property
    def basis_label(self) -> str:
        basis = "mặc định của sản phẩm" if self.is_product_default else self.basis
        if self.overridden_by_unit:
            basis = f"{basis} (riêng của {self.overridden_by_unit})"
        if not self.confirmed:
            basis = f"{basis}; chưa được xác nhận"
        return basis

    @property
    def label(self) -> str:
        """ "20 ngày — mặc định của sản phẩm" """
        return f"{self.display} — {self.basis_label}"


class NoSetting(LookupError):
    pass


def _province_path(unit) -> str:
    """ "/p92/" for any unit of that province (or its scope path as a string)."""
    if not unit:
        return ""
    path = unit if isinstance(unit, str) else (unit.scope_path or unit.path)
    path = path.strip("/").split("/")[0]
    return f"/{path}/"


# Which keys have rows at all, read at most every minute per process (as the calendar's cache): most
# keys have none, so most lookups need no query. Writes through the service clear it.
_CACHE_SECONDS = 60
_lock = threading.Lock()
_keys_cache: tuple[float, frozenset[str]] | None = None


def invalidate_cache() -> None:
    global _keys_cache
    with _lock:
        _keys_cache = None


def _keys_with_rows() -> frozenset[str]:
    global _keys_cache
    from sausat.core.models import DatedSetting

    now = time.monotonic()
    with _lock:
        hit = _keys_cache
    if hit is not None and now - hit[0] < _CACHE_SECONDS:
        return hit[1]
    found = frozenset(DatedSetting.objects.values_list("key", flat=True).distinct())
    with _lock:
        _keys_cache = (now, found)
    return found


def _rows(key: str, on: dt.date):
    from django.db.models import Q

    from sausat.core.models import DatedSetting

    return (
        DatedSetting.objects.filter(key=key, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("unit")
        .order_by("-valid_from", "-id")
    )


def setting_for(key: str, *, on: dt.date, unit=None) -> AppliedSetting:
    """The setting ``key`` that applies on ``on`` for ``unit`` (its province's row, else the
    national row, else the code default). ``unit``: an administrative unit, or its scope path."""
    defaults = defaults_for(key)
    default = next((d for d in defaults if d.applies_on(on)), None)
    template = default or defaults[-1]
    rows = list(_rows(key, on)) if key in _keys_with_rows() else []
    own = None
    if unit is not None:
        province = _province_path(unit)
        own = next((r for r in rows if r.unit_id and (r.unit.scope_path or r.unit.path).startswith(province)), None)
    row = own or next((r for r in rows if r.unit_id is None), None)
    if row is not None:
        return AppliedSetting(
            key=key,
            value=row.value,
            basis=row.basis,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            is_product_default=row.basis == PRODUCT_DEFAULT,
            overridden_by_unit=row.unit.name if own is not None else "",
            description=template.description,
            kind=template.kind,
            note=row.note,
            from_data=True,
            choices=template.choices,
        )
    if default is None:
        raise NoSetting(f"Không có thiết lập '{key}' áp dụng cho ngày {on:%d/%m/%Y}.")
    return AppliedSetting(
        key=key,
        value=default.value,
        basis=default.basis,
        valid_from=default.valid_from,
        valid_to=default.valid_to,
        is_product_default=default.is_product_default,
        overridden_by_unit="",
        description=default.description,
        kind=default.kind,
        note=default.note,
        confirmed=default.confirmed,
        choices=default.choices,
    )


def value_for(key: str, *, on: dt.date, unit=None) -> Any:
    return setting_for(key, on=on, unit=unit).value


class SettingCache:
    """:func:`setting_for` of one key and day, memoised per province: for loops over many records
    (reminder runs), one query per province instead of one per record."""

    def __init__(self, key: str, on: dt.date):
        self.key, self.on = key, on
        self._by_province: dict[str, AppliedSetting] = {}

    def __call__(self, unit=None) -> AppliedSetting:
        province = _province_path(unit)
        if province not in self._by_province:
            self._by_province[province] = setting_for(self.key, on=self.on, unit=unit)
        return self._by_province[province]

    def all_in_force(self) -> list[AppliedSetting]:
        """The national setting and every province's own one in force on the day."""
        found = [self(None)]
        if self.key not in _keys_with_rows():
            return found
        provinces = {r.unit for r in _rows(self.key, self.on).filter(unit__isnull=False)}
        found += [self(unit) for unit in provinces]
        return found


def registry_markdown() -> str:
    """The table of docs/rules.md (``manage.py dated_setting docs`` prints it)."""
    lines = [
        "| key | default | basis | from | to | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for d in REGISTRY:
        basis = d.basis + ("" if d.confirmed else " (chưa được xác nhận)")
        if d.note:
            basis += f". {d.note}"
        lines.append(
            "| `{}` | {} | {} | {} | {} | {} |".format(
                d.key,
                display_value(d.kind, d.value, d.choices),
                basis.replace("|", "/"),
                "—" if d.valid_from == ALWAYS else f"{d.valid_from:%d/%m/%Y}",
                f"{d.valid_to:%d/%m/%Y}" if d.valid_to else "—",
                d.description,
            )
        )
    return "\n".join(lines) + "\n"
