"""An article's photo reaches readers; no other upload does."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db


def _png(width: int = 1200, height: int = 800) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 120, 60)).save(buffer, format="PNG")
    return SimpleUploadedFile("hoi-nghi.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_rendition_is_served_to_anyone(client, media_root):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Hội nghị", file=_png())
    rendition = image.get_rendition("width-800")
    assert rendition.url.startswith("/media/images/")

    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    served = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert served.width == 800


def test_only_the_renditions_folder_is_served(client, media_root):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Hội nghị", file=_png())
    original = image.file.url
    assert original.startswith("/media/original_images/")
    assert client.get(original).status_code == 404
    private = media_root / "liaison" / "anh.png"
    private.parent.mkdir(parents=True)
    private.write_bytes(b"\x89PNG")
    for url in (
        "/media/liaison/anh.png",
        "/media/images/../liaison/anh.png",
        "/media/images/%2e%2e/liaison/anh.png",
        "/media/images/missing.png",
    ):
        assert client.get(url).status_code == 404, url


def test_a_non_image_in_the_folder_is_not_served(client, media_root):
    folder = media_root / "images"
    folder.mkdir(parents=True)
    (folder / "note.html").write_text("<script>alert(1)</script>")
    assert client.get("/media/images/note.html").status_code == 404
