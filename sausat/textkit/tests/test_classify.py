"""Classification into existing groups, with top three and "none of these"."""

from __future__ import annotations

import os

import pytest

from sausat.textkit.classify import Ranked, classify
from sausat.textkit.tests.tml_corpus import OFF_TOPIC, TOPICS, labelled

os.environ["HF_HUB_OFFLINE"] = "1"

NEW = {
    "roads": "Đường vào xóm bị ổ gà, mặt đường hư hỏng nặng, đề nghị sửa chữa mặt đường.",
    "schools": "Trường mẫu giáo thiếu giáo viên, học sinh phải học ghép lớp.",
    "power": "Khu dân cư hay mất điện do trạm biến áp quá tải, đề nghị ngành điện nâng cấp lưới điện.",
}


@pytest.mark.parametrize("method", ["tfidf", "combined"])
def test_new_opinions_go_to_the_right_group_with_top_three(method):
    ranked = classify(list(NEW.values()), labelled(), top=3, method=method)
    assert [r[0][0] for r in ranked] == list(NEW)
    for r in ranked:
        assert isinstance(r, Ranked)
        assert len(r) == 3
        scores = [s for _label, s in r]
        assert scores == sorted(scores, reverse=True)
        assert 0 < sum(scores) <= 1.0001
        assert not r.none_fits


@pytest.mark.parametrize("method", ["tfidf", "combined"])
def test_none_of_these_when_nothing_fits(method):
    ranked = classify(OFF_TOPIC, labelled(), method=method)
    assert all(r.none_fits for r in ranked), [(r.fit, r.threshold) for r in ranked]


def test_group_titles_and_sector_descriptions_help_an_empty_group():
    # "Y tế" has no opinion yet: its title names a known sector, whose description is used.
    ranked = classify(
        ["Trạm y tế xã thiếu bác sĩ, thuốc bảo hiểm y tế không đủ cho người bệnh."],
        labelled(),
        method="tfidf",
        extra_labels=["health"],
        label_titles={"health": "Y tế"},
    )
    assert ranked[0][0][0] == "health"


def test_classification_is_deterministic():
    a = classify(list(NEW.values()) + OFF_TOPIC, labelled(), method="tfidf")
    b = classify(list(NEW.values()) + OFF_TOPIC, labelled(), method="tfidf")
    assert [list(x) for x in a] == [list(x) for x in b]
    assert [x.none_fits for x in a] == [x.none_fits for x in b]


def test_edge_cases():
    assert classify([], labelled()) == []
    assert classify(["Đường hư"], []) == [Ranked()]
    one = classify(["Đường hư"], [("Đường hư hỏng", "roads")], method="tfidf")
    assert one[0][0][0] == "roads" and not one[0].none_fits  # too little evidence to refuse
    assert len(classify(["x"], labelled(), top=1, method="tfidf")[0]) == 1
    with pytest.raises(ValueError):
        classify(["x"], labelled(), method="nope")
    assert set(TOPICS) == {"roads", "schools", "power"}
