"""Feedback specificity: concrete items score high, stock phrases low."""

import pytest

from sausat.textkit.specificity import VAGUE_THRESHOLD, is_vague, specificity_score

VAGUE = [
    "Đề nghị các cấp quan tâm hơn nữa",
    "Đề nghị tăng cường, đẩy mạnh hơn nữa công tác tuyên truyền",
    "Tình hình chung ổn định, cần có giải pháp phù hợp",
    "Đề nghị quan tâm giải quyết kịp thời các kiến nghị của cử tri",
    "Ý kiến còn chung chung",
    "",
]
SPECIFIC = [
    "Cầu Xẻo Mát ở ấp 3 xã Tân Hòa bị sập nhịp 2 từ 15/3, đề nghị sửa trước 30/6",
    "Trạm y tế xã Phú Hữu thiếu bác sĩ từ tháng 3/2024, 1.200 hộ phải đi khám ở huyện",
    "Đề nghị Sở Giao thông vận tải sửa chữa đoạn đường ĐT.925 qua ấp Tân Lợi, dài 2 km, xuống cấp nghiêm trọng",
    "Theo Quyết định số 1234/QĐ-UBND, 35 hộ ở thôn Đông chưa được chi trả bồi thường 2,1 tỷ đồng",
]


@pytest.mark.parametrize("text", VAGUE)
def test_vague_items_score_below_threshold(text):
    result = specificity_score(text)
    assert result.score < VAGUE_THRESHOLD, result
    assert result.is_vague and is_vague(text)
    assert result.reasons


@pytest.mark.parametrize("text", SPECIFIC)
def test_specific_items_score_above_threshold(text):
    result = specificity_score(text)
    assert result.score >= 0.8, result
    assert any(r.startswith("+") for r in result.reasons)


def test_generic_phrase_lowers_a_specific_item():
    base = "Đường liên ấp 2 xã Tân Hòa dài 3 km bị ngập"
    assert specificity_score(base + ", đề nghị quan tâm hơn nữa").score < specificity_score(base).score


def test_score_is_bounded_and_deterministic():
    for text in VAGUE + SPECIFIC:
        a, b = specificity_score(text), specificity_score(text)
        assert 0.0 <= a.score <= 1.0
        assert a == b


def test_reasons_are_vietnamese():
    reasons = specificity_score("Đề nghị các cấp quan tâm hơn nữa").reasons
    assert any("chung chung" in r or "cơ quan nào" in r for r in reasons)
