"""Download responses with a Content-Disposition that keeps Vietnamese file names (RFC 6266 / 5987)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def ascii_filename(filename: str) -> str:
    """An ASCII stand-in: Vietnamese letters without marks (đ → d), unsafe characters replaced."""
    text = filename.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9._ ()\-]+", "_", text).strip(" .") or "download"
    return text[:150]


def content_disposition(filename: str, *, inline: bool = False) -> str:
    clean = "".join(ch for ch in unicodedata.normalize("NFC", filename) if ch >= " " and ch not in '\\/"\x7f')
    clean = clean.strip() or "download"
    kind = "inline" if inline else "attachment"
    fallback = ascii_filename(clean)
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(clean, safe='')}"


def attachment_response(
    content: bytes, filename: str, content_type: str = "application/octet-stream", *, inline: bool = False
) -> HttpResponse:
    """An HttpResponse that downloads ``content`` as ``filename``, never cached by shared caches nor sniffed."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
