"""Reads of planning (377-QĐ/TW) and rotation (65-QĐ/TW): who is in a plan on a day, the
automatic flags on each entry, the plan's structure against the targets, and the evaluations a
rotated cadre received during the rotation. Callers have passed the policy; these only assemble.

Flags are computed from what the record already holds (birth date, discipline, vote results) and
never remove anyone by themselves: the board removes with a reason in the yearly review.

``planned_for`` / ``planned_entries`` are the hook other parts (appointment eligibility) use; they
are re-exported from :mod:`sausat.cadres.selectors`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from sausat.cadres.models import (
    REPRIMAND_OR_WORSE,
    CadreProfile,
    Consequence,
    DisciplineRecord,
    Evaluation,
    PlanningEntry,
    Rotation,
    VoteCandidate,
)
from sausat.cadres.rules import Kind, Rule, rule_for
from sausat.core.numbers import percent
from sausat.geo.models import AdministrativeUnit, Level
from sausat.geo.selectors import units_by_pk  # noqa: F401  (re-exported for the planning views)
from sausat.people.models import Person
from sausat.textkit.normalize import normalize_line, search_key

MAJORITY_ETHNICITY = "kinh"  # search_key of "Kinh": everyone else counts as an ethnic minority


# --- Who is in a plan -----------------------------------------------------------------------------


def live_on_q(on: dt.date, prefix: str = "") -> Q:
    """Entries in force on ``on``: added by then and not removed by then."""
    return Q(**{f"{prefix}added_on__lte": on}) & (
        Q(**{f"{prefix}removed_on__isnull": True}) | Q(**{f"{prefix}removed_on__gt": on})
    )


def planned_entries(person: Person | int, on: dt.date) -> list[PlanningEntry]:
    """Every plan ``person`` is in on ``on`` (any post, term, unit), for eligibility checks that
    accept "that post or an equivalent or higher one" (the caller judges the equivalence)."""
    person_id = person if isinstance(person, int) else person.pk
    return list(PlanningEntry.objects.filter(live_on_q(on), person_id=person_id).select_related("unit"))


def planned_for(
    person: Person | int, post_title: str, on: dt.date, *, unit: AdministrativeUnit | None = None
) -> PlanningEntry | None:
    """The entry planning ``person`` for ``post_title`` (compared without case or diacritics) on
    ``on``, at ``unit`` when given; None when the person is not in that plan."""
    wanted = search_key(normalize_line(post_title))
    for entry in planned_entries(person, on):
        if search_key(entry.post_title) == wanted and (unit is None or entry.unit_id == unit.pk):
            return entry
    return None


# --- Flags ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    code: str  # "age", "discipline", "low_confidence", "no_birth_date"
    text: str
    blocking: bool = True  # False: missing data the board should complete, not a reason to remove


def term_years(term: str) -> tuple[int, int]:
    """The years of a term: "2025-2030" -> (2025, 2030); a malformed term raises ValueError."""
    first, _, last = term.replace("–", "-").partition("-")
    return int(first), int(last)


def term_start(term: str) -> dt.date:
    return dt.date(term_years(term)[0], 1, 1)


def birth_date(profile: CadreProfile | None, person: Person) -> tuple[dt.date | None, bool]:
    """(birth date, exact). Only a year known: 1 January of it, the records' convention."""
    if profile is not None and profile.birth_date:
        return profile.birth_date, True
    if person.birth_year:
        return dt.date(person.birth_year, 1, 1), False
    return None, False


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + y, m + 1, min(day.day, 28))


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def age_flag(entry: PlanningEntry, profile: CadreProfile | None, rule: Rule) -> Flag | None:
    """Over the age limit for the term: retirement comes before a full term from its start."""
    person = entry.person
    born, exact = birth_date(profile, person)
    if born is None:
        return Flag("no_birth_date", "Chưa có ngày sinh: không kiểm tra được tuổi quy hoạch.", blocking=False)
    limits = rule.get("retirement_age") or {}
    retire_age = limits.get(person.gender) or max(limits.values(), default=0)
    if not retire_age:
        return None
    retires = _add_years(born, int(retire_age))
    start = term_start(entry.term)
    needed = _add_months(start, int(rule.get("full_term_months", 60)))
    if retires >= needed:
        return None
    basis = "" if exact else " (chỉ biết năm sinh)"
    return Flag(
        "age",
        f"Quá tuổi quy hoạch: đến tuổi nghỉ hưu ({retire_age}) ngày {_d(retires)}{basis}, trước khi đủ "
        f"{rule.get('full_term_months', 60)} tháng của nhiệm kỳ {entry.term} (đến {_d(needed)}) ({rule.code}).",
    )


