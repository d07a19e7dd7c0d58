"""Legacy TCVN3 / VNI text pasted as Unicode: detection, warning and conversion."""

import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sausat.textkit.mojibake import (
    _suspect_words,
    convert_legacy,
    detect_legacy_encoding,
    legacy_warning,
    unicode_to_tcvn3,
    unicode_to_vni,
)
from sausat.textkit.normalize import text_problems

SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Hội nghị đối thoại giữa người đứng đầu cấp ủy với nhân dân",
    "Ủy ban nhân dân tỉnh tiếp thu ý kiến của cử tri về đường giao thông nông thôn",
    "Cử tri đề nghị sửa chữa cầu, nâng cấp trường học và trạm y tế xã",
]


def test_known_tcvn3_strings():
    assert detect_legacy_encoding("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "tcvn3"
    assert convert_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert convert_legacy("§éc lËp - Tù do - H¹nh phóc", "tcvn3") == "Độc lập - Tự do - Hạnh phúc"


def test_known_vni_strings():
    text = "Nöôùc Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
    assert detect_legacy_encoding(text) == "vni"
    assert convert_legacy(text, "vni") == "Nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert convert_legacy("Thaønh phoá Hoà Chí Minh", "vni") == "Thành phố Hồ Chí Minh"
    assert convert_legacy("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "vni") == "ĐẢNG CỘNG SẢN VIỆT NAM"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trips(sentence):
    vni = unicode_to_vni(sentence)
    assert detect_legacy_encoding(vni) == "vni"
    assert convert_legacy(vni, "vni") == sentence
    lower = sentence.lower()
    tcvn3 = unicode_to_tcvn3(lower)
    assert detect_legacy_encoding(tcvn3) == "tcvn3"
    assert convert_legacy(tcvn3, "tcvn3") == lower


@pytest.mark.parametrize("sentence", [*SENTENCES, "Café, crème brûlée và phở", "Giá 100.000 đồng (±5%)"])
def test_genuine_text_is_not_flagged(sentence):
    assert detect_legacy_encoding(sentence) is None
    assert detect_legacy_encoding(unicodedata.normalize("NFD", sentence)) is None


WORDS = st.sampled_from(
    [
        "người",
        "nước",
        "được",
        "những",
        "quyết",
        "định",
        "đồng",
        "chí",
        "hội",
        "nghị",
        "ủy",
        "ban",
        "tỉnh",
        "huyện",
        "xã",
        "phường",
        "thủy",
        "lợi",
        "đường",
        "điện",
        "trường",
        "học",
        "bệnh",
        "viện",
        "cử",
        "tri",
        "kiến",
        "nghị",
        "giải",
        "quyết",
        "đất",
        "đai",
        "bồi",
        "thường",
        "tái",
        "định",
        "cư",
        "ưu",
        "tiên",
    ]
)


@given(st.lists(WORDS, min_size=4, max_size=20).map(" ".join))
def test_vni_round_trip_property(text):
    assert convert_legacy(unicode_to_vni(text), "vni") == text
    assert detect_legacy_encoding(text) is None


@given(st.lists(WORDS, min_size=4, max_size=20).map(" ".join))
@example("ban ban ban học")  # one suspect syllable among Latin-looking words: found by a random run
def test_tcvn3_round_trip_property(text):
    legacy = unicode_to_tcvn3(text)
    assert convert_legacy(legacy, "tcvn3") == text
    # In a short text (up to 20 words) one word carrying a Latin-1 letter foreign to Vietnamese whose
    # TCVN3 reading is a Vietnamese syllable is enough ("häc" -> "học"); text without one may go either way.
    if _suspect_words(legacy):
        assert detect_legacy_encoding(legacy) == "tcvn3"
    else:
        assert detect_legacy_encoding(legacy) in (None, "tcvn3")


def test_warning_is_vietnamese_and_reported_by_text_problems():
    assert "bảng mã cũ" in legacy_warning("vni")
    assert any("TCVN3" in p for p in text_problems("Céng hoµ x· héi chñ nghÜa ViÖt Nam"))


def test_real_articles_are_not_flagged(shared):
    for path in sorted((Path(shared) / "seeds").glob("*.txt")):
        assert detect_legacy_encoding(path.read_text(encoding="utf-8")) is None, path.name
    for path in sorted((Path(shared) / "dev-data" / "articles").glob("*.txt")):
        assert detect_legacy_encoding(path.read_text(encoding="utf-8")) is None, path.name


@pytest.mark.parametrize("text", ["ban ban ban Müller", "Gặp ông Jürgen tại Zürich", "Ông Müller và bà Krüger"])
def test_one_foreign_word_is_not_legacy_text(text):
    """A foreign word whose TCVN3 reading is no Vietnamese syllable does not make the text TCVN3."""
    assert detect_legacy_encoding(text) is None


def test_one_garbled_syllable_is_tcvn3():
    assert detect_legacy_encoding("ban ban ban häc") == "tcvn3"
