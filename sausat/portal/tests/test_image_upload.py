"""Bad input at the image upload: a non-image is refused in Vietnamese with nothing stored; a photo
loses its EXIF (GPS) on upload and stays upright."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage

from sausat.portal.image_forms import NOT_AN_IMAGE

pytestmark = pytest.mark.django_db
ADD_URL = "/quan-tri-tin/images/add/"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _collection(portal):
    from wagtail.models import Collection

    return Collection.objects.get(name=f"Ảnh – {portal.home.unit.name}")


def _gps_jpeg(width: int = 40, height: int = 20, orientation: int = 1) -> bytes:
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Điện thoại"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (9.0, 47.0, 3.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 28.0, 7.0)
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def _upload(client, portal, name: str, content: bytes, content_type: str):
    data = {
        "title": "Ảnh hội nghị",
        "collection": _collection(portal).pk,
        "file": SimpleUploadedFile(name, content, content_type=content_type),
    }
    return client.post(ADD_URL, data)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("bao-cao.jpg", "Báo cáo tình hình, không phải ảnh.".encode(), "image/jpeg"),
        ("trang.png", b"<!doctype html><html><script>alert(1)</script></html>", "image/png"),
        ("logo.svg", SVG, "image/svg+xml"),
        ("logo.png", SVG, "image/png"),
        ("cut.jpg", _gps_jpeg()[:200], "image/jpeg"),  # a truncated JPEG: the header is right, the data is not
    ],
)
def test_a_file_that_is_not_an_image_is_refused_in_vietnamese_and_nothing_is_stored(
    portal, login, media_root, name, content, content_type
):
    from wagtail.images.models import Image

    response = _upload(login(portal.editor), portal, name, content, content_type)
    assert response.status_code == 200  # the form again, with the error
    assert NOT_AN_IMAGE in response.text or "không khớp với nội dung ảnh" in response.text
    assert not Image.objects.exists()
    stored = list((media_root / "original_images").glob("*")) if (media_root / "original_images").exists() else []
    assert stored == []


def test_gps_exif_is_stripped_on_upload_and_the_photo_stays_upright(portal, login, media_root):
    from wagtail.images.models import Image

    original = _gps_jpeg(width=40, height=20, orientation=6)  # a phone photo taken rotated
    before = PILImage.open(io.BytesIO(original)).getexif()
    assert before.get_ifd(ExifTags.IFD.GPSInfo)  # the test photo does carry a position

    response = _upload(login(portal.editor), portal, "hoi-truong.jpg", original, "image/jpeg")
    assert response.status_code == 302, response.text[-2000:]
    image = Image.objects.get()
    with image.file.open("rb") as fh:
        stored = fh.read()
    assert b"Exif" not in stored and "Điện thoại".encode() not in stored
    saved = PILImage.open(io.BytesIO(stored))
    assert not saved.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert len(saved.getexif()) == 0
    assert saved.size == (20, 40)  # orientation 6 applied before the tag was dropped
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == len(stored)


def test_png_metadata_is_stripped_too(portal, login, media_root):
    from wagtail.images.models import Image

    exif = PILImage.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    buffer = io.BytesIO()
    PILImage.new("RGB", (30, 30), (0, 90, 0)).save(buffer, format="PNG", exif=exif.tobytes())
    assert _upload(login(portal.editor), portal, "so-do.png", buffer.getvalue(), "image/png").status_code == 302
    with Image.objects.get().file.open("rb") as fh:
        assert len(PILImage.open(io.BytesIO(fh.read())).getexif()) == 0
