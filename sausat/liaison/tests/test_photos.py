"""Photos are decoded and re-encoded: no EXIF/GPS kept, bounded size, bombs and fakes refused."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sausat.core.models import AuditEvent
from sausat.liaison.models import Activity, ActivityPhoto
from sausat.liaison.photos import MAX_SIDE
from sausat.liaison.tests.test_field import _post_activity

pytestmark = pytest.mark.django_db


def _jpeg_with_gps(width: int = 64, height: int = 48) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "MayAnhThu"  # camera make
    exif[0x0112] = 6  # orientation: rotate 90° when shown
    exif[0x8825] = {1: "N", 2: (10.0, 45.0, 0.0), 3: "E", 4: (106.0, 40.0, 0.0)}  # GPS position
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def _png_bomb(side: int = 8000) -> bytes:
    """A valid 1-bit PNG of side × side pixels (64 megapixels) that compresses to a few KB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * (side // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _stored(media) -> list[Path]:
    folder = Path(media, "liaison")
    return list(folder.iterdir()) if folder.exists() else []


def test_gps_and_camera_data_are_stripped(cast, liaison_setup, login, media):
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the upload has a position
    upload = SimpleUploadedFile("hien-truong.jpg", original, content_type="image/jpeg")
    response = _post_activity(login(cast.liaison), cast, "gps" * 11, photos=[upload])
    assert response.status_code == 302
    photo = ActivityPhoto.objects.get()
    with default_storage.open(photo.file.name, "rb") as handle:
        stored = handle.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and photo.content_type == "image/jpeg"
    assert not image.getexif() and "exif" not in image.info
    assert b"MayAnhThu" not in stored and b"Exif" not in stored
    assert image.size == (48, 64)  # turned upright from the EXIF orientation
    assert photo.size == len(stored)


def test_large_photo_stored_as_a_bounded_rendition(cast, liaison_setup, login, media):
    buf = io.BytesIO()
    Image.new("RGB", (4000, 3000), (10, 120, 40)).save(buf, "JPEG", quality=70)
    upload = SimpleUploadedFile("lon.jpg", buf.getvalue(), content_type="image/jpeg")
    assert _post_activity(login(cast.liaison), cast, "big" * 11, photos=[upload]).status_code == 302
    with default_storage.open(ActivityPhoto.objects.get().file.name, "rb") as handle:
        assert Image.open(handle).size == (MAX_SIDE, 1200)


def test_transparent_webp_becomes_png(cast, liaison_setup, login, media):
    buf = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 0, 255, 100)).save(buf, "WEBP")
    upload = SimpleUploadedFile("trong-suot.webp", buf.getvalue(), content_type="image/webp")
    assert _post_activity(login(cast.liaison), cast, "alpha" * 7, photos=[upload]).status_code == 302
    photo = ActivityPhoto.objects.get()
    with default_storage.open(photo.file.name, "rb") as handle:
        image = Image.open(handle)
        assert image.format == "PNG" and image.mode == "RGBA"
    assert photo.content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # JPEG magic bytes, then garbage: passes the old first-bytes check, fails to decode.
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"khong phai anh" * 50, "không giải mã được"),
        ("anh.jpg", b"%PDF-1.7\n" + b"x" * 100, "không phải ảnh JPEG, PNG hoặc WebP"),
        ("bom.png", _png_bomb(), "điểm ảnh bất thường"),
    ],
)
def test_fakes_and_bombs_refused_with_nothing_written(cast, liaison_setup, login, media, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = _post_activity(login(cast.liaison), cast, "bad" * 11, photos=[upload])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Activity.all_objects.count() == 0 and ActivityPhoto.objects.count() == 0
    assert _stored(media) == []
    assert not AuditEvent.objects.filter(verb="liaison.activity.log").exists()


def test_a_bomb_after_a_good_photo_leaves_nothing(cast, liaison_setup, login, media):
    good = SimpleUploadedFile("tot.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    bomb = SimpleUploadedFile("bom.png", _png_bomb(), content_type="image/png")
    response = _post_activity(login(cast.liaison), cast, "mixed" * 7, photos=[good, bomb])
    assert response.status_code == 400
    assert Activity.all_objects.count() == 0 and _stored(media) == []
