"""FastDivForm lays a form out exactly as Django's div.html does: same markup, same escaping, every case."""

from __future__ import annotations

import pytest
from django import forms
from django.utils.safestring import mark_safe

from sausat.core.form_layout import FastDivForm
from sausat.core.widgets import FastDateInput, FastSelect, FastTextarea, FastTextInput

CHOICES = [("", "---"), ("a", "Ấp <1>"), ("b", 'Tổ "2"')]


class Shape(forms.Form):
    title = forms.CharField(label="Tiêu đề <tạm>", max_length=20, widget=FastTextInput)
    note = forms.CharField(label="Ghi chú?", required=False, help_text="Ví dụ: <b>in đậm</b>", widget=FastTextarea)
    on = forms.DateField(label="Ngày", required=False, widget=FastDateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Loại", choices=CHOICES, widget=FastSelect)
    secret = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(label=mark_safe("Đồng ý <em>điều khoản</em>"), required=False)
    unlabelled = forms.CharField(label="", required=False)

    def clean(self):
        if self.cleaned_data.get("title") == "trùng":
            raise forms.ValidationError("Tiêu đề đã có <rồi>.")
        return self.cleaned_data


class Only(forms.Form):
    secret = forms.CharField(required=False, widget=forms.HiddenInput)


class Classes(forms.Form):
    required_css_class = "bat-buoc"
    error_css_class = "loi"
    title = forms.CharField(label="Tiêu đề")
    other = forms.CharField(label="Khác", required=False, label_suffix=" —")


class Radios(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=CHOICES[1:], widget=forms.RadioSelect)


def _pair(base, *args, **kwargs):
    fast = type(f"Fast{base.__name__}", (FastDivForm, base), {})
    return str(fast(*args, **kwargs).as_div()), str(base(*args, **kwargs).as_div())


CASES = [
    (Shape, (), {}),
    (Shape, (), {"auto_id": "x-%s"}),
    (Shape, (), {"auto_id": False}),
    (Shape, (), {"initial": {"title": 'a"b<c', "kind": "b", "secret": "s&t"}}),
    (Shape, ({"title": "", "kind": "zz"},), {}),  # field errors
    (Shape, ({"title": "trùng", "kind": "a"},), {}),  # a form error
    (Shape, ({"title": "ổn", "kind": "a", "note": "<script>"},), {}),
    (Shape, (), {"label_suffix": ""}),
    (Only, (), {}),
    (Only, ({"secret": "x"},), {}),
    (Classes, (), {}),
    (Classes, ({"title": ""},), {}),
    (Radios, (), {}),  # a fieldset: Django's own path
]


@pytest.mark.parametrize(("form", "args", "kwargs"), CASES)
def test_the_layout_is_djangos_character_for_character(form, args, kwargs):
    ours, theirs = _pair(form, *args, **kwargs)
    assert ours == theirs


def test_the_project_forms_the_opinion_page_lays_out():
    from sausat.opinions.forms import NoteForm, PetitionForm

    for base, kwargs in ((NoteForm, {"auto_id": "note-%s"}), (PetitionForm, {"auto_id": "petition-7-%s"})):
        assert issubclass(base, FastDivForm)
        for data in (None, {"text": ""}, {"text": "Đã nhắc <cơ quan>", "sent_on": "31/02/2026"}):
            assert str(base(data, **kwargs).as_div()) == str(forms.Form.as_div(base(data, **kwargs)))


@pytest.mark.django_db
def test_the_answer_form_as_the_page_gives_it(cast):
    import datetime as dt

    from sausat.opinions.forms import AnswerForm
    from sausat.opinions.models import DraftPolicy

    def form(data):
        return AnswerForm(data, unit=cast.commune_a, on=dt.date(2026, 3, 2), drafts=DraftPolicy.objects.all())

    for data in (None, {"text": "", "outcome": "directed"}, {"text": "Đã trả lời", "outcome": "answered"}):
        assert str(form(data).as_div()) == str(forms.Form.as_div(form(data)))
