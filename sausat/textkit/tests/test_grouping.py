"""Grouping suggestions and near-duplicates on a small synthetic corpus with clear topics."""

from __future__ import annotations

import os

import pytest
from sklearn.metrics import adjusted_rand_score

from sausat.textkit.grouping import near_duplicates, suggest_groups
from sausat.textkit.segment import words
from sausat.textkit.tests.tml_corpus import POWER, ROADS, SCHOOLS, TOPICS

os.environ["HF_HUB_OFFLINE"] = "1"

TEXTS = [t for texts in TOPICS.values() for t in texts]
TRUTH = [label for label, texts in TOPICS.items() for _t in texts]


def _assignment(groups, n):
    lab = [0] * n
    for g, s in enumerate(groups):
        for m in s.members:
            lab[m] = g
    return lab


@pytest.mark.parametrize("method", ["tfidf", "combined"])
def test_clear_topics_are_grouped_correctly(method):
    groups = suggest_groups(TEXTS, k=3, method=method)
    assert sorted(s.size for s in groups) == [6, 6, 6]
    assert adjusted_rand_score(TRUTH, _assignment(groups, len(TEXTS))) == 1.0


def test_number_of_groups_is_found_without_k():
    groups = suggest_groups(TEXTS, method="tfidf")
    assert adjusted_rand_score(TRUTH, _assignment(groups, len(TEXTS))) > 0.8


def test_labels_are_readable_word_segmented_phrases_from_the_opinions():
    groups = suggest_groups(TEXTS, k=3, method="tfidf")
    by_topic = {}
    for s in groups:
        topic = TRUTH[s.members[0]]
        by_topic[topic] = s
    assert "mặt đường" in by_topic["roads"].label.lower()
    assert any(p in by_topic["schools"].label.lower() for p in ("học sinh", "giáo viên", "phòng học"))
    assert any(p in by_topic["power"].label.lower() for p in ("biến áp", "lưới điện", "ngành điện", "nước máy"))
    corpus = " ".join(TEXTS).lower()
    for s in groups:
        assert s.label[0].isupper()
        assert s.key_phrases and len(s.key_phrases) <= 3
        for phrase in s.key_phrases:
            # Whole words taken from the opinions, never a broken syllable.
            assert " " in phrase
            assert phrase in corpus


def test_members_are_ranked_by_typicality_with_ids_and_confidence():
    ids = [f"op{i}" for i in range(len(TEXTS))]
    groups = suggest_groups(TEXTS, ids=ids, k=3, method="tfidf")
    for s in groups:
        assert set(s.members) <= set(ids)
        assert s.typicality == sorted(s.typicality, reverse=True)
        assert 0.0 <= s.confidence <= 1.0
    assert min(s.confidence for s in groups) > 0.2


def test_grouping_is_deterministic():
    a = [g.as_dict() for g in suggest_groups(TEXTS, method="tfidf")]
    b = [g.as_dict() for g in suggest_groups(TEXTS, method="tfidf")]
    assert a == b


def test_tiny_and_empty_inputs_do_not_crash():
    assert suggest_groups([]) == []
    one = suggest_groups(["Đường hư hỏng"], method="tfidf")
    assert len(one) == 1 and one[0].members == [0]
    two = suggest_groups(["Đường hư hỏng", "Trường thiếu giáo viên"], method="tfidf")
    assert sum(s.size for s in two) == 2
    with pytest.raises(ValueError):
        suggest_groups(["a", "b"], ids=[1])


def test_near_duplicates_finds_copies_with_other_tone_placement_and_spacing():
    texts = [
        ROADS[0],
        SCHOOLS[0],
        ROADS[0].replace("sửa chữa", "sửa  chữa") + " ",
        "Nhà văn hoá ấp xuống cấp, đề nghị hỗ trợ kinh phí sửa chữa nhà văn hoá.",
        "Nhà văn hóa ấp xuống cấp, đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa.",
        POWER[0],
    ]
    clusters = near_duplicates(texts, 0.8)
    found = sorted(sorted(c.members) for c in clusters)
    assert found == [[0, 2], [3, 4]]
    assert all(c.score >= 0.8 and c.pairs for c in clusters)
    assert near_duplicates(texts[:1]) == []


def test_word_segmentation_keeps_multi_syllable_words():
    toks = words("Tuyến đường giao thông nông thôn bị xuống cấp nghiêm trọng.")
    assert "giao_thông" in toks
    assert "nông_thôn" in toks
    assert "xuống_cấp" in toks
