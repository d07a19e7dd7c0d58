"""Legacy Vietnamese encodings pasted as Unicode: TCVN3 (ABC) and VNI-Windows.

Text typed with a legacy font (.VnTime, VNI-Times) and copied as Unicode shows Latin-1 letters in
place of Vietnamese ones: "Céng hoµ x· héi" (TCVN3) or "Vieät Nam" (VNI). We detect it, warn in
Vietnamese, and can convert it back. The tables below are written from the encodings' definitions:

- TCVN3 (TCVN 5712:1993, VN3): one byte per letter. Lower-case letters with tones have their own
  bytes; upper-case letters with tones are not encoded (the upper-case font reuses lower-case codes).
- VNI-Windows: a base letter followed by a mark byte (circumflex, breve, tone, or a combined one);
  ơ, ư, đ, ỵ and the tones of i are single bytes.
"""

from __future__ import annotations

import re
import unicodedata

_TCVN3_LOWER = {
    "a": "\xb8\xb5\xb6\xb7\xb9",  # á à ả ã ạ  (order below: sắc, huyền, hỏi, ngã, nặng)
    "ă": "\xbe\xbb\xbc\xbd\xc6",
    "â": "\xca\xc7\xc8\xc9\xcb",
    "e": "\xd0\xcc\xce\xcf\xd1",
    "ê": "\xd5\xd2\xd3\xd4\xd6",
    "i": "\xdd\xd7\xd8\xdc\xde",
    "o": "\xe3\xdf\xe1\xe2\xe4",
    "ô": "\xe8\xe5\xe6\xe7\xe9",
    "ơ": "\xed\xea\xeb\xec\xee",
    "u": "\xf3\xef\xf1\xf2\xf4",
    "ư": "\xf8\xf5\xf6\xf7\xf9",
    "y": "\xfd\xfa\xfb\xfc\xfe",
}
_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc, huyền, hỏi, ngã, nặng
_TCVN3_PLAIN = {
    "ă": "\xa8",
    "â": "\xa9",
    "ê": "\xaa",
    "ô": "\xab",
    "ơ": "\xac",
    "ư": "\xad",
    "đ": "\xae",
    "Ă": "\xa1",
    "Â": "\xa2",
    "Ê": "\xa3",
    "Ô": "\xa4",
    "Ơ": "\xa5",
    "Ư": "\xa6",
    "Đ": "\xa7",
}


def _build_tcvn3() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    for base, codes in _TCVN3_LOWER.items():
        for tone, code in zip(_TONES, codes, strict=True):
            decode[code] = unicodedata.normalize("NFC", base + tone)
    for letter, code in _TCVN3_PLAIN.items():
        decode[code] = letter
    encode = {v: k for k, v in decode.items()}
    return decode, encode


TCVN3_DECODE, TCVN3_ENCODE = _build_tcvn3()

# VNI-Windows marks (lower-case form; the upper-case form is the Latin-1 upper-case letter).
_VNI_TONE = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRC = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_SINGLE.update({k.upper(): v.upper() for k, v in list(_VNI_SINGLE.items())})
_VNI_BASES = set("aeouyAEOUY")


def _mark(ch: str, table: dict[str, str], upper: bool | None = None) -> str | None:
    """The combining mark(s) a VNI mark byte stands for; its case must match the letter's (``upper``)."""
    for key, value in table.items():
        if (ch == key and upper is not True) or (ch == key.upper() and upper is not False):
            return value
    return None


