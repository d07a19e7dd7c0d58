"""The portal's image upload form (Wagtail's, via ``WAGTAILIMAGES_IMAGE_FORM_BASE``).

Every photo an editor uploads ends up in public articles, and phone photos carry EXIF metadata:
the GPS position where it was taken, the camera's serial number, the time. The original is never
served (only renditions, see :mod:`sausat.portal.views_media`), but it is kept and could be
exported or leaked, so the metadata is removed before the file is stored: the image is decoded,
turned upright by its EXIF orientation (which would otherwise be lost with the metadata), and
re-encoded without EXIF or XMP; only the colour profile is kept.

A file that is not an image (text or HTML renamed to .jpg, an SVG with a script) is refused by
Wagtail's field with our Vietnamese message, and nothing is stored.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.images.forms import BaseImageForm

NOT_AN_IMAGE = "Tệp tải lên không phải là ảnh. Chỉ nhận ảnh JPG, PNG hoặc WebP."
WRONG_EXTENSION = "Phần mở rộng của tệp không khớp với nội dung ảnh. Chỉ nhận ảnh JPG, PNG hoặc WebP."
_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def strip_metadata(upload: UploadedFile) -> SimpleUploadedFile:
    """The same picture, upright, without EXIF/XMP (GPS included). Raises ValidationError when
    Pillow cannot decode it (a truncated or disguised file Willow's sniffing let through)."""
    upload.seek(0)
    try:
        with PILImage.open(upload) as opened:
            fmt = opened.format or ""
            if fmt not in _FORMATS:
                raise ValidationError(NOT_AN_IMAGE, code="invalid_image")
            icc = opened.info.get("icc_profile")
            picture = ImageOps.exif_transpose(opened)  # a decoded copy, orientation applied
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's errors for undecodable data
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from exc
    # The encoders read metadata from the save() arguments; clear info too, so nothing is carried.
    picture.info = {}
    params: dict[str, object] = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        if picture.mode not in ("RGB", "L", "CMYK"):
            picture = picture.convert("RGB")
        params.update(quality=90, optimize=True)
    elif fmt == "WEBP":
        params.update(quality=90)
    out = io.BytesIO()
    picture.save(out, format=fmt, **params)
    return SimpleUploadedFile(upload.name or "anh", out.getvalue(), content_type=_FORMATS[fmt])


def _refusing_undecodable(to_python):
    """Wagtail's field sniffs the header, then asks Pillow for the size: a truncated JPEG (right
    header, missing data) raises Pillow's OSError there, an error page instead of a message."""

    def checked(data):
        try:
            return to_python(data)
        except (OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from exc

    return checked


class PortalImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            field.error_messages["invalid_image"] = NOT_AN_IMAGE
            field.error_messages["invalid_image_extension"] = NOT_AN_IMAGE
            field.error_messages["invalid_image_known_format"] = WRONG_EXTENSION
            field.to_python = _refusing_undecodable(field.to_python)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Only a new upload; editing the title keeps the stored (already clean) file.
        if isinstance(upload, UploadedFile):
            return strip_metadata(upload)
        return upload
