"""Rejected suggestions as negatives (issue 20): the office said "this text is NOT of that label"."""

from __future__ import annotations

import os

import numpy as np
import pytest

from sausat.textkit import classify as classify_mod
from sausat.textkit import learning_eval, vectors
from sausat.textkit.classify import classify
from sausat.textkit.tests.tml_corpus import POWER, ROADS, SCHOOLS, labelled

os.environ["HF_HUB_OFFLINE"] = "1"

# An invented opinion between two groups: a school's road (roads or schools?).
BETWEEN = "Đường vào trường tiểu học lầy lội, học sinh đến lớp rất khó khăn, đề nghị làm đường vào trường."


@pytest.mark.parametrize("method", ["tfidf", "combined"])
def test_a_rejected_group_is_not_offered_again_for_the_same_text(method):
    before = classify([BETWEEN], labelled(), method=method)[0]
    first = before[0][0]
    # Same wording with other case and spacing: still the text the office answered about.
    after = classify([BETWEEN], labelled(), method=method, negatives=[(f"  {BETWEEN.upper()} ", first)])[0]
    assert first not in [label for label, _ in after]
    assert [label for label, _ in after] == [label for label, _ in before if label != first]
    assert sum(s for _, s in after) <= 1.0001
    # Another text is not touched by that rejection (NEG_WEIGHT = 0: no generalisation shipped).
    other = classify([ROADS[0]], labelled(), method=method, negatives=[(BETWEEN, "roads")])[0]
    assert other == classify([ROADS[0]], labelled(), method=method)[0]


def test_rejecting_every_group_leaves_the_ranking_as_it_was():
    negatives = [(BETWEEN, label) for label in ("roads", "schools", "power")]
    ranked = classify([BETWEEN], labelled(), method="tfidf", negatives=negatives)[0]
    assert ranked == classify([BETWEEN], labelled(), method="tfidf")[0]


def test_negatives_of_unknown_labels_or_empty_texts_are_ignored():
    plain = classify([BETWEEN], labelled(), method="tfidf")[0]
    noise = [(BETWEEN, "no such group"), ("", plain[0][0])]
    assert classify([BETWEEN], labelled(), method="tfidf", negatives=noise)[0] == plain


def test_rocchio_weight_pushes_the_rejected_label_away_from_similar_texts():
    """With a weight (not shipped: measured neutral held out), rejected texts lower the label's
    score for texts like them, in the embedding view only; the TF-IDF path ignores the weight."""
    negatives = [(t, "roads") for t in SCHOOLS[:3]]  # the office refused "roads" for school texts
    share = {}
    for w in (0.0, 2.0):
        r = classify([SCHOOLS[4]], labelled(), method="combined", negatives=negatives, neg_weight=w)[0]
        share[w] = dict(r).get("roads", 0.0)
    assert share[2.0] < share[0.0]
    tf = [classify([SCHOOLS[4]], labelled(), method="tfidf", negatives=negatives, neg_weight=w)[0] for w in (0, 2)]
    assert tf[0] == tf[1]


def test_auto_never_embeds_a_rejected_text_in_a_request(monkeypatch):
    texts = [t for t, _ in labelled()] + [BETWEEN]
    vectors.embed(texts)  # what the page's texts look like once the background job ran
    calls: list[int] = []
    real = vectors._model

    class Model:
        def passage(self, batch):
            calls.append(len(batch))
            return real().passage(batch)

        def query(self, batch):
            return real().query(batch)

    monkeypatch.setattr(vectors, "_model", Model)
    monkeypatch.setattr(classify_mod, "NEG_WEIGHT", 1.0)
    uncached = "Một ý kiến chưa từng được tính vector, về đèn đường ở tổ dân phố."
    r = classify([BETWEEN], labelled(), method="auto", embed_budget=0, negatives=[(uncached, "power")])[0]
    assert calls == []  # the rejected text had no cached vector: left out, not embedded
    assert r[0][0] in {"roads", "schools"}


def test_decisions_curve_on_invented_texts():
    texts = [t for t, _ in labelled()] + POWER[:2]
    labels = [lab for _, lab in labelled()] + ["power", "power"]
    out = learning_eval.decisions_nested(
        texts, labels, method="tfidf", ns=(0, 4), fold_seeds=(0,), draws=1, weights=(0.0, 1.0)
    )
    assert set(out["without"]) == set(out["with"]) == {0, 4}
    assert set(out["train"]) == {4}
    assert len(out["chosen"]) == len(learning_eval._folds(labels, 0))
    assert all(0.0 <= a <= b <= 1.0 for a, b in out["with"].values())
    assert np.isclose(out["without"][0][0], out["with"][0][0])  # no decision yet: the same
    assert len(out["per_seed"]["with"][4]) == 1
