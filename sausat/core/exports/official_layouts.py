"""The two official layouts as data, each value with the rule it comes from.

STATE_ND30: Nghị định 30/2020/NĐ-CP (5/3/2020), Phụ lục I "Thể thức, kỹ thuật trình bày văn bản hành
chính" — the table of fonts, sizes and styles (Mục IV) and the items of Mục II.
PARTY_HD36: Hướng dẫn 36-HD/VPTW (3/4/2018) of the Central Party Office on the format of Party
documents, under Quy định 66-QĐ/TW (6/2/2017); Phụ lục 1 (mẫu chữ và chi tiết trình bày).

Where a value was read from a summary (shared/domain/rules.md B.8) and not from the gazette text,
its comment says "to verify"; docs/documents.md lists them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Layout(StrEnum):
    STATE_ND30 = "state_nd30"
    PARTY_HD36 = "party_hd36"


class Authority(StrEnum):
    """How the signer signs: for the collective, in place of the head, by order, by authorisation."""

    NONE = ""
    ON_BEHALF = "on_behalf"  # NĐ 30 "TM." / HD 36 "T/M": on behalf of a collective
    DEPUTY = "deputy"  # "KT." / "K/T": a deputy signing in place of the head
    BY_ORDER = "by_order"  # "TL." / "T/L": the head of office signs by order of the head
    AUTHORISED = "authorised"  # "TUQ." / "T/UQ" (Party form to verify)


@dataclass(frozen=True)
class Style:
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class LayoutSpec:
    layout: Layout
    basis: str
    top_right: tuple[tuple[str, Style], ...]  # national name and motto / the Party's name
    top_right_rule: float  # the drawn rule under the last top-right line, as a share of that line's length
    superior: Style
    issuing: Style
    issuing_mark: str  # "rule": a drawn rule under the issuing body; "*": an asterisk line
    issuing_rule: float  # share of the issuing line's length (NĐ 30: 1/3–1/2)
    number: Style
    date: Style
    doc_type: Style
    title: Style
    title_mark: str  # "rule" or the dashes written under the summary
    body_pt: float
    authority: Style
    signer_title: Style
    signer_name: Style
    authority_words: dict[Authority, str]
    recipients_label: Style
    recipient: Style
    recipient_end: str  # after every recipient but the archive line
    archive_prefix: str  # "Lưu: " / "Lưu "
    default_archive: str
    page_number: Style
    column_widths_mm: tuple[float, float]  # header and closing columns (165 mm of text width)


NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"

SPECS: dict[Layout, LayoutSpec] = {
    Layout.STATE_ND30: LayoutSpec(
        layout=Layout.STATE_ND30,
        basis="Nghị định 30/2020/NĐ-CP, Phụ lục I, Mục II và bảng Mục IV",
        # Quốc hiệu: in hoa, 12–13, đứng, đậm; tiêu ngữ: in thường, 13–14, đứng, đậm, with a solid
        # drawn line under it as long as the line of text (Mục II.1).
        top_right=((NATIONAL_NAME, Style(12, bold=True)), (NATIONAL_MOTTO, Style(13, bold=True))),
        top_right_rule=1.0,
        # Tên cơ quan chủ quản: in hoa, 12–13, đứng; tên cơ quan ban hành: in hoa, 12–13, đứng, đậm,
        # a solid line under it 1/3–1/2 of the line's length, centred (Mục II.2).
        superior=Style(13),
        issuing=Style(13, bold=True),
        issuing_mark="rule",
        issuing_rule=0.4,
        number=Style(13),  # "Số: 12/TB-UBND": 13, đứng (Mục II.3)
        date=Style(14, italic=True),  # in thường, 13–14, nghiêng (Mục II.4)
        doc_type=Style(14, bold=True),  # tên loại: in hoa, 13–14, đứng, đậm (Mục II.5)
        title=Style(14, bold=True),  # trích yếu: in thường, 14, đứng, đậm; a short rule under it
        title_mark="rule",
        body_pt=14,  # nội dung: 13–14 (Mục II.6)
        # Quyền hạn, chức vụ: in hoa, 13–14, đứng, đậm; họ tên: in thường, 13–14, đứng, đậm (Mục II.7).
        authority=Style(14, bold=True),
        signer_title=Style(14, bold=True),
        signer_name=Style(14, bold=True),
        authority_words={
            Authority.ON_BEHALF: "TM.",
            Authority.DEPUTY: "KT.",
            Authority.BY_ORDER: "TL.",
            Authority.AUTHORISED: "TUQ.",
        },
        # "Nơi nhận:" in thường, 12, nghiêng, đậm; recipients in thường, 11, đứng, each ending ";",
        # the last "Lưu: VT, <drafting unit>." (Mục II.9).
        recipients_label=Style(12, bold=True, italic=True),
        recipient=Style(11),
        recipient_end=";",
        archive_prefix="Lưu: ",
        default_archive="VT",
        page_number=Style(14),  # 13–14, centred in the top margin, from page 2 (Mục II.10 / Điều 13.e)
        column_widths_mm=(65, 100),
    ),
    Layout.PARTY_HD36: LayoutSpec(
        layout=Layout.PARTY_HD36,
        basis="Hướng dẫn 36-HD/VPTW (3/4/2018), Phụ lục 1; Quy định 66-QĐ/TW (6/2/2017)",
        # "ĐẢNG CỘNG SẢN VIỆT NAM": in hoa, 15, đứng, đậm, a solid line under it.
        top_right=((PARTY_NAME, Style(15, bold=True)),),
        top_right_rule=1.0,
        # Superior Party body: in hoa, 14, đứng; issuing body: in hoa, 14, đứng, đậm; then "*".
        superior=Style(14),
        issuing=Style(14, bold=True),
        issuing_mark="*",
        issuing_rule=0.0,
        number=Style(14),  # "Số 12-TB/TU": no colon, 14, đứng
        date=Style(14, italic=True),  # 14, nghiêng
        doc_type=Style(16, bold=True),  # tên loại: in hoa, 15–16, đứng, đậm
        title=Style(14, bold=True),  # trích yếu: in thường, 14–15, đứng, đậm
        title_mark="-----",  # a line of dashes under the summary (rules B.8: "or a short rule"; to verify)
        body_pt=14,  # 14–15
        # Thể thức đề ký "T/M", "K/T", "T/L" in hoa, 14, đậm; chức vụ in hoa, 14 (not bold: to verify);
        # họ tên in thường, 14, đậm.
        authority=Style(14, bold=True),
        signer_title=Style(14),
        signer_name=Style(14, bold=True),
        authority_words={
            Authority.ON_BEHALF: "T/M",
            Authority.DEPUTY: "K/T",
            Authority.BY_ORDER: "T/L",
            Authority.AUTHORISED: "T/UQ",  # to verify
        },
        # "Nơi nhận:" in thường, 14, đứng, gạch chân; recipients 12, each ending ","; the last
        # "- Lưu Văn phòng …." (brief of issue 18 and rules B.8; punctuation to verify).
        recipients_label=Style(14, underline=True),
        recipient=Style(12),
        recipient_end=",",
        archive_prefix="Lưu ",
        default_archive="Văn phòng",
        page_number=Style(14),  # from page 2; centred at the top as in NĐ 30 (position to verify)
        column_widths_mm=(80, 85),
    ),
}


def spec(layout: Layout | str) -> LayoutSpec:
    return SPECS[Layout(layout)]


def date_line(place: str, date: dt.date | None) -> str:
    """ "Cần Thơ, ngày 05 tháng 02 năm 2026".

    NĐ 30/2020, Phụ lục I, Mục II.4.b: "Đối với những số chỉ ngày nhỏ hơn 10 và tháng 1, 2 thì phải
    ghi thêm số 0 ở trước". HD 36-HD/VPTW's own header ("ngày 03 tháng 4 năm 2018") follows the same
    rule, used for both layouts (to verify for months 1–2 in the Party text)."""
    if date is None:
        text = "ngày     tháng     năm     "
        return f"{place}, {text}" if place else text
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    text = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    return f"{place}, {text}" if place else text


def number_line(layout: Layout | str, number: str, symbol: str) -> str:
    """ "Số: 12/TB-UBND" (NĐ 30, Mục II.3) or "Số 12-TB/TU" (HD 36: no colon, a hyphen before the type).

    An empty number leaves room for the number given when the document is registered."""
    number = number.strip() or "     "
    if Layout(layout) == Layout.PARTY_HD36:
        return f"Số {number}-{symbol}" if symbol else f"Số {number}"
    return f"Số: {number}/{symbol}" if symbol else f"Số: {number}"


_ALL_WORDS = {word: kind for s in SPECS.values() for kind, word in s.authority_words.items()}
_ALL_WORDS.update({"TM": Authority.ON_BEHALF, "KT": Authority.DEPUTY, "TL": Authority.BY_ORDER})


def split_authority(text: str) -> tuple[Authority, str]:
    """ "T/M Ban Thường vụ" -> (ON_BEHALF, "Ban Thường vụ"); "Ban Tổ chức" -> (NONE, "Ban Tổ chức")."""
    text = text.strip()
    head, _, rest = text.partition(" ")
    word = head.upper()
    if word in _ALL_WORDS:
        return _ALL_WORDS[word], rest.strip()
    if word.rstrip(".") in _ALL_WORDS:
        return _ALL_WORDS[word.rstrip(".")], rest.strip()
    return Authority.NONE, text


def authority_line(layout: Layout | str, authority: Authority | str, whom: str = "") -> str:
    """ "TM. ỦY BAN NHÂN DÂN" / "T/M BAN THƯỜNG VỤ" / "KT. CHỦ TỊCH" / "T/L BAN THƯỜNG VỤ"."""
    word = spec(layout).authority_words.get(Authority(authority), "")
    return " ".join(part for part in (word, whom.strip().upper()) if part)


def normalise_authority(layout: Layout | str, text: str) -> str:
    """Any caller's authority line in the layout's words: "TM. Ban Thường vụ" in a Party document
    becomes "T/M BAN THƯỜNG VỤ"; a line without such a word is kept (upper case)."""
    kind, rest = split_authority(text)
    if kind == Authority.NONE:
        return text.strip().upper()
    return authority_line(layout, kind, rest)


# Average advance widths of Times New Roman, in ems (regular / bold), to size the drawn rules.
_NARROW = set(" .,:;'!|iljtfI-()[]")
_WIDE = set("MWmwĐĐ")


def text_width_pt(text: str, size: float, *, bold: bool = False) -> float:
    """The printed width of ``text``, estimated from Times New Roman's average advance widths."""
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += 0.28
        elif ch in _WIDE:
            ems += 0.86
        elif ch.isupper():
            ems += 0.70 if bold else 0.67
        else:
            ems += 0.50 if bold else 0.46
    return ems * size