def entry_flags(
    entry: PlanningEntry,
    *,
    profile: CadreProfile | None,
    discipline: Iterable[DisciplineRecord],
    votes: Iterable[VoteCandidate],
    rule: Rule,
) -> list[Flag]:
    """The automatic flags of one entry, from data already loaded (no queries)."""
    flags = []
    found = age_flag(entry, profile, rule)
    if found is not None:
        flags.append(found)
    since = min(entry.added_on, term_start(entry.term))
    for d in discipline:
        if d.form in REPRIMAND_OR_WORSE and d.decided_on >= since:
            flags.append(
                Flag(
                    "discipline",
                    f"Bị kỷ luật {d.get_form_display().lower()} ngày {_d(d.decided_on)} (từ khiển trách trở lên).",
                )
            )
    tallied = [v for v in votes if v.low is not None and v.session.held_on >= since]
    if tallied:
        latest = max(tallied, key=lambda v: (v.session.held_on, v.pk))
        if latest.consequence in (Consequence.CONSIDER, Consequence.DISMISS):
            flags.append(
                Flag(
                    "low_confidence",
                    f"Tín nhiệm thấp {latest.low}/{latest.session.returned} phiếu thu về tại “{latest.session.title}” "
                    f"ngày {_d(latest.session.held_on)}: {latest.get_consequence_display().lower()}.",
                )
            )
    return flags


# --- A unit's plan for a term ---------------------------------------------------------------------


@dataclass
class PlannedRow:
    entry: PlanningEntry
    flags: list[Flag]

    @property
    def blocking(self) -> list[Flag]:
        return [f for f in self.flags if f.blocking]


@dataclass
class PostGroup:
    post_title: str
    post_level: str
    rows: list[PlannedRow] = field(default_factory=list)


@dataclass
class Structure:
    total: int
    counts: dict[str, int]  # "young", "women", "minority"
    targets: dict[str, float | None]  # share (0..1) from the rule, None when no figure
    rule_code: str
    young_age: int

    def share(self, key: str) -> float | None:
        return percent(self.counts[key], self.total)

    def met(self, key: str) -> bool | None:
        target = self.targets.get(key)
        if target is None or not self.total:
            return None
        return self.counts[key] >= target * self.total - 1e-9

    def rows(self) -> list[tuple[str, str, int, float | None, float | None, bool | None]]:
        """(key, label, count, share %, target %, met) for the page and the exports."""
        labels = {
            "young": f"Trẻ (dưới {self.young_age} tuổi)",
            "women": "Nữ",
            "minority": "Dân tộc thiểu số",
        }
        out = []
        for key, label in labels.items():
            target = self.targets.get(key)
            out.append(
                (key, label, self.counts[key], self.share(key), None if target is None else 100 * target, self.met(key))
            )
        return out

    def chart(self) -> dict[str, Any]:
        rows = self.rows()
        return {
            "labels": [label for _, label, *_rest in rows],
            "datasets": [
                {"label": "Tỷ lệ trong quy hoạch (%)", "data": [r[3] or 0 for r in rows]},
                {"label": "Chỉ tiêu (%)", "data": [r[4] or 0 for r in rows]},
            ],
        }


@dataclass
class Plan:
    unit: AdministrativeUnit
    term: str
    on: dt.date
    rule: Rule
    posts: list[PostGroup]
    structure: Structure

    @property
    def rows(self) -> list[PlannedRow]:
        return [row for post in self.posts for row in post.rows]

    @property
    def flagged(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.blocking]


def _is_minority(person: Person) -> bool:
    key = search_key(person.ethnicity or "")
    return bool(key) and key != MAJORITY_ETHNICITY


def structure_of(persons: Sequence[tuple[Person, CadreProfile | None]], on: dt.date, rule: Rule) -> Structure:
    young_age = int(rule.get("young_age", 40))
    counts = {"young": 0, "women": 0, "minority": 0}
    for person, profile in persons:
        born, _exact = birth_date(profile, person)
        if born is not None and age_on(born, on) < young_age:
            counts["young"] += 1
        if person.gender == "female":
            counts["women"] += 1
        if _is_minority(person):
            counts["minority"] += 1
    return Structure(
        total=len(persons),
        counts=counts,
        targets={
            "young": rule.get("young_share"),
            "women": rule.get("women_share"),
            "minority": rule.get("minority_share"),
        },
        rule_code=rule.code,
        young_age=young_age,
    )


