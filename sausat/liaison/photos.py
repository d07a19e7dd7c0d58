"""Photo uploads: checked by size and by their first bytes, stored under server-generated names.

Only JPEG, PNG and WebP are accepted, recognised by magic bytes (the browser's declared type and
the file name are ignored). Files live under MEDIA_ROOT/liaison/<uuid> with no extension, are never
served by the web server directly, and go out only through the policy-checked photo view.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage

from sausat.textkit.normalize import normalize_line

MAX_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 6
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


@dataclass(frozen=True)
class CheckedPhoto:
    upload: File
    content_type: str
    size: int
    original_name: str


def sniff(head: bytes) -> str | None:
    """The image type from the first bytes, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_photos(uploads: Iterable[File]) -> list[CheckedPhoto]:
    """Validate every photo before anything is written; a Vietnamese message names the bad one."""
    uploads = [u for u in uploads if u]
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError({"photos": f"Chỉ được gửi tối đa {MAX_PHOTOS} ảnh mỗi lần."})
    checked = []
    for upload in uploads:
        name = normalize_line(getattr(upload, "name", "") or "")[:200]
        size = upload.size or 0
        if size > MAX_BYTES:
            mb = size / 1024 / 1024
            raise ValidationError(
                {"photos": f"Ảnh “{name}” nặng {mb:.1f} MB, vượt giới hạn 5 MB. Vui lòng chọn ảnh nhỏ hơn."}
            )
        if size == 0:
            raise ValidationError({"photos": f"Tệp “{name}” rỗng."})
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        kind = sniff(head)
        if kind is None:
            raise ValidationError(
                {"photos": f"Tệp “{name}” không phải ảnh JPEG, PNG hoặc WebP. Chỉ nhận ảnh chụp định dạng này."}
            )
        checked.append(CheckedPhoto(upload, kind, size, name))
    return checked


def store(photo: CheckedPhoto) -> str:
    """Write the file under a fresh random name; returns the storage name."""
    name = f"liaison/{uuid.uuid4().hex}"
    saved = default_storage.save(name, photo.upload)
    return saved


def discard(names: Iterable[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)
