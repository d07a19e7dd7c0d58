"""How specific is a feedback item or a situation report? ``specificity_score(text)``.

Pure and fast (regular expressions only, no database): the liaison review calls it on every item to
flag "vague feedback". Signals that count **for**: figures (numbers, amounts, areas, percentages),
dates and deadlines, named places (xã/phường/thôn/ấp X, đường X, km, số nhà), named bodies (Sở X,
UBND xã X, Công ty X), document references (Quyết định số 12/QĐ-UBND), concrete nouns of public works
and services (cầu, cống, trường, trạm y tế, sổ đỏ ...). Signals that count **against**: stock phrases
that name no object ("cần quan tâm hơn nữa", "tăng cường", "đẩy mạnh hơn nữa", "chung chung",
"có giải pháp", "sớm khắc phục" ...). Very short texts get a length penalty.

The score is ``sigmoid(positives - negatives - shortness)``, rescaled to 0..1. An item is vague when
its score is below ``VAGUE_THRESHOLD`` (0.5): for example "Đề nghị các cấp quan tâm hơn nữa" scores
about 0.1, "Cầu Xẻo Mát ở ấp 3 xã Tân Hòa bị sập nhịp 2 từ 15/3, đề nghị sửa trước 30/6" about 0.99.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from sausat.textkit.normalize import normalize_line

VAGUE_THRESHOLD = 0.5


@dataclass(frozen=True)
class SpecificityResult:
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def is_vague(self) -> bool:
        return self.score < VAGUE_THRESHOLD


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


# (pattern, weight, reason) — counted once each, except where ``per_hit`` says otherwise.
_POSITIVE: list[tuple[re.Pattern, float, str, bool]] = [
    (
        _rx(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?\b|\bngày\s+\d{1,2}\b|\btháng\s+\d{1,2}\b"),
        1.2,
        "có ngày tháng",
        False,
    ),
    (
        _rx(
            r"\b(?:trước|chậm nhất|hạn|hạn chót|trong vòng|trong thời hạn|đến hết)\s+(?:ngày\s+)?\d|\btrong\s+\d+\s+(?:ngày|tuần|tháng)"
        ),
        1.2,
        "có thời hạn",
        False,
    ),
    (_rx(r"\b(?:quý\s+[IV1-4]+|năm\s+20\d{2}|tháng\s+\d{1,2}/20\d{2})"), 0.6, "có mốc thời gian", False),
    (
        _rx(
            r"\b\d+(?:[.,]\d+)*\s*(?:%|phần trăm|triệu|tỷ|nghìn|đồng|ha|m2|m²|m|km|mét|tấn|hộ|người|trường hợp|hồ sơ|căn|lượt|em|học sinh|cháu|con|cái|chiếc)\b"
        ),
        1.2,
        "có số liệu",
        False,
    ),
    (_rx(r"(?<![\d/])\d{2,}(?![\d/])"), 0.4, "có con số", False),
    (
        _rx(
            r"\b(?:xã|phường|thị trấn|thôn|ấp|bản|buôn|làng|tổ dân phố|khu phố|khóm|xóm|huyện|quận|thị xã)\s+(?:[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*)"
        ),
        1.0,
        "có địa danh",
        False,
    ),
    (
        _rx(
            r"\b(?:đường|quốc lộ|tỉnh lộ|hương lộ|cầu|cống|kênh|kinh|đê|kè|sông|rạch|chợ|số nhà|km)\s+(?:[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ.]*)"
        ),
        1.0,
        "có công trình, địa điểm cụ thể",
        False,
    ),
    (
        _rx(
            r"\b(?:Sở|Ban|Phòng|UBND|HĐND|Ủy ban|Công an|Bệnh viện|Trường|Trạm|Công ty|Ngân hàng|Chi cục|Cục|Bộ|Tòa án|Viện kiểm sát|Hợp tác xã|Điện lực|Trung tâm)\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*"
        ),
        1.0,
        "nêu tên cơ quan, đơn vị",
        False,
    ),
    (
        _rx(r"\b(?:quyết định|công văn|nghị quyết|thông báo|kế hoạch|tờ trình|nghị định|thông tư)\s+(?:số\s+)?\d+"),
        1.0,
        "dẫn văn bản cụ thể",
        False,
    ),
    (
        _rx(
            r"\b(?:sổ đỏ|giấy chứng nhận|trạm y tế|trường học|điểm trường|lớp học|nhà văn hóa|đèn đường|đường điện|trạm biến áp|nước sạch|bãi rác|giếng|mương|ống nước|hố ga|cột điện|bảo hiểm y tế|trợ cấp|phụ cấp|học phí|thuốc|bác sĩ|giáo viên)\b"
        ),
        0.6,
        "nêu đối tượng cụ thể",
        False,
    ),
    (
        _rx(
            r"\b(?:bị sập|hư hỏng|sạt lở|ngập|ô nhiễm|xuống cấp|nứt|mất điện|mất nước|tồn đọng|chưa được cấp|chưa chi trả|chậm chi trả|bị thu hồi)\b"
        ),
        0.5,
        "mô tả hiện trạng",
        False,
    ),
]
_NEGATIVE: list[tuple[re.Pattern, float, str]] = [
    (
        _rx(r"quan tâm hơn nữa|quan tâm nhiều hơn|quan tâm đúng mức|hơn nữa\b"),
        1.5,
        "cụm từ chung chung: “hơn nữa / quan tâm hơn”",
    ),
    (_rx(r"\btăng cường\b"), 0.8, "cụm từ chung chung: “tăng cường”"),
    (_rx(r"\bđẩy mạnh\b"), 0.8, "cụm từ chung chung: “đẩy mạnh”"),
    (_rx(r"chung chung"), 1.5, "tự nhận là chung chung"),
    (
        _rx(
            r"\b(?:có giải pháp|có biện pháp|có hướng giải quyết|có chính sách phù hợp|giải pháp phù hợp|kịp thời|tích cực|hiệu quả hơn|phù hợp hơn|tốt hơn)\b"
        ),
        0.6,
        "yêu cầu không nêu việc cụ thể",
    ),
    (
        _rx(r"\b(?:các cấp|các ngành|các cấp, các ngành|cơ quan chức năng|các cơ quan liên quan|chính quyền)\b"),
        0.5,
        "không nêu rõ cơ quan nào",
    ),
    (
        _rx(r"\b(?:một số|nhiều nơi|một vài|nhiều vấn đề|các vấn đề|vấn đề này|tình hình chung)\b"),
        0.4,
        "không nêu rõ ở đâu, bao nhiêu",
    ),
]


def specificity_score(text: str | None) -> SpecificityResult:
    """Score 0..1 (1 = specific) with the reasons, in Vietnamese, that moved it."""
    text = normalize_line(text)
    if not text:
        return SpecificityResult(0.0, ["không có nội dung"])
    positive, negative, reasons = 0.0, 0.0, []
    for pattern, weight, reason, _per_hit in _POSITIVE:
        if pattern.search(text):
            positive += weight
            reasons.append("+ " + reason)
    for pattern, weight, reason in _NEGATIVE:
        hits = len(pattern.findall(text))
        if hits:
            negative += weight * min(hits, 2)
            reasons.append("− " + reason)
    words = len(text.split())
    shortness = 1.0 if words < 6 else 0.5 if words < 10 else 0.0
    if shortness:
        reasons.append("− quá ngắn")
    raw = positive - negative - shortness
    score = 1.0 / (1.0 + math.exp(-1.6 * (raw - 0.5)))
    return SpecificityResult(round(score, 3), reasons)


def is_vague(text: str | None) -> bool:
    return specificity_score(text).is_vague
