"""Official titles: split a run of titles and expand the usual abbreviations.

"Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" is two titles; "HĐND" reads "Hội đồng nhân dân".
Expansion works on whole tokens only, longest abbreviation first, and keeps the rest as typed.
"""

from __future__ import annotations

import re

from sausat.textkit.normalize import normalize_line

# Abbreviation -> expansion. Keys are matched as whole tokens, case-sensitively (they are acronyms).
ABBREVIATIONS: dict[str, str] = {
    "HĐND-UBND": "Hội đồng nhân dân - Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BCĐ": "Ban Chỉ đạo",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "T.Ư": "Trung ương",
    "KT-XH": "kinh tế - xã hội",
    "KTXH": "kinh tế - xã hội",
    "TUV": "Tỉnh ủy viên",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐBQH": "đại biểu Quốc hội",
    "QH": "Quốc hội",
    "ĐB": "đại biểu",
    "TXCT": "tiếp xúc cử tri",
    "CA": "Công an",
    "BCHQS": "Bộ Chỉ huy Quân sự",
    "CCB": "Cựu chiến binh",
    "LĐLĐ": "Liên đoàn Lao động",
    "CT-XH": "chính trị - xã hội",
    "ĐU": "Đảng ủy",
    "TP": "thành phố",
    "TP.": "thành phố",
    "QSD": "quyền sử dụng",
    "GCN": "giấy chứng nhận",
}
_TOKEN = re.compile(r"[\wĐđ.\-]+", re.UNICODE)

# Words that start a new title inside a run joined without commas are not split: only explicit separators.
_SPLIT = re.compile(r"\s*(?:,|;|\s-\s|\s–\s)\s*")


def expand_abbreviations(text: str) -> str:
    """ "Chủ tịch UBND tỉnh" -> "Chủ tịch Ủy ban nhân dân tỉnh". Unknown tokens are kept."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        stripped = token.rstrip(".")
        if token in ABBREVIATIONS:
            return ABBREVIATIONS[token]
        if stripped in ABBREVIATIONS:
            return ABBREVIATIONS[stripped] + token[len(stripped) :]
        return token

    return _TOKEN.sub(replace, normalize_line(text))


def split_titles(text: str) -> list[str]:
    """ "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" -> ["Phó Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]."""
    parts = [normalize_line(p).strip(" .:") for p in _SPLIT.split(normalize_line(text))]
    return [p for p in parts if p]
