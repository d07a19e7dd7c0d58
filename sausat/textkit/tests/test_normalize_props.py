"""Property-based tests of the normalisation, keys, grapheme length and ranking helpers."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sausat.textkit.normalize import (
    combining_flood,
    grapheme_len,
    has_bidi_controls,
    match_key,
    normalize,
    normalize_line,
    search_key,
    strip_combining_flood,
    strip_invisible,
    text_problems,
    truncate_graphemes,
)

TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
ONSETS = ["", "h", "kh", "th", "t", "l", "ng", "nh", "x", "qu", "gi", "tr", "đ", "Đ", "H"]
# Open rhymes whose tone mark is placed differently by the old ("hòa") and new ("hoà") conventions.
SWING = ["oa", "oe", "uy"]
PLAIN_NUCLEI = [
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "ai",
    "ao",
    "au",
    "iê",
    "uô",
    "ươ",
    "ưa",
    "ia",
]
FINALS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]

vi_letters = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ,.;:-") + TONES)
vi_text = st.lists(vi_letters, max_size=40).map("".join)


@st.composite
def swing_syllable(draw):
    onset = draw(st.sampled_from([o for o in ONSETS if o not in ("qu", "gi")]))
    nucleus = draw(st.sampled_from(SWING))
    tone = draw(st.sampled_from(TONES))
    old = onset + nucleus[0] + tone + nucleus[1]
    new = onset + nucleus + tone
    return unicodedata.normalize("NFC", old), unicodedata.normalize("NFC", new)


@st.composite
def syllable(draw):
    onset = draw(st.sampled_from(ONSETS))
    nucleus = draw(st.sampled_from(PLAIN_NUCLEI + SWING))
    final = draw(st.sampled_from(FINALS))
    tone = draw(st.sampled_from(["", *TONES]))
    return unicodedata.normalize("NFC", onset + nucleus + tone + final)


@given(vi_text)
def test_normalize_idempotent_and_nfc(text):
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(st.text())
def test_search_key_is_idempotent(text):
    assert search_key(search_key(text)) == search_key(text)


@given(vi_text)
def test_match_key_is_idempotent(text):
    assert match_key(match_key(text)) == match_key(text)


@given(st.lists(swing_syllable(), min_size=1, max_size=4))
def test_match_key_equal_for_tone_placement_variants(pairs):
    old = " ".join(o for o, _n in pairs)
    new = " ".join(n for _o, n in pairs)
    assert match_key(old) == match_key(new)
    assert search_key(old) == search_key(new)


@given(st.lists(syllable(), min_size=1, max_size=5).map(" ".join))
def test_nfd_and_nfc_inputs_give_equal_keys(text):
    nfd = unicodedata.normalize("NFD", text)
    assert normalize(nfd) == normalize(text)
    assert search_key(nfd) == search_key(text)
    assert match_key(nfd) == match_key(text)


@given(st.lists(syllable(), min_size=1, max_size=5).map(" ".join))
def test_grapheme_len_counts_letters_not_code_points(text):
    assert grapheme_len(unicodedata.normalize("NFD", text)) == len(unicodedata.normalize("NFC", text))


@settings(max_examples=50)
@given(st.lists(syllable(), min_size=1, max_size=8).map(" ".join), st.integers(min_value=0, max_value=20))
def test_truncate_graphemes_never_splits_a_letter(text, limit):
    cut = truncate_graphemes(unicodedata.normalize("NFD", text), limit)
    assert grapheme_len(cut) == min(limit, grapheme_len(text))
    assert unicodedata.normalize("NFC", text).startswith(unicodedata.normalize("NFC", cut))


def test_grapheme_len_examples():
    assert grapheme_len("Nguyễn") == 6
    assert grapheme_len(unicodedata.normalize("NFD", "ệ")) == 1
    assert grapheme_len("🇻🇳") == 1
    assert grapheme_len("👍🏽") == 1
    assert grapheme_len("") == 0


@given(st.lists(syllable(), min_size=1, max_size=6).map(" ".join))
def test_real_vietnamese_is_no_combining_flood(text):
    assert not combining_flood(text)
    assert not combining_flood(unicodedata.normalize("NFD", text))


def test_combining_flood_is_detected_and_trimmed():
    zalgo = "H" + "\u0301\u0300\u0303\u0309\u0323\u0302" * 3 + "ọp"
    assert combining_flood(zalgo)
    trimmed = strip_combining_flood(zalgo)
    assert not combining_flood(trimmed)
    assert any("dấu" in p for p in text_problems(zalgo))


def test_bidi_and_zero_width_are_reported_and_removed():
    tricky = "Nguyễn\u202eA\u200b"
    assert has_bidi_controls(tricky)
    assert strip_invisible(tricky) == "NguyễnA"
    assert normalize_line(tricky) == "NguyễnA"
    assert any("hướng chữ" in p for p in text_problems(tricky))
    assert not has_bidi_controls("Nguyễn Văn A")


def test_text_problems_length_limit_counts_graphemes():
    nfd = unicodedata.normalize("NFD", "ệ" * 10)
    assert text_problems(nfd, max_graphemes=10) == []
    assert text_problems(nfd, max_graphemes=9)


@pytest.mark.django_db
def test_rank_expression_puts_exact_diacritics_first(units):
    from sausat.geo.models import AdministrativeUnit, Level
    from sausat.textkit.normalize import rank_expression

    qs = (
        AdministrativeUnit.objects.filter(level=Level.PROVINCE, search_key__contains=search_key("Hà Nam"))
        .annotate(rank=rank_expression("short_name", "Hà Nam"))
        .order_by("rank", "search_key")
    )
    names = [u.short_name for u in qs]
    assert names[0] == "Hà Nam"
    ranks = dict(qs.values_list("short_name", "rank"))
    assert ranks["Hà Nam"] == 0
    if "Hà Nam Ninh" in ranks:
        assert ranks["Hà Nam Ninh"] == 1


@pytest.mark.django_db
def test_rank_expression_exact_before_accent_free_match(units):
    from sausat.geo.models import AdministrativeUnit, Level
    from sausat.textkit.normalize import rank_expression

    qs = (
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, search_key="xa an binh")
        .annotate(rank=rank_expression("name", "Xã An Bình"))
        .order_by("rank")
    )
    rows = list(qs[:50])
    assert rows, "expected communes called An Bình"
    assert rows[0].name == "Xã An Bình" and rows[0].rank == 0
    assert all(r.rank == 0 for r in rows if r.name == "Xã An Bình")
