"""FastSelect and the fast input widgets write what Django's widget templates write (issue 17), escaping included."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils.safestring import mark_safe

from sausat.core.widgets import FastCheckboxInput, FastDateInput, FastSelect, FastTextarea, FastTextInput

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


@pytest.mark.parametrize(
    ("ours", "django"),
    [
        (FastTextInput, forms.TextInput),
        (FastDateInput, forms.DateInput),
        (FastCheckboxInput, forms.CheckboxInput),
        (FastTextarea, forms.Textarea),
    ],
)
def test_fast_inputs_are_djangos(ours, django):
    attrs = {"id": "id_f", "required": True, "disabled": False, "maxlength": 300, "aria-describedby": "a<b"}
    widget_attrs = {"data-show-when": 'outcome:"x"', "rows": 2, "type": "date"}
    values = (None, "", EVIL, mark_safe("<b>safe</b>"), 0, 12, True, False, "on", "  indented\n", dt.date(2026, 12, 5))
    for value in values:
        for w_attrs in (None, widget_attrs):
            mine = str(ours(attrs=w_attrs).render("f", value, attrs=attrs))
            theirs = str(django(attrs=w_attrs).render("f", value, attrs=attrs))
            assert mine == theirs, (value, w_attrs)
    assert "<script>" not in str(ours().render("f", EVIL))


def test_fast_widgets_in_a_form():
    class Mine(forms.Form):
        text = forms.CharField(max_length=10, widget=FastTextarea(attrs={"rows": 3}), help_text="h")
        name = forms.CharField(max_length=5, widget=FastTextInput)
        day = forms.DateField(widget=FastDateInput(attrs={"type": "date"}))
        ok = forms.BooleanField(required=False, initial=True, widget=FastCheckboxInput)

    class Theirs(forms.Form):
        text = forms.CharField(max_length=10, widget=forms.Textarea(attrs={"rows": 3}), help_text="h")
        name = forms.CharField(max_length=5)
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
        ok = forms.BooleanField(required=False, initial=True)

    assert Mine().as_div() == Theirs().as_div()
    posted = {"text": EVIL, "name": "too long", "day": "x"}
    assert Mine(posted).as_div() == Theirs(posted).as_div()
