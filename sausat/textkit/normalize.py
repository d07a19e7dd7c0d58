"""Vietnamese text normalisation shared by every app.

Three forms of one text:
- ``normalize(text)``: what we store. NFC, invisible/bidi controls removed, whitespace folded.
- ``match_key(text)``: accent-sensitive equality key. Tone marks are moved to one placement
  convention ("hoà" == "hòa", "thuỷ" == "thủy") and the text is casefolded.
- ``search_key(text)``: accent-free key for search. No diacritics, đ -> d, lower case.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width, BOM, soft hyphen, word joiner and bidi embedding/override/isolate controls.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile(r"\r\n?|\u2028|\u2029")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")

# Combining tone marks (the five Vietnamese tones), as they appear after NFD.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYĐđ") - {"Đ", "đ"}


def normalize(text: str | None, *, multiline: bool = True) -> str:
    """Return the stored form of user text: NFC, no invisible controls, folded whitespace."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        text = _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines))
    else:
        text = _SPACES.sub(" ", text.replace("\n", " "))
    return text.strip()


def normalize_line(text: str | None) -> str:
    """Single-line variant for names and titles."""
    return normalize(text, multiline=False)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D")


def search_key(text: str | None) -> str:
    """Accent-free, lower-case key: "Đồng Tháp" -> "dong thap"."""
    if not text:
        return ""
    return strip_diacritics(normalize_line(text)).lower()


def _fix_syllable_tone(syllable: str) -> str:
    """Move the tone mark of one NFD syllable to the traditional position.

    Official names use both "Hoà"/"Hòa" and "Thuỷ"/"Thủy"; only the key must agree, so we
    settle on the traditional placement ("hòa", "thủy", "khỏe").
    """
    tones = [ch for ch in syllable if ch in _TONES]
    if len(tones) != 1:
        return syllable
    tone = tones[0]
    base = [ch for ch in syllable if ch != tone]
    # Positions of vowel letters (a base letter possibly followed by its non-tone marks).
    letters: list[list[str]] = []
    for ch in base:
        if unicodedata.category(ch) == "Mn" and letters:
            letters[-1].append(ch)
        else:
            letters.append([ch])
    composed = [unicodedata.normalize("NFC", "".join(group)) for group in letters]
    lower = [c.lower() for c in composed]
    vowel_idx = [i for i, c in enumerate(lower) if c in _VOWELS]
    if not vowel_idx:
        return syllable
    # "qu" and "gi" onsets: the u / i belongs to the consonant.
    if len(vowel_idx) > 1 and vowel_idx[0] > 0:
        onset = lower[vowel_idx[0] - 1] + lower[vowel_idx[0]]
        if onset in {"qu", "gi"}:
            vowel_idx = vowel_idx[1:]
    target = vowel_idx[0]
    modified = [i for i in vowel_idx if lower[i] in {"ă", "â", "ê", "ô", "ơ", "ư"}]
    if modified:
        target = modified[-1]
    elif len(vowel_idx) >= 2:
        last = vowel_idx[-1]
        has_final_consonant = last < len(lower) - 1
        if len(vowel_idx) == 3 or has_final_consonant:
            target = vowel_idx[1]
        else:
            # Two vowels and no final consonant: oa/oe/uy take the mark on the first vowel in
            # the traditional style ("hòa", "thủy"); ai/ao/au/... always on the first.
            target = vowel_idx[0]
    rebuilt = []
    for i, group in enumerate(composed):
        rebuilt.append(group + tone if i == target else group)
    return unicodedata.normalize("NFD", "".join(rebuilt))


_SYLLABLE = re.compile(r"(?:\w|[\u0300-\u036f])+")


def match_key(text: str | None) -> str:
    """Accent-sensitive equality key with one tone placement: match_key("hoà") == match_key("hòa")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", normalize_line(text).casefold())
    fixed = _SYLLABLE.sub(lambda m: _fix_syllable_tone(m.group(0)), decomposed)
    return unicodedata.normalize("NFC", fixed)
