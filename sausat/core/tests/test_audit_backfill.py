"""The related-objects index is backfilled, best effort, for audit rows written before it existed."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from sausat.core.models import AuditEvent, AuditRelation

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("sausat.core.migrations.0008_backfill_audit_relations").backfill


def _row(object_type: str, object_id: int, verb: str, after: dict, action: str = "update") -> AuditEvent:
    return AuditEvent.objects.create(
        action=action, verb=verb, object_type=object_type, object_id=str(object_id), after=after
    )


def _related(event: AuditEvent) -> set[tuple[str, str]]:
    return set(AuditRelation.objects.filter(audit=event).values_list("model_label", "object_pk"))


def test_rows_that_name_their_opinion_are_indexed_once():
    answer = _row("opinions.answer", 7, "opinion.answer", {"opinion_id": 41, "text": "…"}, action="create")
    petition = _row("opinions.answer", 7, "opinion.petition", {"petition_sent_on": "2026-01-02"})
    note = _row("opinions.followupnote", 3, "opinion.note", {"opinion_id": 41}, action="create")
    move = _row("opinions.issuegroup", 5, "opinion.move", {"opinion_ids": [41, 42], "group_id": 5})
    unrelated = _row("meetings.meeting", 2, "meeting.update", {"title": "Hội nghị"})
    garbage = _row("opinions.answer", 9, "opinion.publish", None)

    backfill(apps, None)
    backfill(apps, None)  # re-running adds nothing

    assert _related(answer) == {("opinions.opinion", "41")}
    assert _related(petition) == {("opinions.opinion", "41")}  # from the answer's create row
    assert _related(note) == {("opinions.opinion", "41")}
    assert _related(move) == {("opinions.opinion", "41"), ("opinions.opinion", "42")}
    assert _related(unrelated) == set() and _related(garbage) == set()
    assert AuditRelation.objects.count() == 5
