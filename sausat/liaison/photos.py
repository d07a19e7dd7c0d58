"""Photo uploads: decoded, re-encoded without metadata, stored under server-generated names.

Only JPEG, PNG and WebP are accepted, recognised by magic bytes (the browser's declared type and
the file name are ignored), then fully decoded by Pillow: a file that does not decode, or whose
pixel count is absurd (a decompression bomb), is refused before anything is written. What is
stored is a fresh encoding, at most ``MAX_SIDE`` pixels on its long side, turned upright from the
EXIF orientation and carrying no EXIF (GPS position, device), XMP or comments: JPEG, or PNG
when the upload was a PNG or has transparency. Files live under MEDIA_ROOT/liaison/<uuid> with no
extension, are never served by the web server directly, and go out only through the
policy-checked photo view.
"""

from __future__ import annotations

import contextlib
import io
import uuid
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from sausat.core.uploads import save_or_refuse
from sausat.textkit.normalize import normalize_line

MAX_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 6
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
MAX_SIDE = 1600
# 50 megapixels: above any phone camera's default output; a bomb declares far more.
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 85
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


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
        content, content_type = rendition(upload, kind, name)
        checked.append(CheckedPhoto(ContentFile(content), content_type, len(content), name))
    return checked


def _not_an_image(name: str) -> ValidationError:
    return ValidationError(
        {
            "photos": f"Tệp “{name}” không phải ảnh JPEG, PNG hoặc WebP hợp lệ (không giải mã được). Vui lòng chọn ảnh khác."
        }
    )


def rendition(upload: File, kind: str, name: str) -> tuple[bytes, str]:
    """(bytes, content type) of the stored rendition: decoded, bounded, upright, metadata-free."""
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; make every bomb an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=[_FORMATS[kind]])
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise Image.DecompressionBombError(f"{width}x{height}")
            if image.format == "JPEG":
                image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at a reduced scale: less memory
            image.load()
            image = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(
                {
                    "photos": f"Ảnh “{name}” có kích thước điểm ảnh bất thường (quá {MAX_PIXELS // 1_000_000} "
                    "triệu điểm ảnh, có thể là tệp độc hại); không nhận."
                }
            ) from exc
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise _not_an_image(name) from exc
        finally:
            upload.seek(0)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    out = io.BytesIO()
    # A new image from the pixels alone: no EXIF, XMP, ICC, text chunks or comments carried over.
    if kind == "image/png" or alpha:
        clean = Image.new("RGBA" if alpha else "RGB", image.size)
        clean.paste(image.convert(clean.mode))
        clean.save(out, "PNG", optimize=True)
        return out.getvalue(), "image/png"
    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB"))
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), "image/jpeg"


def store(photo: CheckedPhoto) -> str:
    """Write the rendition under a fresh random name; returns the storage name."""
    name = f"liaison/{uuid.uuid4().hex}"
    return save_or_refuse(default_storage, name, photo.upload)


def discard(names: Iterable[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)
