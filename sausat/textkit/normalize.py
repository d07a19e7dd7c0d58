"""Vietnamese text normalisation shared by every app.

Three forms of one text:
- ``normalize(text)``: what we store. NFC, control characters, Unicode non-characters, lone
  surrogates and invisible/bidi controls removed (a zero-width joiner survives only inside an
  emoji sequence), whitespace folded.
- ``match_key(text)``: accent-sensitive equality key. Tone marks are moved to one placement
  convention ("hoà" == "hòa", "thuỷ" == "thủy") and the text is casefolded.
- ``search_key(text)``: accent-free key for search. No diacritics, đ -> d, lower case.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls and DEL (tab and newline are whitespace, folded below), lone surrogates and the
# Unicode non-characters (U+FDD0-U+FDEF and the last two code points of every plane): none is
# text, and XML 1.0 (.xlsx, .docx) refuses most of them, so one stored character would make
# every later export of the row fail.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + _NONCHARACTERS + "]")
# The same set for stripping: a class listing the 32 astral non-characters one by one makes the
# regex engine 8x slower on every text, so it matches everything from U+1FFFE up (rare: CJK
# extensions, tags, private use) and a callback keeps what is not a non-character.
_UNSAFE_OR_HIGH = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]")


def _drop_unsafe(match: re.Match) -> str:
    ch = match.group()
    return ch if ch > "\uffff" and ord(ch) & 0xFFFE != 0xFFFE else ""


# Zero-width (except the joiner), BOM, soft hyphen, word joiner and bidi embedding/override/isolate controls.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Extended_Pictographic, approximated by blocks (``re`` has no emoji properties): enough to tell an
# emoji ZWJ sequence ("👨‍👩‍👧", "🏳️‍🌈", "❤️‍🔥") from a joiner hidden between letters of a name.
_PICTOGRAPHIC = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf"
    "\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001f1e5\U0001f200-\U0001f3fa"
    "\U0001f400-\U0001faff"
)
# What may sit between an emoji and its joiner: VS15/VS16 and the skin-tone modifiers.
_EMOJI_MODIFIER = "\ufe0e\ufe0f\U0001f3fb-\U0001f3ff"
# A joiner is kept only with a pictograph (optionally modified) before it and a pictograph after it.
# (The joiner comes first in the pattern so the lookarounds run only where there is one.)
_STRAY_ZWJ = re.compile(
    f"\u200d(?:(?<![{_PICTOGRAPHIC}]\u200d)(?<![{_PICTOGRAPHIC}][{_EMOJI_MODIFIER}]\u200d)|(?![{_PICTOGRAPHIC}]))"
)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# VT, FF and NEL break lines too: folded into a newline (a space in one-line text) rather than
# dropped, so the words on either side stay apart.
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")

# Combining tone marks (the five Vietnamese tones), as they appear after NFD.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYĐđ") - {"Đ", "đ"}


def strip_unsafe(text: str | None) -> str:
    """Control characters (tab and newline kept), lone surrogates and non-characters removed."""
    return _UNSAFE_OR_HIGH.sub(_drop_unsafe, text) if text else ""


def _strip_invisible_keeping_emoji(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    return _STRAY_ZWJ.sub("", text) if "\u200d" in text else text


def normalize(text: str | None, *, multiline: bool = True) -> str:
    """Return the stored form of user text: NFC, no controls nor invisible characters, folded whitespace.

    Tab and newline are whitespace, not removed: a tab becomes a space, newlines are kept
    (at most one blank line in a row), or become spaces when ``multiline`` is false.
    """
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    # Removed before NFC: a mark separated from its letter by a removed character composes now,
    # not on the next normalisation, which keeps normalize() idempotent.
    text = _strip_invisible_keeping_emoji(strip_unsafe(text))
    text = unicodedata.normalize("NFC", text)
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        text = _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines))
    else:
        text = _SPACES.sub(" ", text.replace("\n", " "))
    return text.strip()


def normalize_line(text: str | None) -> str:
    """Single-line variant for names and titles: tabs and line breaks become spaces."""
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


# --- Checks on typed text -------------------------------------------------------------------------

_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u2060\ufeff]")
# Vietnamese needs at most two combining marks on a letter (NFD "ệ" = e + circumflex + dot below).
MAX_COMBINING_MARKS = 3


def has_bidi_controls(text: str | None) -> bool:
    """Whether ``text`` carries bidi embedding/override/isolate marks (used to disguise text)."""
    return bool(text) and bool(_BIDI.search(text))


def strip_invisible(text: str | None) -> str:
    """Bidi controls and zero-width characters removed (a joiner inside an emoji sequence stays)."""
    if not text:
        return ""
    return _STRAY_ZWJ.sub("", _ZERO_WIDTH.sub("", _BIDI.sub("", text)))


def combining_flood(text: str | None, limit: int = MAX_COMBINING_MARKS) -> bool:
    """True when some letter carries more than ``limit`` combining marks ("Zalgo" text)."""
    if not text:
        return False
    run = 0
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            run += 1
            if run > limit:
                return True
        else:
            run = 0
    return False


def strip_combining_flood(text: str | None, limit: int = MAX_COMBINING_MARKS) -> str:
    """Drop the combining marks beyond ``limit`` on each letter, then NFC."""
    if not text:
        return ""
    out, run = [], 0
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            run += 1
            if run > limit:
                continue
        else:
            run = 0
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


_GRAPHEME_EXTEND = {"\u200d", "\ufe0e", "\ufe0f"}


def _graphemes(text: str) -> list[str]:
    """Approximate extended grapheme clusters: a base character with its combining marks,
    variation selectors and ZWJ-joined followers, and regional-indicator pairs (flags)."""
    clusters: list[str] = []
    join_next = False
    for ch in unicodedata.normalize("NFC", text):
        extend = (
            unicodedata.category(ch) in ("Mn", "Me", "Mc")
            or ch in _GRAPHEME_EXTEND
            or "\U0001f3fb" <= ch <= "\U0001f3ff"
        )
        flag_pair = (
            clusters
            and "\U0001f1e6" <= ch <= "\U0001f1ff"
            and len(clusters[-1]) == 1
            and "\U0001f1e6" <= clusters[-1] <= "\U0001f1ff"
        )
        if clusters and (extend or join_next or flag_pair):
            clusters[-1] += ch
        else:
            clusters.append(ch)
        join_next = ch == "\u200d"
    return clusters


def grapheme_len(text: str | None) -> int:
    """Length as a person counts it: "ệ" typed as e + two marks is one; a flag is one."""
    return len(_graphemes(text)) if text else 0


def truncate_graphemes(text: str | None, limit: int) -> str:
    """At most ``limit`` graphemes, never cutting a letter from its marks."""
    if not text:
        return ""
    return "".join(_graphemes(text)[:limit])


def text_problems(text: str | None, *, max_graphemes: int | None = None) -> list[str]:
    """Vietnamese messages for what is wrong with typed text (empty list when it is fine)."""
    from sausat.textkit.mojibake import detect_legacy_encoding, legacy_warning

    problems: list[str] = []
    if not text:
        return problems
    encoding = detect_legacy_encoding(text)
    if encoding:
        problems.append(legacy_warning(encoding))
    if combining_flood(text):
        problems.append("Văn bản có ký tự chồng quá nhiều dấu; hãy gõ lại bằng bộ gõ tiếng Việt thông thường.")
    if has_bidi_controls(text):
        problems.append("Văn bản có ký tự điều khiển hướng chữ ẩn; các ký tự này sẽ bị bỏ khi lưu.")
    if max_graphemes is not None and grapheme_len(normalize(text)) > max_graphemes:
        problems.append(f"Văn bản dài quá {max_graphemes} ký tự.")
    return problems


# --- Search ranking -----------------------------------------------------------------------------


def rank_expression(field: str, query: str | None):
    """A Django expression ranking rows for ``query``: 0 exact (same diacritics), 1 starts with it,
    2 contains it with the same diacritics, 3 otherwise (an accent-free match only).

    Use with a filter on the stored search_key: ``qs.filter(search_key__contains=search_key(q))
    .annotate(rank=rank_expression("full_name", q)).order_by("rank", "search_key")``.
    """
    from django.db.models import Case, IntegerField, Value, When

    typed = normalize_line(query)
    if not typed:
        return Value(3, output_field=IntegerField())
    return Case(
        When(**{f"{field}__iexact": typed}, then=Value(0)),
        When(**{f"{field}__istartswith": typed}, then=Value(1)),
        When(**{f"{field}__icontains": typed}, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