def vni_to_unicode(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in _VNI_SINGLE:
            letter = _VNI_SINGLE[ch]
            tone = _mark(nxt, _VNI_TONE, ch.isupper()) if ch.lower() in "ôö" else None
            out.append(letter + (tone or ""))
            i += 2 if tone else 1
            continue
        if ch in _VNI_BASES and nxt:
            up = ch.isupper()
            circ = _mark(nxt, _VNI_CIRC, up) if ch.lower() in "aeo" else None
            breve = _mark(nxt, _VNI_BREVE, up) if ch.lower() == "a" else None
            if circ is not None:
                tone = circ or (_mark(text[i + 2], _VNI_TONE, up) if i + 2 < len(text) else None)
                out.append(ch + "\u0302" + (tone or ""))
                i += 2 + (1 if tone and not circ else 0)
                continue
            if breve is not None:
                tone = breve or (_mark(text[i + 2], _VNI_TONE, up) if i + 2 < len(text) else None)
                out.append(ch + "\u0306" + (tone or ""))
                i += 2 + (1 if tone and not breve else 0)
                continue
            tone = _mark(nxt, _VNI_TONE, up)
            if tone:
                out.append(ch + tone)
                i += 2
                continue
        out.append(ch)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def tcvn3_to_unicode(text: str) -> str:
    return "".join(TCVN3_DECODE.get(ch, ch) for ch in text)


def unicode_to_tcvn3(text: str) -> str:
    """For tests and round trips: lower-case Vietnamese letters (and Ă Â Ê Ô Ơ Ư Đ) only."""
    return "".join(TCVN3_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def unicode_to_vni(text: str) -> str:
    """For tests and round trips."""
    out: list[str] = []
    tone_chars = {v: k for k, v in _VNI_TONE.items()}
    circ_chars = {v: k for k, v in _VNI_CIRC.items()}
    breve_chars = {v: k for k, v in _VNI_BREVE.items()}
    singles = {"ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}
    for ch in unicodedata.normalize("NFC", text):
        upper = ch.isupper()
        low = ch.lower()
        if low in singles:
            out.append(singles[low].upper() if upper else singles[low])
            continue
        parts = unicodedata.normalize("NFD", low)
        base, marks = parts[0], parts[1:]
        if base not in "aeiouy" or not marks:
            out.append(ch)
            continue
        tone = next((m for m in marks if m in tone_chars), "")
        shape = next((m for m in marks if m in ("\u0302", "\u0306", "\u031b")), "")
        if shape == "\u031b":  # horn: ơ / ư are single bytes
            letter = "ô" if base == "o" else "ö"
            code = letter + tone_chars.get(tone, "")
            out.append(code.upper() if upper else code)
            continue
        if base == "i" and tone:
            letter = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}[tone]
            out.append(letter.upper() if upper else letter)
            continue
        if base == "y" and tone == "\u0323":
            out.append("Î" if upper else "î")
            continue
        if shape == "\u0302":
            mark = circ_chars[tone]
        elif shape == "\u0306":
            mark = breve_chars[tone]
        else:
            mark = tone_chars[tone]
        code = base + mark
        out.append(code.upper() if upper else code)
    return "".join(out)


# Latin-1 letters that genuine Vietnamese never uses; inside a word they betray a legacy encoding.
_VI_LATIN1_OK = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_SUSPECT = {chr(c) for c in range(0xA1, 0x100)} - _VI_LATIN1_OK - set("«»°±¿¡")
_WORD = re.compile(r"\S+")
_VI_LETTERS = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


_N_TILDE = re.compile(r"[ñÑ]\w|\w[ñÑ]")
_MIXED = re.compile(r"[a-zà-ỹ][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]")


def _suspect_words(text: str) -> int:
    """Words carrying a Latin-1 letter foreign to Vietnamese, or an upper-case accented letter mid-word."""
    return sum(
        1
        for w in _WORD.findall(text)
        if (any(ch in _SUSPECT for ch in w) and any(ch.isalpha() for ch in w)) or _MIXED.search(w)
    )


def _vni_pairs(text: str) -> int:
    return len(re.findall(r"[aeouy][âáàåãäêéèúüëùøûõï]|[AEOUY][ÂÁÀÅÃÄÊÉÈÚÜËÙØÛÕÏ]|[ôö][ùøûõï]|[ÔÖ][ÙØÛÕÏ]", text))


# Bytes that only TCVN3 puts inside words (VNI never produces them).
_TCVN3_ONLY = re.compile("[\xa1-\xae\xb5-\xb9\xbb-\xbe\xa7\xd7\xde\xf7\xfe]")


# A Vietnamese syllable: optional onset, a vowel nucleus of one to three letters, optional coda.
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
_VOWELS = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_CODA = "(?:ch|ng|nh|[cmnpt])?"
_VI_SYLLABLE = re.compile(f"{_ONSET}[{_VOWELS}]{{1,3}}{_CODA}")
_EDGE_PUNCT = "\"'“”‘’()[]{}.,;:!?…-–—"


def _is_vietnamese_syllable(word: str) -> bool:
    core = word.strip(_EDGE_PUNCT).lower()
    return bool(core) and _VI_SYLLABLE.fullmatch(core) is not None and _VI_LETTERS.search(core) is not None


def _tcvn3_syllables(words: list[str]) -> int:
    """Suspect words whose TCVN3 reading is a well-formed Vietnamese syllable with a Vietnamese letter.

    One such word is evidence on its own: "häc" reads "học", whereas a foreign word carrying the same
    Latin-1 letters ("Müller", "Señor", "naïve") does not read as a syllable and stays undetected.
    """
    return sum(
        1
        for w in words
        if any(ch in _SUSPECT for ch in w)
        and _is_vietnamese_syllable(unicodedata.normalize("NFC", tcvn3_to_unicode(w)))
    )


def detect_legacy_encoding(text: str) -> str | None:
    """ "tcvn3", "vni" or None: whether ``text`` looks like TCVN3/VNI text read as Unicode."""
    if not text:
        return None
    words = _WORD.findall(text)
    suspect = _suspect_words(text)
    strong = (
        _vni_pairs(text)
        + _tcvn3_syllables(words)
        + sum(
            1
            for w in words
            if (_TCVN3_ONLY.search(w) and any(c.isalpha() for c in w)) or _MIXED.search(w) or _N_TILDE.search(w)
        )
    )
    # Latin-1 letters alone are no proof (names like "Jürgen", "Zürich"): at least one word must be
    # Vietnamese-specific evidence, and a long text needs two.
    if suspect == 0 or strong < 1 or (suspect < 0.05 * len(words) and strong < 2):
        return None
    scores = {}
    for name, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        converted = convert(text)
        scores[name] = (suspect - _suspect_words(converted)) + 0.1 * len(_VI_LETTERS.findall(converted))
    scores["vni"] += 0.5 * _vni_pairs(text)
    scores["tcvn3"] += 0.5 * len(_TCVN3_ONLY.findall(text))
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None


def convert_legacy(text: str, encoding: str) -> str:
    """Convert TCVN3 ("tcvn3") or VNI ("vni") text read as Unicode back to Vietnamese Unicode (NFC)."""
    if encoding == "tcvn3":
        return unicodedata.normalize("NFC", tcvn3_to_unicode(text))
    if encoding == "vni":
        return vni_to_unicode(text)
    raise ValueError(f"unknown legacy encoding: {encoding}")


_NAMES = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}


def legacy_warning(encoding: str) -> str:
    return (
        f"Văn bản có vẻ được gõ bằng bảng mã cũ {_NAMES.get(encoding, encoding)} nên dấu tiếng Việt hiển thị sai. "
        "Hãy chuyển sang Unicode (dùng nút chuyển mã hoặc công cụ chuyển mã) rồi kiểm tra lại trước khi lưu."
    )
