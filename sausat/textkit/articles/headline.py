"""A photo caption is not a headline (no database).

A report on voter meetings in several places often opens with a photo caption that names one of those
places ("... tiếp xúc cử tri tại xã A"); it describes one photo, not the article, so it stays in the
body (``caption_of_one_place``). No title is ever composed in its place: the dev-data README allows a
title only where the excerpt contains a headline, so an article without one has a null title.
"""

from __future__ import annotations

import re

from sausat.textkit.articles import extract
from sausat.textkit.normalize import match_key

_COMMUNE = re.compile(r"(?<!\w)(?:xã|phường|thị trấn)\s+(?P<n>[A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ0-9]\w*){0,3})")


def caption_of_one_place(title: str | None, text: str) -> bool:
    """True when ``title`` names one commune's voter meeting while ``text`` reports meetings in several
    places. A headline naming a district ("... tiếp xúc cử tri huyện A") may cover its communes' meetings."""
    if not title or not re.search(r"cử tri", title, re.I):
        return False
    communes = {match_key(m.group("n")) for m in _COMMUNE.finditer(title) if m.group("n")[0].isupper()}
    places = extract.distinct_voter_places(text)
    return len(communes) == 1 and len(places) >= 2 and bool(places - communes)
