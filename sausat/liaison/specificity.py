"""How specific a piece of feedback is, 0-100.

The text engine's score (``sausat.textkit.specificity.specificity_score``, 0..1) is used when it
is installed: :func:`specificity` returns it scaled to 0-100 and :data:`VAGUE_BELOW` follows its
threshold. The heuristic below is the stand-in used before it landed (and whenever it is absent);
:func:`explain` always runs the heuristic, so its reasons stay available for tests and display.

The 2017 review criticised feedback "stated in general terms, so the commune found it hard to
act on". A feedback item that a commune can act on names *what* (a concrete object: a road, a
party cell, a dossier), *where* (a hamlet, a place), *how much* (figures, percentages), *by when*
(a date or a deadline) and *who* (a named body or post). Each of these that appears adds points;
stock phrases that ask for nothing in particular ("cần quan tâm hơn nữa", "tiếp tục phát huy")
take points away. The result is deliberately simple and explainable: :func:`explain` lists what
was counted.

Scoring (on the accent-free, lower-case text):
- figures (numbers, %, amounts): +20 (once)
- a date or a deadline ("15/5", "trước ngày", "trong tháng 6", "quý III"): +20
- a named body or post ("UBND xã", "Chi bộ ấp 3", "Hội Nông dân", "Bí thư"): +15
- a place ("ấp", "thôn", "tuyến đường", "cầu", "trường"): +15
- a concrete object of work (hồ sơ, công trình, kinh phí, kế hoạch, danh sách, ...): +5 each, up to +20
- an action verb with an object (rà soát, sửa chữa, bổ sung, lập, hoàn thành, ...): +5 each, up to +10
- length: texts under 8 words lose 15
- each stock phrase: -15
Clamped to 0-100. Below :data:`VAGUE_BELOW` counts as vague.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sausat.textkit.normalize import search_key

HEURISTIC_METHOD = "heuristic-v1"
HEURISTIC_VAGUE_BELOW = 40

try:  # the text engine's score, when present
    from sausat.textkit.specificity import VAGUE_THRESHOLD as _ENGINE_THRESHOLD
    from sausat.textkit.specificity import specificity_score as _engine
except ImportError:  # pragma: no cover - only before the text engine landed
    _engine = None
    _ENGINE_THRESHOLD = 0.5

METHOD = "textkit-v1" if _engine else HEURISTIC_METHOD
VAGUE_BELOW = round(_ENGINE_THRESHOLD * 100) if _engine else HEURISTIC_VAGUE_BELOW

_FIGURE = re.compile(r"\b\d+([.,]\d+)?\s*(%|ha|km|m|tan|trieu|ty|dong|ho|nguoi|dang vien|hoc sinh)?\b")
_DATE = re.compile(
    r"\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\btruoc ngay\b|\bchac chan truoc\b|\bthoi han\b|\bhan chot\b"
    r"|\btrong (thang|quy|tuan|nam)\b|\bquy (i|ii|iii|iv|\d)\b|\bthang \d{1,2}\b|\bnam 20\d\d\b|\bcuoi (thang|quy|nam)\b"
)
_BODY = re.compile(
    r"\b(ubnd|hdnd|ubmttq|mat tran|dang uy|chi bo|ban thuong vu|thuong truc|cap uy|hoi nong dan|hoi phu nu"
    r"|doan thanh nien|hoi cuu chien binh|cong an|truong ap|truong thon|bi thu|chu tich|pho chu tich"
    r"|phong [a-z]+|so [a-z]+|ban [a-z]+ (xa|tinh)|hop tac xa)\b"
)
_PLACE = re.compile(r"\b(ap|thon|khom|to dan pho|khu pho|tuyen duong|duong|cau|cong|kenh|truong|tram y te|cho|de)\b")
_OBJECTS = (
    "ho so",
    "cong trinh",
    "kinh phi",
    "ke hoach",
    "danh sach",
    "nghi quyet",
    "bien ban",
    "du an",
    "ho ngheo",
    "dang vien",
    "giay chung nhan",
    "mat bang",
    "van ban",
    "chi tieu",
    "bao cao",
)
_ACTIONS = (
    "ra soat",
    "sua chua",
    "bo sung",
    "lap ",
    "hoan thanh",
    "ban giao",
    "chi tra",
    "to chuc hop",
    "kiem tra",
    "giai quyet",
    "ket nap",
    "trinh",
    "cap nhat",
)
_STOCK = (
    "can quan tam hon nua",
    "quan tam hon nua",
    "tiep tuc phat huy",
    "chung chung",
    "can co giai phap",
    "tang cuong hon nua",
    "day manh hon nua",
    "chu y hon",
    "co gang hon",
    "lam tot hon",
    "nang cao hon nua",
    "can thiet phai",
    "phu hop voi tinh hinh",
)


@dataclass(frozen=True)
class Score:
    value: int
    reasons: tuple[str, ...]

    @property
    def is_vague(self) -> bool:
        return self.value < HEURISTIC_VAGUE_BELOW


def explain(text: str | None) -> Score:
    key = " " + search_key(text) + " "
    if not key.strip():
        return Score(0, ("trống",))
    score = 0
    reasons: list[str] = []
    if _FIGURE.search(key):
        score += 20
        reasons.append("có số liệu")
    if _DATE.search(key):
        score += 20
        reasons.append("có mốc thời gian")
    if _BODY.search(key):
        score += 15
        reasons.append("nêu cơ quan, chức danh")
    if _PLACE.search(key):
        score += 15
        reasons.append("nêu địa điểm")
    objects = sum(1 for word in _OBJECTS if word in key)
    if objects:
        score += min(20, 5 * objects)
        reasons.append(f"{objects} đối tượng cụ thể")
    actions = sum(1 for word in _ACTIONS if word in key)
    if actions:
        score += min(10, 5 * actions)
        reasons.append(f"{actions} việc cần làm")
    if len(key.split()) < 8:
        score -= 15
        reasons.append("quá ngắn")
    stock = sum(1 for phrase in _STOCK if phrase in key)
    if stock:
        score -= 15 * stock
        reasons.append(f"{stock} cụm từ chung chung")
    return Score(max(0, min(100, score)), tuple(reasons))


def specificity(text: str | None) -> int:
    """The score, 0-100: the text engine's when installed, else the heuristic's."""
    if _engine is not None:
        return max(0, min(100, round(_engine(text).score * 100)))
    return explain(text).value
