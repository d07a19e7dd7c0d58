"""normalize() and control characters, non-characters, lone surrogates and emoji joiners (issue 11, holes 3 and 9).

Known cases are explicit @example rows, so they run on every profile whatever hypothesis draws.
"""

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from sausat.core.exports.text import export_text
from sausat.textkit.normalize import (
    UNSAFE_CHARACTERS,
    grapheme_len,
    match_key,
    normalize,
    normalize_line,
    search_key,
    strip_invisible,
    strip_unsafe,
)

ZWJ, VS16 = "\u200d", "\ufe0f"
NONCHARACTERS = ["\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe", "\U0001ffff", "\U0010fffe", "\U0010ffff"]
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)]]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
INVISIBLE = ["\u200b", "\u200c", ZWJ, "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066"]
FAMILY = "👨\u200d👩\u200d👧"
EMOJI_SEQUENCES = [
    FAMILY,
    "🏳\ufe0f\u200d🌈",  # rainbow flag: VS16 before the joiner
    "❤\ufe0f\u200d🔥",  # heart on fire: a BMP pictograph
    "👩🏽\u200d💻",  # skin tone before the joiner
    "🏴\u200d☠\ufe0f",  # pirate flag: VS16 at the end
    "🧑\u200d🤝\u200d🧑",
    "👁\ufe0f\u200d🗨\ufe0f",
]
PICTOGRAPHS = ["👨", "👩", "👧", "🧑", "🏳\ufe0f", "❤\ufe0f", "🔥", "👩🏽", "💻", "☠\ufe0f", "🌈", "🤝"]

any_text = st.text(st.characters(codec=None, exclude_categories=()))  # surrogates included
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(NONCHARACTERS + CONTROLS + SURROGATES + INVISIBLE + ["\t", "\n", "\r", "\x0b", "\x0c"]),
        st.sampled_from(list("aăâeêoôơuưyđĐ \u0300\u0301\u0303\u0309\u0323")),
        st.sampled_from(PICTOGRAPHS),
    ),
    max_size=30,
).map("".join)
name_letters = st.text(st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyNĐ \u0300\u0301\u0323")), max_size=20)


@given(st.one_of(any_text, hostile_text))
@example("\uffff")
@example("Ý kiến\ufffe\uffff")
@example("a\x00b\x01c\x7fd\x85e\x9ff")
@example("lone \ud800 surrogate \udfff")
@example("e\x01\u0301")  # a mark parted from its letter by a removed character
@example("e\u200b\u0301")
@example("\U0010ffff\ufdd0" + FAMILY)
def test_normalize_output_is_clean_nfc_and_stable(text):
    for out in (normalize(text), normalize_line(text)):
        assert not UNSAFE_CHARACTERS.search(out)
        assert unicodedata.is_normalized("NFC", out)
        assert export_text(out) == out  # nothing stored can be changed (or break) on export
    assert normalize(normalize(text)) == normalize(text)
    assert normalize_line(normalize_line(text)) == normalize_line(text)
    assert "\n" not in normalize_line(text) and "\t" not in normalize_line(text)


@given(st.one_of(any_text, hostile_text))
@example("\U00020000\U0002fffe\U0002ffff\U000e0067\U000ffffd\U0010ffff")
def test_strip_unsafe_removes_exactly_the_unsafe_characters(text):
    assert strip_unsafe(text) == UNSAFE_CHARACTERS.sub("", text)


def test_astral_text_is_kept():
    scotland = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # tag sequence
    assert normalize(f"Họ 𠀀 {scotland} \U000f0000") == f"Họ 𠀀 {scotland} \U000f0000"


def test_non_characters_controls_and_surrogates_are_removed():
    for ch in NONCHARACTERS + CONTROLS + SURROGATES:
        assert normalize(f"Ý{ch}kiến") == "Ýkiến", repr(ch)
        assert normalize_line(f"Ý{ch}kiến") == "Ýkiến", repr(ch)
        assert strip_unsafe(ch) == ""


def test_tab_and_line_breaks_stay_whitespace():
    assert normalize("Dòng 1\tA\r\nDòng 2\x0bDòng 3\x0cDòng 4\x85Dòng 5") == "Dòng 1 A\nDòng 2\nDòng 3\nDòng 4\nDòng 5"
    assert normalize_line("Nguyễn\tVăn\nA\x0cB") == "Nguyễn Văn A B"
    assert strip_unsafe("a\tb\nc") == "a\tb\nc"


@given(st.lists(st.sampled_from(EMOJI_SEQUENCES + PICTOGRAPHS), min_size=1, max_size=4))
@example([FAMILY])
@example(["🏳\ufe0f\u200d🌈", "👩🏽\u200d💻"])
def test_emoji_zwj_sequences_are_kept_whole(parts):
    text = "Gia đình " + " ".join(parts) + " vui"
    assert normalize(text) == text
    assert normalize_line(text) == text
    assert strip_invisible(text) == text


def test_family_emoji_stays_one_grapheme():
    assert normalize(FAMILY) == FAMILY
    assert grapheme_len(normalize(FAMILY)) == 1
    assert normalize("❤\ufe0f") == "❤\ufe0f"  # VS16 is kept


@given(name_letters, st.integers(min_value=0, max_value=20), st.sampled_from(INVISIBLE))
@example("Nguyễn", 3, ZWJ)
@example("Hòa", 2, ZWJ)
@example("Nguyễn Văn A", 0, "\u200b")
def test_zero_width_characters_are_stripped_from_names(name, at, invisible):
    at = min(at, len(name))
    tampered = name[:at] + invisible + name[at:]
    assert normalize_line(tampered) == normalize_line(name)
    assert search_key(tampered) == search_key(name)
    assert match_key(tampered) == match_key(name)


def test_joiner_is_stripped_unless_between_pictographs():
    assert normalize_line("Ngu\u200dyễn") == "Nguyễn"
    assert normalize_line("a\u200d👩") == "a👩"
    assert normalize_line("👩\u200da") == "👩a"
    assert normalize_line("👩\u200d") == "👩"
    assert normalize_line("👩 \u200d👧") == "👩 👧"
    assert normalize_line("👩\u200d\u200d👧") == "👩👧"
    assert strip_invisible("Ngu\u200dyễn") == "Nguyễn"


def test_vietnamese_storage_and_tone_keys_unchanged():
    nfd = unicodedata.normalize("NFD", "Bệnh viện Hoà Bình, Thuỷ Nguyên")
    assert normalize(nfd) == "Bệnh viện Hoà Bình, Thuỷ Nguyên"
    assert unicodedata.is_normalized("NFC", normalize(nfd))
    assert match_key("Hoà Bình\u200b") == match_key("Hòa Bình") == "hòa bình"
    assert match_key("Thuỷ\uffff") == match_key("Thủy")
    assert search_key("Đồng\x01 Tháp\ufffe") == "dong thap"
