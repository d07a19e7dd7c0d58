"""Which province an article is about (no database): votes from the names the page writes.

Each piece of evidence votes for a province; a name shared by several provinces splits its vote evenly.

- A province name, legacy or current ("Tây Ninh", "Tỉnh ủy Tây Ninh", "Báo Vĩnh Long"): 3. Not when a
  lower unit or a place word is right before it ("huyện Quảng Ninh" is a district of Quảng Bình,
  "phường Hòa Bình", "đường Hà Nội"), nor inside a person's name ("Nguyễn Thái Bình"). "Hồ Chí Minh"
  counts only after "Thành phố"/"TP" (otherwise it is the President's name: "tư tưởng Hồ Chí Minh");
  "TP.HCM"/"TPHCM" count; a one-word name ("Huế") only after "tỉnh/thành phố/TP".
- The same names in the headline count once more: a headline such as "Tây Ninh: ..." names the province
  the article is about.
- "huyện/quận/thị xã/thành phố X" and the district's party committee "Huyện ủy/Quận ủy/Thị ủy X": the
  province of district X, 2.
- "xã/phường/thị trấn/đặc khu X": the province of commune X, 1. Communes are looked up among the units
  of the meeting's era first (pre-2025 communes before 1/7/2025, current ones after), then the other era.
- A dateline code "(QBĐT)", "(BL-KP)": provinces whose initials it starts with, 2.
- A web address of a provincial paper or portal ("baovinhlong.com.vn", "hdnd.tayninh.gov.vn"): 3.

The province with the most votes wins when it has at least 1 (one unambiguous commune is enough) and no
other has as many; otherwise null. On or after 1/7/2025 legacy provinces are folded into the province
they were merged into (Hòa Bình → Phú Thọ) before counting.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

from sausat.textkit.articles.gazetteer import REORG_DATE, current_name, gazetteer
from sausat.textkit.articles.people import SURNAMES
from sausat.textkit.normalize import match_key, strip_diacritics

# Words right before a name that make it a lower unit or a named thing, not the province.
_NOT_PROVINCE_BEFORE = re.compile(
    r"(?<!\w)(?:huyện|quận|thị xã|thị trấn|xã|phường|đặc khu|ấp|thôn|bản|khóm|xóm|tổ dân phố|đường|phố|(?<!điểm )cầu|chợ|sông|hồ"
    r"|núi|đèo|bến|cảng|ga|sân bay|bệnh viện|trường|khách sạn|công viên|quảng trường|Huyện ủy|Quận ủy|Thị ủy)\s*$",
    re.IGNORECASE,
)
_PROVINCE_BEFORE = re.compile(r"(?<!\w)(?:tỉnh|thành phố|tp\.?)\s*$", re.IGNORECASE)
_HCM_SHORT = re.compile(r"\b(?:TP|Tp|tp)\s*\.?\s*HCM\b|\bTPHCM\b")
_HCM = match_key("Hồ Chí Minh")
_ALIASES = {
    "Thừa Thiên Huế": "Huế",
    "Thừa Thiên - Huế": "Huế",
    "Đăk Lăk": "Đắk Lắk",
    "Đắc Lắc": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    "Đắc Nông": "Đắk Nông",
}
_UNIT_MENTION = re.compile(
    r"(?<!\w)(?P<u>(?i:huyện ủy|quận ủy|thị ủy|huyện|quận|thị xã|thành phố|tp\.?|xã|phường|thị trấn|đặc khu))"
    r"\s+(?P<n>[A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ0-9]\w*){0,3})"
)
_DISTRICT_WORDS = ("huyện", "quận", "thị xã", "thành phố", "tp", "huyện ủy", "quận ủy", "thị ủy")
_DATELINE_CODE = re.compile(r"(?:^|\n)\s*\((?P<c>[A-ZĐ]{2,6})(?:\s*[-–]\s*[A-ZĐ]{1,6})?\)")
_WEB_HOST = re.compile(r"(?<![\w.])(?:[a-z0-9-]+\.)*[a-z0-9-]+\.(?:gov\.vn|com\.vn|org\.vn|net\.vn|vn)\b", re.I)


@lru_cache(maxsize=1)
def _province_keys() -> dict[str, str]:
    g = gazetteer()
    keys = {**g.current_provinces, **g.legacy_provinces}
    for alias, name in _ALIASES.items():
        keys[_dehyphen(match_key(alias))] = name
    return {_dehyphen(k): v for k, v in keys.items()}


def _dehyphen(key: str) -> str:
    return " ".join(key.replace("-", " ").replace("–", " ").split())


def _squashed(name: str) -> str:
    return re.sub(r"[^a-z]", "", strip_diacritics(name).lower().replace("đ", "d"))


def _is_name_syllable(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and word[1:].islower() and word.isalpha()


def _capitalised_runs(text: str) -> list[list[re.Match]]:
    """Runs of capitalised words separated only by spaces or a hyphen ("Bà Rịa - Vũng Tàu")."""
    runs: list[list[re.Match]] = []
    run: list[re.Match] = []
    for m in re.finditer(r"\w+", text):
        if not m.group(0)[0].isupper():
            run = []
            continue
        if run and not re.fullmatch(r"[ \t]+|[ \t]*[-–][ \t]*", text[run[-1].end() : m.start()]):
            run = []
        if not run:
            runs.append(run)
        run.append(m)
    return runs


def province_mentions(text: str) -> list[str]:
    """Province names written in ``text`` as provinces (see the module rules), in order."""
    keys = _province_keys()
    longest = max(len(k.split()) for k in keys)
    found: list[str] = [keys[_HCM] for _m in _HCM_SHORT.finditer(text)]
    for run in _capitalised_runs(text):
        words = [m.group(0) for m in run]
        word_keys = [match_key(w) for w in words]  # per syllable, so joining keys == key of the joined words
        i = 0
        while i < len(words):
            hit = next(
                (
                    size
                    for size in range(min(longest, len(words) - i), 0, -1)
                    if " ".join(word_keys[i : i + size]) in keys
                ),
                0,
            )
            if not hit:
                i += 1
                continue
            key = " ".join(word_keys[i : i + hit])
            before = text[: run[i].start()]
            in_person_name = any(
                match_key(words[j]) in SURNAMES and all(_is_name_syllable(w) for w in words[j:i])
                for j in range(max(0, i - 2), i)
            )
            explicit = bool(_PROVINCE_BEFORE.search(before))
            if (
                not in_person_name
                and (explicit or not _NOT_PROVINCE_BEFORE.search(before))
                and (hit > 1 or explicit)
                and (key != _HCM or explicit)
            ):
                found.append(keys[key])
            i += hit
    return found


def _communes(key: str, day: dt.date | None) -> set[str]:
    """Provinces having a commune called ``key``: those of the meeting's era first, else the other era."""
    g = gazetteer()
    legacy, current = g.legacy_wards.get(key) or set(), g.current_wards.get(key) or set()
    if day is None:
        return legacy | current
    return (current or legacy) if day >= REORG_DATE else (legacy or current)


