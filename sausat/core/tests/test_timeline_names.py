"""The history timeline names the bodies and units its rows point to in one query, whichever and
however many kinds of target the rows name: a page's query count does not depend on its data."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sausat.core import timeline as timeline_module
from sausat.core.models import AuditEvent
from sausat.core.timeline import _Names, timeline
from sausat.opinions.models import Channel, PendingAnonymousOpinion
from sausat.people.models import Organ

pytestmark = pytest.mark.django_db


def _organs(cast) -> tuple[Organ, Organ]:
    first, second = Organ.objects.order_by("pk")[:2]
    return first, second


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _event(organ: Organ, before: dict, after: dict) -> AuditEvent:
    return AuditEvent(
        at=timezone.now(),
        actor_label="Văn phòng",
        action=AuditEvent.Action.UPDATE,
        object_type="people.organ",
        object_id=str(organ.pk),
        before=before,
        after=after,
    )


def test_timeline_names_cost_one_query_for_one_kind_or_two(cast):
    organ, other = _organs(cast)
    one_kind = [_event(organ, {"parent_id": None}, {"parent_id": other.pk})]
    two_kinds = [
        _event(organ, {"parent_id": None}, {"parent_id": other.pk}),
        _event(organ, {"unit_id": cast.commune_a.pk}, {"unit_id": cast.commune_b.pk}),
    ]
    assert _queries(lambda: timeline(one_kind, organ)) == 1
    assert _queries(lambda: timeline(two_kinds, organ)) == 1
    assert _queries(lambda: timeline([], organ)) == 0

    entries = timeline(two_kinds, organ)
    assert [(c.old, c.new) for c in entries[0].changes] == [("—", other.name)]
    assert [(c.old, c.new) for c in entries[1].changes] == [(cast.commune_a.name, cast.commune_b.name)]


def test_dissolved_body_still_named_and_unknown_key_shown_by_number(cast):
    organ, other = _organs(cast)
    Organ.all_objects.filter(pk=other.pk).update(deleted_at=timezone.now())
    events = [_event(organ, {"parent_id": 987654}, {"parent_id": other.pk})]
    [entry] = timeline(events, organ)
    assert [(c.old, c.new) for c in entry.changes] == [("#987654", other.name)]


def test_more_kinds_of_any_key_type_still_one_query(cast, monkeypatch):
    """Integer, uuid and text keys in one UNION ALL: the count stays at one as kinds are added."""
    organ, _ = _organs(cast)
    group = Group.objects.create(name="Tổ biên tập")
    pending = PendingAnonymousOpinion.objects.create(
        unit=cast.commune_a,
        channel=Channel.PAPER,
        text="Đề nghị sửa cầu",
        idempotency_key="timeline-names-1",
        day=dt.date(2026, 1, 5),
    )
    session = Session.objects.create(session_key="k" * 32, session_data="phiên", expire_date=timezone.now())
    monkeypatch.setitem(timeline_module.NAMED_TARGETS, "auth.group", "name")
    monkeypatch.setitem(timeline_module.NAMED_TARGETS, "opinions.pendinganonymousopinion", "text")
    monkeypatch.setitem(timeline_module.NAMED_TARGETS, "sessions.session", "session_data")
    wanted = [
        ("people.organ", organ.pk, organ.name),
        ("geo.administrativeunit", cast.commune_a.pk, cast.commune_a.name),
        ("auth.group", group.pk, group.name),
        ("opinions.pendinganonymousopinion", str(pending.pk), "Đề nghị sửa cầu"),
        ("sessions.session", session.pk, "phiên"),
    ]
    counts = []
    for n in range(1, len(wanted) + 1):
        names = _Names()
        for label, key, _ in wanted[:n]:
            names.want(label, key)
            names.want(label, [str(key)])
        counts.append(_queries(names.load))
        for label, key, expected in wanted[:n]:
            assert names.name(label, key) == expected
            assert names.name(label, str(key)) == expected
    assert counts == [1] * len(wanted)
    # A uuid reads the same whether written with dashes or not (SQLite casts it without them).
    assert names.name("opinions.pendinganonymousopinion", pending.pk.hex) == "Đề nghị sửa cầu"
    assert names.name("opinions.pendinganonymousopinion", str(uuid.uuid4())).startswith("#")
    assert names.name("people.organ", "không-phải-số") == "#không-phải-số"
