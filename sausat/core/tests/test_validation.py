"""clean_for_save: the same validation as full_clean, without re-reading related rows the caller holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sausat.core.actors import SystemActor
from sausat.core.models import CalendarDay
from sausat.core.services import do_create, do_update

pytestmark = pytest.mark.django_db

ACTOR = SystemActor(reason="test")


def _existence_checks(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT 1 AS")]


def test_a_note_on_a_loaded_opinion_does_not_re_read_it(demo):
    from sausat.opinions.models import FollowUpNote, Opinion

    opinion = Opinion.objects.select_related("unit").first()
    with CaptureQueriesContext(connection) as ctx:
        do_create(FollowUpNote, actor=ACTOR, opinion=opinion, unit=opinion.unit, text="Đã nhắc cơ quan trả lời.")
    assert _existence_checks(ctx) == []


def test_a_key_given_as_a_missing_id_is_still_refused_with_a_validation_error(demo):
    from sausat.opinions.models import FollowUpNote, Opinion

    opinion = Opinion.objects.first()
    with pytest.raises(ValidationError) as err:
        do_create(FollowUpNote, actor=ACTOR, opinion_id=10**9, unit_id=opinion.unit_id, text="x")
    assert "opinion" in err.value.message_dict


def test_uniqueness_over_a_held_key_is_still_a_validation_error(demo):
    day = dt.date(2031, 3, 3)
    do_create(CalendarDay, actor=ACTOR, date=day, province=demo.province, kind="day_off", name="Nghỉ")
    with pytest.raises(ValidationError):
        do_create(CalendarDay, actor=ACTOR, date=day, province=demo.province, kind="day_off", name="Nghỉ lại")


def test_an_update_checks_only_the_keys_it_changes(demo):
    from sausat.opinions.models import FollowUpNote, Opinion

    opinion = Opinion.objects.select_related("unit").first()
    note = do_create(FollowUpNote, actor=ACTOR, opinion=opinion, unit=opinion.unit, text="Lần 1")
    with CaptureQueriesContext(connection) as ctx:
        do_update(note, actor=ACTOR, text="Lần 2")
    assert _existence_checks(ctx) == []
    with pytest.raises(ValidationError):
        do_update(note, actor=ACTOR, unit_id=10**9)