def _by_person[T](rows: Iterable[T], attr: str = "person_id") -> dict[int, list[T]]:
    out: dict[int, list[T]] = defaultdict(list)
    for row in rows:
        out[getattr(row, attr)].append(row)
    return out


def plan(unit: AdministrativeUnit, term: str, on: dt.date, entries: QuerySet[PlanningEntry] | None = None) -> Plan:
    """The plan of ``unit`` for ``term`` as it stands on ``on``: posts, flags, structure. Four
    queries whatever its size."""
    rule = rule_for(Kind.PLANNING, on)
    qs = entries if entries is not None else PlanningEntry.objects.all()
    live = list(
        qs.filter(live_on_q(on), unit=unit, term=term)
        .select_related("person", "person__cadre_profile")
        .order_by("post_level", "post_title", "added_on", "id")
    )
    person_ids = {e.person_id for e in live}
    discipline = _by_person(DisciplineRecord.objects.filter(person_id__in=person_ids))
    votes = _by_person(VoteCandidate.objects.filter(person_id__in=person_ids).select_related("session"))
    groups: dict[tuple[str, str], PostGroup] = {}
    persons: dict[int, tuple[Person, CadreProfile | None]] = {}
    for e in live:
        profile = getattr(e.person, "cadre_profile", None)
        persons[e.person_id] = (e.person, profile)
        flags = entry_flags(
            e, profile=profile, discipline=discipline.get(e.person_id, []), votes=votes.get(e.person_id, []), rule=rule
        )
        group = groups.setdefault((e.post_level, e.post_title), PostGroup(e.post_title, e.post_level))
        group.rows.append(PlannedRow(e, flags))
    return Plan(
        unit=unit,
        term=term,
        on=on,
        rule=rule,
        posts=list(groups.values()),
        structure=structure_of(list(persons.values()), on, rule),
    )


def record_flags(
    profile: CadreProfile,
    planning: Sequence[PlanningEntry],
    discipline: Sequence[Any],
    votes: Sequence[Any],
    on: dt.date,
) -> dict[int, list[Flag]]:
    """Flags of each live entry on the record page, from the record already loaded (no queries)."""
    out: dict[int, list[Flag]] = {}
    live = [e for e in planning if e.removed_on is None or e.removed_on > on]
    if not live:
        return out
    rule = rule_for(Kind.PLANNING, on)
    for entry in live:
        try:
            out[entry.pk] = entry_flags(entry, profile=profile, discipline=discipline, votes=votes, rule=rule)
        except ValueError:  # a term not written "yyyy-yyyy" (legacy data): no flags rather than an error page
            out[entry.pk] = []
    return out


# --- Rotation -------------------------------------------------------------------------------------


@dataclass
class RotationView:
    rotation: Rotation
    evaluations: list[Evaluation]


def rotations_with_evaluations(
    rotations: Sequence[Rotation], evaluations: Sequence[Evaluation], today: dt.date
) -> list[RotationView]:
    """Each rotation with the evaluations whose period overlaps it (from the loaded record)."""
    out = []
    for r in rotations:
        end = r.end or today
        during = [e for e in evaluations if e.period.start <= end and e.period.end >= r.start]
        out.append(RotationView(r, sorted(during, key=lambda e: (e.period.start, e.pk))))
    return out


CURRENT_TERMS = ("2025-2030", "2030-2035")  # the term under way and the next one, offered to start a plan


def plans_kept(units: Any) -> list[tuple[int, str, str]]:
    """(unit id, unit name, term) of the plans kept for ``units`` (the managing units the reader's
    board or committee covers, from the policy): the plans with entries, and the current and next
    term of each managing unit."""
    found = set(PlanningEntry.objects.filter(unit__in=units).values_list("unit_id", "unit__name", "term").distinct())
    for uid, name in AdministrativeUnit.objects.filter(pk__in=units).values_list("pk", "name"):
        found.update((uid, name, term) for term in CURRENT_TERMS)
    return sorted(found, key=lambda row: (row[1], row[2]))


def rotation_units(profile: CadreProfile) -> QuerySet[AdministrativeUnit]:
    """The managing unit and the current communes under it: where a rotation may go from and to
    (not hamlets: a province has thousands, and nobody is rotated to a hamlet post)."""
    unit = profile.unit
    return AdministrativeUnit.objects.filter(
        Q(pk=unit.pk) | Q(scope_path__startswith=unit.scope_path, valid_to__isnull=True, level__lte=Level.COMMUNE)
    ).order_by("level", "name")
