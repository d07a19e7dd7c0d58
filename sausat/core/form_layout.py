"""``Form.as_div()`` written in Python, for the forms a hot page renders on every load.

Django lays a form out through templates: ``div.html``, then per field ``field.html``, ``label.html``
with ``attrs.html``, and the error list. On the opinion page that is most of the note form's and the
open petitions' cost (issue 17, ``benchmarks/page_profile.py``: ``as_div`` was the largest single
callee of the view). :class:`FastDivForm` writes the same markup, character for character, with the
same escaping; ``tests/test_form_layout.py`` compares it with Django's own rendering.

Only the common case is written here: fields laid out without a fieldset, no per-field template, the
default renderer and templates. Anything else, and any error list (rare: a rejected post), goes
through Django, so the output is always Django's.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sausat.core.widgets import attrs_html

_DEFAULT_DIV = "django/forms/div.html"
_DEFAULT_FIELD = "django/forms/field.html"
_DEFAULT_LABEL = "django/forms/label.html"


def _label_tag(bf) -> str:
    """``BoundField.label_tag()`` with ``label.html`` written out (same suffix and attribute rules)."""
    contents = bf.label
    form = bf.form
    suffix = bf.field.label_suffix if bf.field.label_suffix is not None else form.label_suffix
    if suffix and contents and contents[-1] not in _(":?.!"):
        contents = format_html("{}{}", contents, suffix)
    widget = bf.field.widget
    id_ = widget.attrs.get("id") or bf.auto_id
    if not id_:
        return conditional_escape(contents)
    attrs: dict = {}
    id_for_label = widget.id_for_label(id_)
    if id_for_label:
        attrs["for"] = id_for_label
    if bf.field.required and hasattr(form, "required_css_class"):
        attrs["class"] = form.required_css_class
    return f"<label{attrs_html(attrs)}>{conditional_escape(contents)}</label>"


def _field_group(bf) -> str:
    """``field.html`` for a field without a fieldset, stripped as Django's renderer strips it."""
    label = _label_tag(bf) if bf.label else ""
    help_text = ""
    if bf.help_text:
        at = f' id="{conditional_escape(bf.auto_id)}_helptext"' if bf.auto_id else ""
        help_text = f'<div class="helptext"{at}>{bf.help_text}</div>'  # |safe, as in field.html
    errors = str(bf.errors) if bf.errors else ""
    return f"\n  {label}\n\n{help_text}\n{errors}\n{bf}".strip()


def _plain(form) -> bool:
    """Whether Django would lay ``form`` out with its default templates and no fieldset."""
    renderer = form.renderer
    if type(renderer) is not DjangoTemplates:
        return False
    if form.template_name_div != _DEFAULT_DIV or form.template_name_label != _DEFAULT_LABEL:
        return False
    if getattr(renderer, "field_template_name", _DEFAULT_FIELD) != _DEFAULT_FIELD:
        return False
    return all(not bf.use_fieldset and not bf.field.template_name for bf in form)


class FastDivForm:
    """Mixin for a ``forms.Form`` whose ``as_div()`` is written in Python (the same markup as Django's)."""

    def as_div(self) -> SafeString:
        if not _plain(self):
            return super().as_div()  # type: ignore[misc]
        context = self.get_context()  # type: ignore[attr-defined]
        top, fields, hidden = context["errors"], context["fields"], context["hidden_fields"]
        hidden_html = "".join(str(h) for h in hidden)
        out = [str(top) if top else "", "\n"]
        if top and not fields:
            out.append(f"\n  <div>{hidden_html}</div>\n")
        out.append("\n")
        last = len(fields) - 1
        for i, (bf, _errors) in enumerate(fields):
            classes = bf.css_classes()
            out.append(f'\n  <div class="{conditional_escape(classes)}">' if classes else "\n  <div>")
            out.append(f"\n    {_field_group(bf)}\n    ")
            if i == last:
                out.append(f"\n      {hidden_html}\n    ")
            out.append("\n</div>\n")
        out.append("\n")
        if not fields and not top:
            out.append(f"\n  {hidden_html}\n")
        out.append("\n")
        # Every value above was escaped, or is Django's own safe output (widgets, error lists, help_text
        # which Django too writes unescaped).
        return mark_safe("".join(out).strip())  # noqa: S308