def province_votes(text: str, day: dt.date | None = None, headline: str | None = None) -> Counter:
    """Evidence for each legacy/current province name (module docstring)."""
    g = gazetteer()
    votes: Counter = Counter()
    for name in province_mentions(text):
        votes[name] += 3
    for name in province_mentions(headline or ""):
        votes[name] += 3
    for m in _UNIT_MENTION.finditer(text):
        unit = m.group("u").lower().rstrip(".")
        words = []
        for word in m.group("n").split():
            if not (word[0].isupper() or word[0].isdigit()):
                break
            words.append(word)
        for size in range(len(words), 0, -1):
            key = match_key(" ".join(words[:size]))
            if unit in _DISTRICT_WORDS:
                found, weight = g.legacy_districts.get(key) or set(), 2.0
            else:
                found, weight = _communes(key, day), 1.0
            if found:
                for name in found:
                    votes[name] += weight / len(found)
                break
    for m in _DATELINE_CODE.finditer(text):
        code = m.group("c").replace("Đ", "D")
        for n in range(len(code), 1, -1):
            found = g.initials.get(code[:n])
            if found:
                for name in found:
                    votes[name] += 2.0 / len(found)
                break
    squashed = {_squashed(name): name for name in g.province_names()}
    squashed.update({_squashed(alias): name for alias, name in _ALIASES.items()})
    squashed["hcm"] = squashed["tphcm"] = squashed[_squashed("Hồ Chí Minh")]
    for m in _WEB_HOST.finditer(text):
        labels = m.group(0).lower().split(".")
        for label in labels:
            label = label.replace("-", "")
            name = squashed.get(label) or (squashed.get(label[3:]) if label.startswith("bao") else None)
            if name:
                votes[name] += 3
                break
    return votes


def province(text: str, day: dt.date | None, headline: str | None = None) -> str | None:
    votes = province_votes(text, day, headline)
    if not votes:
        return None
    if day is not None and day >= REORG_DATE:
        merged: Counter = Counter()
        for name, weight in votes.items():
            merged[current_name(name)] += weight
        votes = merged
    (best, weight), *others = votes.most_common()
    if weight < 1.0 - 1e-9 or (others and abs(others[0][1] - weight) < 1e-9):
        return None
    return best
