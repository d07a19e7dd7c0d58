"""Numbers and percentages the Vietnamese way, the same on pages, in .docx and in .xlsx.

Vietnamese writes "1.234" (a dot between thousands) and "2,2%" (a decimal comma), whatever the
reader's interface language: the figures are quoted in official documents. One rule everywhere:

* :func:`percent` — the share ``part/whole`` as a number rounded half up (``2.2``); ``None`` when
  ``whole`` is 0. Every percentage of the three promises is computed by it, so a page, the pack,
  the dashboard and an export never round differently.
* :func:`vn_number` / :func:`vn_percent` — the text of a number / a share (``"1.234"``, ``"2,2%"``).
* :class:`XlsxPercent` — a share for a spreadsheet: a real number cell (``0.022``) with the
  ``0.0%`` format, which Excel and LibreOffice show with the reader's decimal mark ("2,2%" on a
  Vietnamese system) while sums and charts still work.

Templates: ``{% load vn_numbers %}`` then ``{{ n|vn_number }}``, ``{{ rate|vn_rate }}`` (a number
already in percent) or ``{{ part|vn_percent:whole }}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DASH = "—"
PERCENT_DIGITS = 1


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def percent(part: int | float, whole: int | float, digits: int = PERCENT_DIGITS) -> float | None:
    """``100 * part / whole`` rounded half up to ``digits`` decimals; ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    value = Decimal(str(part)) * 100 / Decimal(str(whole))
    return float(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def vn_number(value, digits: int | None = None) -> str:
    """``1234`` -> ``"1.234"``; ``2.25`` -> ``"2,3"`` (``digits=1``); ``20.0`` -> ``"20"``.

    ``digits=None`` keeps an integer whole and writes a float with one decimal; trailing zero
    decimals are dropped ("66,0" reads "66"). ``None`` or non-numbers give "—".
    """
    number = _decimal(value)
    if number is None:
        return DASH if value is None or value == "" else str(value)
    if digits is None:
        digits = 0 if number == number.to_integral_value() else PERCENT_DIGITS
    number = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, frac = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + ".".join(groups)
    frac = frac.rstrip("0")
    return f"{text},{frac}" if frac else text


def vn_rate(value, digits: int = PERCENT_DIGITS) -> str:
    """A number already in percent: ``66.7`` -> ``"66,7%"``; ``None`` -> "—"."""
    if value is None or value == "":
        return DASH
    return f"{vn_number(value, digits)}%"


def vn_percent(part: int | float, whole: int | float, digits: int = PERCENT_DIGITS) -> str:
    """The share ``part/whole``: ``vn_percent(1, 45)`` -> ``"2,2%"``; "—" when ``whole`` is 0."""
    return vn_rate(percent(part, whole, digits), digits)


@dataclass(frozen=True)
class XlsxPercent:
    """A percentage for :mod:`sausat.core.exports.xlsx`: written as the fraction with a % format."""

    rate: float | None  # in percent, as :func:`percent` returns it
    digits: int = PERCENT_DIGITS

    @property
    def fraction(self) -> float | None:
        return None if self.rate is None else round(self.rate / 100, self.digits + 2)

    @property
    def number_format(self) -> str:
        return "0." + "0" * self.digits + "%" if self.digits else "0%"

    def __str__(self) -> str:
        return vn_rate(self.rate, self.digits)
