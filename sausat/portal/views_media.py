"""Image renditions of the news portal, served to everyone.

Wagtail writes the resized copies it shows in articles under ``MEDIA_ROOT/images/`` and links them as
``/media/images/<file>``. They are public by nature (an article's photos), unlike every other upload
(meeting attachments, field photos), which stays behind the views that check who may see it: this
view serves that one folder and nothing else, not even the originals under ``original_images/``.
In production nginx passes ``/media/images/`` here and refuses the rest of ``/media/``.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

RENDITIONS_DIR = "images"
# Allowed by WAGTAILIMAGES_EXTENSIONS; a rendition may also be written as .webp or .avif.
_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}


@require_safe
def rendition(request, name: str):
    root = Path(settings.MEDIA_ROOT) / RENDITIONS_DIR
    try:
        path = Path(safe_join(root, name))
    except Exception as exc:  # SuspiciousFileOperation: "../" and absolute names
        raise Http404 from exc
    if path.suffix.lower() not in _TYPES or not path.is_file():
        raise Http404
    content_type, _ = mimetypes.guess_type(path.name)
    response = FileResponse(path.open("rb"), content_type=content_type or "application/octet-stream")
    # Wagtail never rewrites a rendition in place (a new filter or focal point makes a new name).
    response["Cache-Control"] = "public, max-age=2592000"
    response["X-Content-Type-Options"] = "nosniff"
    return response
