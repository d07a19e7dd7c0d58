"""The one gate for text going into an export (.xlsx, .docx): what XML 1.0 and office suites accept.

    from sausat.core.exports.text import export_text

    run.text = export_text(opinion.text)

Input is normalised on the way in (``sausat.textkit.normalize``), but rows stored before that
rule, or written by a migration, an import or a database console, may still hold a control
character or a Unicode non-character (U+FFFE, U+FFFF...). lxml refuses to serialise them, so a
single such row would make the export answer 500 for everyone; every writer in
``sausat.core.exports`` and the domain exporters passes its strings through here instead.
"""

from __future__ import annotations

from typing import Any

from sausat.textkit.normalize import strip_unsafe


def export_text(value: Any) -> str:
    """``value`` as text safe in an export: C0/C1 controls (tab and newline kept), DEL, lone
    surrogates and non-characters removed; a carriage return becomes a newline."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_unsafe(text)
