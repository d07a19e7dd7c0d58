import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from sausat.textkit.normalize import match_key, normalize, search_key


def test_nfd_input_is_stored_nfc_without_invisible_characters():
    typed = unicodedata.normalize("NFD", "Nguyễn\u200b Văn\u202e  A")
    assert normalize(typed) == "Nguyễn Văn A"
    assert unicodedata.is_normalized("NFC", normalize(typed))


def test_search_key_drops_diacritics_and_maps_d_bar():
    assert search_key("Nguyễn Văn A") == "nguyen van a"
    assert search_key("ĐỒNG THÁP") == "dong thap"
    assert search_key(unicodedata.normalize("NFD", "bệnh viện")) == "benh vien"


def test_match_key_equates_tone_placements():
    assert match_key("Hoà Bình") == match_key("Hòa Bình")
    assert match_key("Thuỷ") == match_key("Thủy")
    assert match_key("khoẻ") == match_key("khỏe")
    assert match_key("Hòa") != match_key("Hoa")


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_search_key_is_ascii_for_vietnamese_letters(text):
    key = search_key(text)
    assert "đ" not in key and "Đ" not in key
    assert search_key(key) == key or not key.isascii()
