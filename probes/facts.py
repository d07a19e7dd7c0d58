"""Plain facts about the demo's actors and sample objects, read from the target's database.

The access matrix decides who may do what from these facts and its own rules (``probes.rules``);
nothing here calls the application's policy modules, so a policy bug cannot hide its own test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ROLES = ("lanhdao", "vanphong", "traloi", "theodoi", "xa_a", "xa_b", "congdan", "quantri", "anonymous")


@dataclass
class Actor:
    name: str
    user_id: int | None = None
    admin: bool = False
    grants: list[tuple[str, str, int | None]] = field(default_factory=list)  # (role, scope path, organ)
    assigned: set[int] = field(default_factory=set)  # unit ids of current liaison assignments
    decisions: set[int] = field(default_factory=set)  # decisions of those assignments
    commune_organs: bool = False  # an organ sits in the subtree of one of its commune-cadre grants
    own_cadre_record: bool = False  # a cadre record (profile) exists for the user's own person
    portal_homes: list[str] = field(default_factory=list)  # scope paths of every portal's unit

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    def covers(self, path: str | None, *roles: str) -> bool:
        if self.admin:
            return True
        return bool(path) and any(path.startswith(p) for r, p, _o in self.grants if not roles or r in roles)

    def has(self, *roles: str) -> bool:
        return self.admin or any(r in roles for r, _p, _o in self.grants)

    def organs(self) -> set[int]:
        return {o for r, _p, o in self.grants if r == "responder" and o}


def load_actors() -> dict[str, Actor]:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from sausat.cadres.models import CadreProfile
    from sausat.liaison.models import Assignment
    from sausat.people.models import Organ, RoleGrant
    from sausat.portal.models import PortalHome

    today = dt.date.today()
    actors = {"anonymous": Actor("anonymous")}
    for name in ROLES[:-1]:
        user = get_user_model().objects.get(username=name)
        grants = RoleGrant.objects.filter(user=user).filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today), Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        )
        actor = Actor(name, user.pk, user.is_superuser)
        actor.grants = [(g.role, g.unit.scope_path, g.organ_id) for g in grants.select_related("unit")]
        actor.admin = actor.admin or any(r == "admin" for r, _p, _o in actor.grants)
        current = Assignment.objects.filter(user=user, start_date__lte=today, decision__deleted_at__isnull=True).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
        actor.assigned = set(current.values_list("unit_id", flat=True))
        actor.decisions = set(current.values_list("decision_id", flat=True))
        cc_paths = [p for r, p, _o in actor.grants if r == "commune_cadre"]
        actor.commune_organs = any(Organ.objects.filter(unit__scope_path__startswith=p).exists() for p in cc_paths)
        actor.own_cadre_record = CadreProfile.objects.filter(person__user=user).exists()
        actor.portal_homes = list(PortalHome.objects.values_list("unit__scope_path", flat=True))
        actors[name] = actor
    return actors


@dataclass
class Sample:
    """One object the matrix aims at: its id and the facts the rules look at."""

    kind: str
    label: str
    pk: object
    facts: dict


def _meeting_facts(m) -> dict:
    from sausat.opinions.models import Opinion

    return {
        "path": m.unit.scope_path,
        "invite_roles": [r for r in (m.invite_roles or "").split(",") if r],
        "invite_path": m.invite_unit.scope_path if m.invite_unit_id else None,
        "organs": set(
            Opinion.objects.filter(meeting=m).exclude(responder_organ=None).values_list("responder_organ_id", flat=True)
        ),
        "token": m.form_token,
        "ref": m.results_ref,
        "published": bool(m.results_published_at),
    }


def _opinion_facts(o) -> dict:
    return {
        "path": o.unit.scope_path,
        "meeting": o.meeting_id,
        "meeting_path": o.meeting.unit.scope_path if o.meeting_id else None,
        "organ": o.responder_organ_id,
        "anonymous": o.anonymous,
        "submitted_by": o.submitted_by_id,
    }


def _task_facts(t) -> dict:
    return {
        "path": t.unit.scope_path,
        "lead": t.lead_organ_id,
        "lead_path": t.lead_organ.unit.scope_path if t.lead_organ_id else None,
        "coop": set(t.cooperating_organs.values_list("id", flat=True)),
    }


def load_samples(commune_a_path: str, commune_b_path: str, province_path: str) -> dict[str, list[Sample]]:
    """In-scope and out-of-scope instances of every object type the matrix covers."""
    from sausat.cadres.models import CadreProfile
    from sausat.core.models_jobs import Job
    from sausat.directives.models import DirectingDocument, Task
    from sausat.geo.models import AdministrativeUnit
    from sausat.liaison.models import Activity, AssignmentDecision, SituationReport
    from sausat.meetings.models import Meeting
    from sausat.opinions.models import Answer, IssueGroup, Opinion
    from sausat.people.models import Organ, Person, Position

    out: dict[str, list[Sample]] = {}

    def add(kind, label, obj, facts):
        if obj is not None:
            out.setdefault(kind, []).append(Sample(kind, label, obj.pk, facts))

    inside = Meeting.objects.filter(unit__scope_path__startswith=province_path).order_by("pk").first()
    outside = Meeting.objects.exclude(unit__scope_path__startswith=province_path).order_by("pk").first()
    for label, m in (("in", inside), ("out", outside)):
        add("meeting", label, m, _meeting_facts(m) if m else {})
    ops = Opinion.objects.select_related("meeting__unit", "unit")
    for label, o in (
        ("named_a", ops.filter(anonymous=False, unit__scope_path__startswith=commune_a_path).first()),
        ("named_b", ops.filter(anonymous=False, unit__scope_path__startswith=commune_b_path).first()),
        ("anonymous", ops.filter(anonymous=True).first()),
        ("out", ops.exclude(unit__scope_path__startswith=province_path).first()),
    ):
        add("opinion", label, o, _opinion_facts(o) if o else {})
    for label, a in (
        ("in", Answer.objects.filter(opinion__meeting=inside).first()),
        ("out", Answer.objects.filter(opinion__meeting=outside).first()),
    ):
        add("answer", label, a, {**_opinion_facts(a.opinion), "published": a.published} if a else {})
    for label, g in (
        ("in", IssueGroup.objects.filter(meeting=inside).first()),
        ("out", IssueGroup.objects.filter(meeting=outside).first()),
    ):
        add("group", label, g, {"meeting_path": g.meeting.unit.scope_path, "organ": g.responder_organ_id} if g else {})
    tasks = Task.objects.select_related("unit", "lead_organ__unit")
    for label, t in (
        ("province", tasks.filter(unit__scope_path=province_path).first()),
        ("commune_a", tasks.filter(lead_organ__unit__scope_path__startswith=commune_a_path).first()),
        ("out", tasks.exclude(unit__scope_path__startswith=province_path).first()),
    ):
        add("task", label, t, _task_facts(t) if t else {})
    for label, d in (
        ("in", DirectingDocument.objects.filter(unit__scope_path=province_path).first()),
        ("out", DirectingDocument.objects.exclude(unit__scope_path__startswith=province_path).first()),
    ):
        if d is not None:
            add(
                "document",
                label,
                d,
                {"path": d.unit.scope_path, "tasks": [_task_facts(t) for t in tasks.filter(document=d)]},
            )
    for label, d in (
        ("in", AssignmentDecision.objects.filter(unit__scope_path__startswith=province_path).first()),
        ("out", AssignmentDecision.objects.exclude(unit__scope_path__startswith=province_path).first()),
    ):
        add("decision", label, d, {"path": d.unit.scope_path} if d else {})
    for model, kind in ((Activity, "activity"), (SituationReport, "report")):
        for label, path in (("a", commune_a_path), ("b", commune_b_path)):
            row = model.objects.filter(unit__scope_path__startswith=path).select_related("unit").first()
            add(kind, label, row, {"path": row.unit.scope_path, "unit": row.unit_id} if row else {})
        row = model.objects.exclude(unit__scope_path__startswith=province_path).select_related("unit").first()
        add(kind, "out", row, {"path": row.unit.scope_path, "unit": row.unit_id} if row else {})
    for label, path in (("a", commune_a_path), ("b", commune_b_path)):
        unit = AdministrativeUnit.objects.get(code=path.strip("/").split("/")[-1])
        add("commune", label, unit, {"path": path, "unit": unit.pk, "code": unit.code})
    other = (
        AdministrativeUnit.objects.filter(level=3, valid_to__isnull=True)
        .exclude(scope_path__startswith=province_path)
        .first()
    )
    add("commune", "out", other, {"path": other.scope_path, "unit": other.pk, "code": other.code})
    for label, code in (("in", province_path.strip("/")), ("out", other.scope_path.strip("/").split("/")[0])):
        unit = AdministrativeUnit.objects.get(code=code)
        add("province", label, unit, {"path": unit.scope_path, "code": unit.code})
    today = dt.date.today()
    # Public office: a leadership post held now or in the past (a post not yet begun does not count);
    # holders of public office are public, their contact data aside (sausat/people/policy.py).
    from django.db.models import Q

    office = set(
        Position.objects.filter(is_leadership=True)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today))
        .values_list("person_id", flat=True)
    )
    persons = Person.objects.select_related("home_unit")
    for label, p in (
        ("commune_a", persons.filter(home_unit__scope_path__startswith=commune_a_path).exclude(pk__in=office).first()),
        ("out", persons.exclude(home_unit__scope_path__startswith=province_path).exclude(pk__in=office).first()),
        (
            "office_holder_out",
            persons.exclude(home_unit__scope_path__startswith=province_path).filter(pk__in=office).first(),
        ),
    ):
        add("person", label, p, {"path": p.home_unit.scope_path, "office": p.pk in office} if p else {})
    for label, o in (
        ("in", Organ.objects.filter(unit__scope_path=province_path).first()),
        ("out", Organ.objects.exclude(unit__scope_path__startswith=province_path).first()),
    ):
        add("organ", label, o, {"path": o.unit.scope_path} if o else {})
    for profile in CadreProfile.objects.select_related("unit", "person")[:3]:
        facts = {"path": profile.unit.scope_path, "user": profile.person.user_id}
        add("cadre", profile.person.full_name[:20], profile.person, facts)
    for job in Job.objects.exclude(created_by=None).order_by("pk")[:2]:
        add("job", job.created_by.username, job, {"owner": job.created_by_id})
    return out
