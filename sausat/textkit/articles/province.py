"""Which province an article is about (no database): only a province the text names.

The rule is literal (``../shared/dev-data/README.md``): a province is proposed only where the text
writes its name. Nothing is guessed from outside the text: not from a district or commune whose name
belongs to some province, not from the newspaper that published the article (a dateline code "(QBĐT)",
a web address "baox.com.vn"), not from who a person is. A null province tells the office that the text
is silent, so the person importing chooses the unit; a guess would hide that (a commune name is shared
by several provinces, a newspaper reports on its neighbours).

- A province name, legacy or current, alone or inside a body's name ("Tây Ninh", "Tỉnh ủy Tây Ninh",
  "Bí thư Tỉnh ủy Bình Dương", "điểm cầu Sóc Trăng", "Báo Hậu Giang" among the bodies at a meeting):
  1 vote. Not when a lower unit, a cluster or a place word is right before it ("huyện Quảng Ninh" is a
  district of Quảng Bình, "cụm Hòa Bình", "phường Hòa Bình", "đường Hà Nội"), not in a list of lower
  units ("các phường: Kỳ Sơn, Hòa Bình"), nor inside a person's name ("Nguyễn Thái Bình"). "Hồ Chí
  Minh" counts only after "Thành phố"/"TP" (otherwise it is the President's name: "tư tưởng Hồ Chí
  Minh"); "TP.HCM"/"TPHCM" count; a one-word name ("Huế") only after "tỉnh/thành phố/TP".
- The same names in the headline count once more: a headline such as "Tây Ninh: ..." names the province
  the article is about.
- "Tỉnh ủy", "UBND tỉnh", "tỉnh" alone name no province and give no vote.

The province with the most votes wins when no other has as many; otherwise null. On or after 1/7/2025
legacy provinces are folded into the province they were merged into (Hòa Bình → Phú Thọ) before
counting, so a text naming a merged province by its old name proposes the unit now in force.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

from sausat.textkit.articles.gazetteer import REORG_DATE, current_name, gazetteer
from sausat.textkit.articles.people import SURNAMES
from sausat.textkit.normalize import match_key

# Words right before a name that make it a lower unit or a named thing, not the province.
_NOT_PROVINCE_BEFORE = re.compile(
    r"(?<!\w)(?:huyện|quận|thị xã|thị trấn|xã|phường|đặc khu|ấp|thôn|bản|khóm|xóm|tổ dân phố|đường|phố|(?<!điểm )cầu|chợ|sông|hồ"
    r"|núi|đèo|bến|cảng|ga|sân bay|bệnh viện|trường|khách sạn|công viên|quảng trường|Huyện ủy|Quận ủy|Thị ủy"
    r"|cụm)\s*$",
    re.IGNORECASE,
)
# A name inside a list of lower units: "cử tri các phường: Kỳ Sơn, Hòa Bình" ("các xã A, B và C").
_UNIT_LIST_BEFORE = re.compile(
    r"(?<!\w)(?i:các|những)\s+(?:xã|phường|thị trấn|huyện|quận|thị xã|đặc khu|ấp|thôn|bản|xóm)"
    r"(?:\s*,\s*(?:xã|phường|thị trấn|huyện|quận|thị xã))*\s*:?\s*"
    r"(?:[A-ZĐÀ-Ỹ]\w*(?:[ \t]+[A-ZĐÀ-Ỹ0-9]\w*)*\s*,\s*)*(?:và\s+)?$"
)
_PROVINCE_BEFORE = re.compile(r"(?<!\w)(?:tỉnh|thành phố|tp\.?)\s*$", re.IGNORECASE)
# "thành phố X" is the province only for a centrally-run city; otherwise it is a provincial city, a lower
# unit that shares its province's name ("thành phố Thái Nguyên" in Thái Nguyên province).
_CITY_BEFORE = re.compile(r"(?<!\w)(?:thành phố|tp\.?)\s*$", re.IGNORECASE)
_CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
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


@lru_cache(maxsize=1)
def _province_keys() -> dict[str, str]:
    g = gazetteer()
    keys = {**g.current_provinces, **g.legacy_provinces}
    for alias, name in _ALIASES.items():
        keys[_dehyphen(match_key(alias))] = name
    return {_dehyphen(k): v for k, v in keys.items()}


def _dehyphen(key: str) -> str:
    return " ".join(key.replace("-", " ").replace("–", " ").split())


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
            provincial_city = bool(_CITY_BEFORE.search(before)) and keys[key] not in _CENTRAL_CITIES
            if (
                not provincial_city
                and not in_person_name
                and (explicit or not (_NOT_PROVINCE_BEFORE.search(before) or _UNIT_LIST_BEFORE.search(before[-200:])))
                and (hit > 1 or explicit)
                and (key != _HCM or explicit)
            ):
                found.append(keys[key])
            i += hit
    return found


def province_votes(text: str, headline: str | None = None) -> Counter:
    """Votes for each province the text names (module docstring)."""
    return Counter([*province_mentions(text), *province_mentions(headline or "")])


def province(text: str, day: dt.date | None, headline: str | None = None) -> str | None:
    votes = province_votes(text, headline)
    if not votes:
        return None
    if day is not None and day >= REORG_DATE:
        merged: Counter = Counter()
        for name, weight in votes.items():
            merged[current_name(name)] += weight
        votes = merged
    (best, weight), *others = votes.most_common()
    if others and others[0][1] == weight:
        return None
    return best
