"""Article -> meeting import, the database side: province name -> unit, names -> persons, the meeting.

The article is read by :mod:`sausat.textkit.articles` (pure text, no database); this module maps what
was read onto this app's data and creates the meeting through :mod:`sausat.meetings.services`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sausat.core.actors import Actor
from sausat.geo.models import AdministrativeUnit, Level
from sausat.meetings.services import add_attendee, create_meeting
from sausat.people.models import Person
from sausat.people.policy import visible_persons
from sausat.textkit.articles.gazetteer import REORG_DATE
from sausat.textkit.articles.record import ArticleRecord
from sausat.textkit.normalize import match_key, search_key

_PREFIXES = ("tinh ", "thanh pho ", "tp ")


def _bare(key: str) -> str:
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def province_unit_code(name: str | None, on: dt.date | None = None) -> str | None:
    """The code of the province-level unit called ``name`` (legacy units included).

    Compared by ``search_key`` on level-1 names without "Tỉnh"/"Thành phố". When both a legacy and a
    current unit carry the name, the one in force on ``on`` wins (legacy when ``on`` is unknown and
    before 1 July 2025, current otherwise).
    """
    if not name:
        return None
    wanted = _bare(search_key(name))
    rows = [
        u
        for u in AdministrativeUnit.objects.filter(level=Level.PROVINCE).only("code", "name", "valid_to")
        if _bare(search_key(u.name)) == wanted
    ]
    if not rows:
        return None
    prefer_current = on is not None and on >= REORG_DATE
    rows.sort(key=lambda u: (u.valid_to is None) != prefer_current)
    exact = [u for u in rows if match_key(_bare_name(u.name)) == match_key(_bare_name(name))]
    return (exact or rows)[0].code


def _bare_name(name: str) -> str:
    for prefix in ("Tỉnh ", "Thành phố ", "TP "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def match_persons(record: ArticleRecord, user=None) -> dict[str, list[int]]:
    """Existing Person ids for each named chair/participant, keyed by the name as read.

    Matching is by ``match_key`` (tone placement and case ignored, diacritics kept). With ``user`` only
    persons that user may see are considered.
    """
    names = list(dict.fromkeys(p.name for p in [*record.chairs, *record.participants_named]))
    if not names:
        return {}
    keys = {match_key(n): n for n in names}
    qs = visible_persons(user) if user is not None else Person.objects.all()
    found: dict[str, list[int]] = {n: [] for n in names}
    for pk, key in qs.filter(match_key__in=list(keys)).values_list("id", "match_key"):
        found[keys[key]].append(pk)
    return found


KIND_TO_MEETING = {
    "dialogue": "dialogue",
    "working_session": "working_session",
    "review_conference": "review",
    "voter_meeting": "voter",
    "other": "working_session",
}


def attendance_text(record: ArticleRecord) -> str:
    lines = []
    for label, people in (("Chủ trì", record.chairs), ("Tham dự", record.participants_named)):
        for p in people:
            titles = ", ".join(p.titles_expanded or p.titles)
            lines.append(f"{label}: {p.name}" + (f" ({titles})" if titles else ""))
    return "\n".join(lines)


def minutes_text(record: ArticleRecord) -> str:
    parts = []
    counts = {k: record.count_value(k) for k in ("written", "direct", "total")}
    if any(v is not None for v in counts.values()):
        labels = {"written": "bằng văn bản", "direct": "trực tiếp", "total": "tổng cộng"}
        bits = []
        for key, value in counts.items():
            if value is not None:
                more = "hơn " if record.opinion_counts[key].at_least else ""
                bits.append(f"{labels[key]} {more}{value}")
        parts.append("Số ý kiến: " + "; ".join(bits) + ".")
    if record.issue_groups:
        parts.append("Nhóm vấn đề:\n" + "\n".join(f"- {x}" for x in record.issue_groups))
    if record.directives:
        parts.append("Chỉ đạo, kết luận:\n" + "\n".join(f"- {x}" for x in record.directives))
    parts.append("(Nhập từ bài báo; đã được người dùng xác nhận.)")
    return "\n\n".join(parts)


def save_meeting(*, actor: Actor, record: ArticleRecord, unit_code: str, chair_ids: list[int] | None = None):
    """Create the meeting through the meetings app's service (atomic, audited). Needs a meeting date."""
    if record.meeting_date is None:
        raise ValidationError({"meeting_date": "Chưa có ngày hội nghị: hãy nhập ngày trước khi lưu."})
    unit = AdministrativeUnit.objects.filter(code=unit_code).first()
    if unit is None:
        raise ValidationError({"province": "Không tìm thấy đơn vị hành chính đã chọn."})
    starts_at = timezone.make_aware(dt.datetime.combine(record.meeting_date, dt.time(8, 0)))
    chairs = list(Person.objects.filter(pk__in=chair_ids or []))
    with transaction.atomic():
        meeting = create_meeting(
            actor=actor,
            title=record.title or "Hội nghị (nhập từ bài báo)",
            starts_at=starts_at,
            unit=unit,
            chairs=chairs,
            kind=KIND_TO_MEETING.get(record.kind, "working_session"),
            place=record.place or "",
            attendance=attendance_text(record),
            minutes=minutes_text(record),
        )
        _add_named_attendees(actor, meeting, record, chairs)
    return meeting


def _add_named_attendees(actor, meeting, record: ArticleRecord, chairs: list[Person]) -> None:
    """The named participants who are not chairs become attendee records: the person when exactly one
    person of the unit's tree matches the name, else the name and titles as read."""
    chair_keys = {c.match_key for c in chairs}
    for p in record.participants_named:
        key = match_key(p.name)
        if key in chair_keys:
            continue
        titles = ", ".join(p.titles_expanded or p.titles)
        found = list(
            Person.objects.filter(match_key=key, home_unit__scope_path__startswith=meeting.unit.scope_path)[:2]
        )
        if len(found) == 1 and not meeting.attendees.filter(person=found[0]).exists():
            add_attendee(actor=actor, meeting=meeting, person=found[0], title=titles[:300])
        else:
            label = f"{p.name}, {titles}" if titles else p.name
            add_attendee(actor=actor, meeting=meeting, label=label[:300])
