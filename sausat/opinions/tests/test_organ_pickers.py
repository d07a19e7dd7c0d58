"""The organ pickers of opinions (answer's directed organ, assignment): the current bodies by default;
those of a province merged on 1/7/2025 only for a record of their time, after the current ones, marked."""

from __future__ import annotations

import datetime as dt

import pytest

from sausat.core.actors import SystemActor

pytestmark = pytest.mark.django_db

OLD_DAY = dt.date(2021, 3, 2)


@pytest.fixture
def legacy_organ(cast):
    from sausat.geo.models import AdministrativeUnit
    from sausat.people.services import create_organ

    legacy = AdministrativeUnit.objects.get(code="L-p93")  # a province merged into the cast's on 1/7/2025
    return create_organ(actor=SystemActor(reason="test"), name="Sở Y tế tỉnh cũ", kind="department", unit=legacy)


def test_dissolved_organs_only_for_a_record_of_their_time_after_the_current_ones(cast, legacy_organ):
    from sausat.opinions.forms import organs_near

    assert legacy_organ not in organs_near(cast.commune_a)
    assert legacy_organ not in organs_near(cast.commune_a, on=dt.date(2026, 3, 2))
    old = list(organs_near(cast.commune_a, on=OLD_DAY))
    assert legacy_organ in old
    current = [o for o in old if o.unit.valid_to is None]
    assert current and old[: len(current)] == current  # the dissolved ones come last


def test_forms_mark_the_dissolved_organs_and_refuse_them_for_a_record_of_today(cast, legacy_organ):
    from sausat.opinions.forms import AnswerForm, AssignForm

    marked = f"Sở Y tế tỉnh cũ (hoạt động đến {legacy_organ.unit.valid_to:%d/%m/%Y})"
    labels = [label for _pk, label in AnswerForm(unit=cast.commune_a).fields["directed_organ"].widget.choices]
    assert not any(legacy_organ.name in str(label) for label in labels)
    labels = [
        label for _pk, label in AnswerForm(unit=cast.commune_a, on=OLD_DAY).fields["directed_organ"].widget.choices
    ]
    assert labels[-1] == marked
    data = {"organ": legacy_organ.pk}
    assert not AssignForm(data, unit=cast.commune_a, on=dt.date(2026, 3, 2)).is_valid()
    form = AssignForm(data, unit=cast.commune_a, on=OLD_DAY)
    assert form.is_valid(), form.errors
    assert marked in form.as_div()  # the bound form's own options are marked too
