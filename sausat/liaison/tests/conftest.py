"""Liaison fixtures: a decision in the cast's province assigning the liaison user to commune A."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sausat.liaison.tests.factories import assign_liaison_to_commune_a


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real, tiny PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def liaison_setup(cast):
    """Decision + the liaison user (theodoi) assigned to commune A; returns (decision, assignment)."""
    return assign_liaison_to_commune_a(cast)


def fresh(user):
    """The user as a new request would load it (no cached scope)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)


__all__ = ["fresh", "io", "png_bytes", "png_upload"]
