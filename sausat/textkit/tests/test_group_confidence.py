"""The displayed group confidence is calibrated and never claims certainty without shared words."""

from __future__ import annotations

import os

import pytest

from sausat.textkit.evaluation import load_jsonl
from sausat.textkit.grouping import (
    LEVEL_HIGH,
    NO_SHARED_PHRASE_CAP,
    calibrated_confidence,
    confidence_level,
    suggest_groups,
)
from sausat.textkit.tests.tml_corpus import TOPICS

os.environ["HF_HUB_OFFLINE"] = "1"

# Invented opinions on six unrelated matters: no two share a key phrase.
UNRELATED = [
    "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho hộ dân thôn Đông.",
    "Cử tri phản ánh trạm y tế xã thiếu bác sĩ trực ban đêm.",
    "Học sinh phải đóng nhiều khoản thu ngoài quy định đầu năm học.",
    "Tình trạng trộm cắp gia súc diễn ra thường xuyên vào mùa mưa.",
    "Giá phân bón tăng cao khiến nông dân trồng lúa thua lỗ.",
    "Lễ hội truyền thống của làng cần được khôi phục và bảo tồn.",
]


@pytest.mark.parametrize("method", ["tfidf", "combined"])
@pytest.mark.parametrize("k", [2, 3, None])
def test_unrelated_opinions_forced_together_are_never_shown_as_certain(method, k):
    groups = suggest_groups(UNRELATED, k=k, method=method)
    for g in groups:
        if g.size < 2:
            continue
        assert g.phrase_share == 0.0, g.key_phrases
        assert g.confidence <= NO_SHARED_PHRASE_CAP
        assert g.level == "review"
        assert g.as_dict()["level"] == "review"


def test_clear_topics_read_as_sure():
    texts = [t for texts in TOPICS.values() for t in texts]
    groups = suggest_groups(texts, k=3, method="tfidf")
    assert all(g.phrase_share > 0 for g in groups)
    assert all(g.level in ("high", "medium") for g in groups), [(g.confidence, g.margin) for g in groups]


def test_calibration_is_monotone_capped_and_worded():
    assert calibrated_confidence(0.9, 1.0, 1) == 0.0  # a singleton claims nothing
    low, mid, high = (calibrated_confidence(m, 0.5, 5) for m in (0.1, 0.4, 0.8))
    assert low < mid < high < 1.0
    assert calibrated_confidence(0.99, 0.0, 5) <= NO_SHARED_PHRASE_CAP
    assert calibrated_confidence(0.4, 0.8, 5) > calibrated_confidence(0.4, 0.2, 5)
    assert confidence_level(LEVEL_HIGH) == "high" and confidence_level(0.75) == "medium"
    assert confidence_level(0.5) == "review"


def test_held_out_calibration_error_on_the_development_opinions(shared):
    """docs/textkit.md: held-out expected calibration error 0.06 under the current k rule (with slack)."""
    from sausat.textkit.confidence_eval import evaluate_confidence

    path = shared / "dev-data" / "opinions.jsonl"
    if not path.is_file():
        pytest.skip(f"development opinions not present at {path}")
    out = evaluate_confidence(load_jsonl(path), seeds=2, log=lambda _line: None)
    assert out["held_out"]["ece"] <= 0.12
    assert out["shipped"]["ece"] <= 0.12
