"""The grouping page shows a group's calibrated confidence in words, never as a percentage."""

from __future__ import annotations

from django.template.loader import render_to_string


def _page(level: str) -> str:
    group = {"label": "Đường giao thông", "size": 2, "level": level, "members": [{"id": 1, "text": "a"}]}
    return render_to_string("opinions/_suggestions.html", {"suggestions": {"groups": [group]}})


def test_levels_are_words_a_secretary_understands():
    assert "gần chắc chắn" in _page("high")
    assert "khá chắc" in _page("medium")
    review = _page("review")
    assert "nên xem lại" in review and "gần chắc chắn" not in review
    assert "%" not in review.split("textkit-group")[1]
