"""Form widgets that write their markup in Python where Django's templates cost too much per request.

Django renders a ``<select>`` through a template that includes one more template per option (and an
attributes template per option): a select of 30 organs is ~300 rendered nodes, the largest part of
the opinion page's answer form (issue 17, ``benchmarks/page_profile.py``). :class:`FastSelect` writes
the same markup, option for option, with the same escaping (``tests/test_widgets.py`` compares it
with Django's own rendering). The text, date, checkbox and textarea widgets below do the same for
``input.html`` and ``textarea.html``: about 0.2 ms of template per field, a dozen fields on the answer
form (issue 17).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def attrs_html(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: ``False`` drops the attribute, ``True`` writes its bare name."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """``forms.Select`` whose options are written in Python (same markup as ``select.html``)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            out.extend(
                f'\n  <option value="{conditional_escape(o["value"])}"{attrs_html(o["attrs"])}>'
                f"{conditional_escape(o['label'])}</option>\n"  # the option template's own last newline
                for o in options
            )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 - every value above went through conditional_escape


def _value(value: Any) -> str:
    """``{{ widget.value|stringformat:'s' }}``, escaped (a safe string stays as it is)."""
    return conditional_escape(value if isinstance(value, str) else str(value))


class _FastInput(forms.widgets.Input):
    """``input.html`` written in Python."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{_value(widget["value"])}"'
        return mark_safe(  # noqa: S308 - every value went through conditional_escape
            f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f"{shown}{attrs_html(widget['attrs'])}>"
        )


class FastTextInput(_FastInput, forms.TextInput):
    pass


class FastDateInput(_FastInput, forms.DateInput):
    pass


class FastCheckboxInput(_FastInput, forms.CheckboxInput):
    pass


class FastTextarea(forms.Textarea):
    """``textarea.html`` written in Python (its newline after the opening tag included)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        text = conditional_escape(widget["value"]) if widget["value"] else ""
        return mark_safe(  # noqa: S308 - every value went through conditional_escape
            f'<textarea name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>\n{text}</textarea>'
        )
