"""Vietnamese tokenisation for the grouping and classification features.

Two granularities:

- ``syllables(text)``: fast, lower-cased syllables (Vietnamese is written one syllable per
  space-separated unit). Used for TF-IDF features, where speed matters (10,000 opinions).
- ``words(text)``: word segmentation with underthesea's offline CRF (``word_tokenize``), which
  joins the syllables of one word ("quốc_lộ", "tai_nạn", "giao_thông"). About 3 ms per opinion,
  so it is used for labels and key phrases on a bounded number of texts, not for every vector.

When underthesea is not importable, ``words`` falls back to syllables so that nothing breaks.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from sausat.textkit.normalize import match_key, normalize_line

# underthesea pulls huggingface_hub; make sure nothing ever tries the network from here.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

_WORD = re.compile(r"\w+", re.UNICODE)
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

# Generic words of petitions and meeting records that say nothing about the topic. Written for
# this app; compared in match_key form (lower case, one tone placement).
_STOPWORDS_TEXT = """
cử_tri người_dân nhân_dân bà_con đề_nghị kiến_nghị phản_ánh quan_tâm xem_xét giải_quyết
đề_xuất mong_muốn yêu_cầu trả_lời giải_đáp hiện_nay hiện thời_gian thời_gian_qua tình_trạng
việc các những một cho của và là có được đã đang sẽ với để từ tại trên dưới trong ngoài theo
về này đó kia nhiều ít rất hơn nữa cần phải nên không chưa nhưng mà thì nếu khi do vì bị như
cũng vẫn còn đến đi ra vào lại lên xuống nào gì sao ai đâu tỉnh huyện xã thôn ấp phường thị_trấn
thành_phố quận địa_phương địa_bàn cấp ngành các_cấp chính_quyền nhà_nước trung_ương ubnd
hđnd ủy_ban hội_đồng tỉnh_ủy cơ_quan đơn_vị chức_năng có_thẩm_quyền liên_quan tiếp_tục
kịp_thời sớm đối_với vấn_đề trường_hợp nội_dung ý_kiến lĩnh_vực thực_hiện triển_khai
hướng_dẫn chỉ_đạo tạo_điều_kiện hỗ_trợ bà ông anh chị em họ chúng_tôi mình người dân gia_đình
năm tháng ngày hơn khoảng gần số lượng nhiều_năm làm cụ_thể chung riêng tuy_nhiên đồng_thời
hoặc hay bởi vậy nên_cần đây thực_tế hiện_tại nay trước sau qua đồng_chí
"""


def word_key(token: str) -> str:
    """match_key of a segmented word, one syllable at a time ("Học_sinh" -> "học_sinh")."""
    return "_".join(match_key(part) for part in token.split("_"))


STOPWORDS: frozenset[str] = frozenset(word_key(w) for w in _STOPWORDS_TEXT.split())
# Single syllables of the stopwords above, used when a multi-syllable word is not recognised.
STOP_SYLLABLES: frozenset[str] = frozenset(w for w in STOPWORDS if "_" not in w)


@lru_cache(maxsize=200_000)
def _syllable_key(syllable: str) -> str:
    return match_key(syllable)


def syllables(text: str) -> list[str]:
    """Lower-cased syllables with one tone placement ("hoà" == "hòa").

    Same result as splitting ``match_key(text)``, but memoised per syllable: Vietnamese has a
    few thousand syllables, so 10,000 opinions cost milliseconds instead of seconds.
    """
    if not text:
        return []
    return [_syllable_key(w) for w in _WORD.findall(unicodedata.normalize("NFC", text).casefold())]


def fast_key(text: str) -> str:
    """``" ".join(syllables(text))``: the TF-IDF preprocessor and the cache key."""
    return " ".join(syllables(text))


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], list[str]]:
    from underthesea import word_tokenize  # a pinned dependency; imported on first use (its load is slow)

    return word_tokenize


@lru_cache(maxsize=20_000)
def words(text: str) -> tuple[str, ...]:
    """Word-segmented tokens in their written form, syllables of a word joined by "_".

    Punctuation tokens are dropped. Cased as written (labels keep proper nouns readable).
    """
    text = normalize_line(text)
    try:
        tokens = [t.replace(" ", "_") for t in _tokenizer()(text)]
    except Exception:  # pragma: no cover - CRF failure on odd input: degrade, don't crash
        tokens = _WORD.findall(text)
    return tuple(t for t in tokens if _HAS_LETTER.search(t))


def is_content_word(token: str) -> bool:
    """A token that may carry topic meaning: not a stopword, not a bare number."""
    key = word_key(token)
    if key in STOPWORDS or not _HAS_LETTER.search(key):
        return False
    return not ("_" not in key and len(key) <= 1)
