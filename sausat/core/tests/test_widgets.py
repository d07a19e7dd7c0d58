"""FastSelect writes what Django's select templates write (issue 17), escaping included."""

from __future__ import annotations

import pytest
from django import forms

from sausat.core.widgets import FastSelect

EVIL = "<script>alert('x')</script> & \"q\""
CHOICES = [
    ("", "(Chọn)"),
    (1, EVIL),
    ("a&b", "A & B"),
    ("Nhóm <1>", [(2, "Hai"), (3, EVIL)]),
    (None, "Không"),
]


def _both(value, attrs=None, choices=CHOICES, widget_attrs=None):
    ours = FastSelect(attrs=widget_attrs, choices=choices).render("organ", value, attrs=attrs)
    django = forms.Select(attrs=widget_attrs, choices=choices).render("organ", value, attrs=attrs)
    return str(ours), str(django)


def test_fast_select_is_djangos_select():
    for value in (None, "", 1, "1", "a&b", 3, "missing"):
        ours, django = _both(value, attrs={"id": "id_organ", "required": True, "disabled": False})
        assert ours == django, value
    ours, django = _both(2, widget_attrs={"data-show-when": 'outcome:"x"', "class": "a<b"})
    assert ours == django
    ours, django = _both(None, choices=[])
    assert ours == django


def test_fast_select_escapes():
    ours, _django = _both(1)
    assert "<script>" not in ours and "&lt;script&gt;" in ours


@pytest.mark.django_db
def test_fast_select_in_a_model_choice_field(cast):
    from sausat.people.models import Organ

    class Form(forms.Form):
        organ = forms.ModelChoiceField(queryset=Organ.objects.order_by("id")[:5], empty_label="(Chọn)")

    chosen = Organ.objects.order_by("id").first().pk
    django = Form(initial={"organ": chosen})
    ours = Form(initial={"organ": chosen})
    ours.fields["organ"].widget = FastSelect(choices=ours.fields["organ"].choices)
    assert " selected>" in str(ours["organ"])
    assert str(ours["organ"]) == str(django["organ"])
