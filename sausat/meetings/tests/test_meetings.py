from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sausat.meetings import services
from sausat.meetings.models import Meeting, MeetingStatus
from sausat.opinions.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_status_flow(cast):
    meeting = make_meeting(cast)
    with pytest.raises(ValidationError):
        services.set_status(actor=cast.secretary, meeting=meeting, status=MeetingStatus.CONCLUDED)
    for status in (MeetingStatus.OPEN, MeetingStatus.HELD, MeetingStatus.CONCLUDED):
        meeting = services.set_status(actor=cast.secretary, meeting=meeting, status=status)
    assert meeting.status == MeetingStatus.CONCLUDED


def test_create_through_form_and_visibility(cast, login):
    client = login(cast.secretary)
    response = client.post(
        reverse("meetings:create"),
        {
            "kind": "dialogue",
            "title": "  Đối thoại\u200b thử ",
            "starts_at": "2026-12-01T08:00",
            "invite_roles": ["commune_cadre"],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.title == "Đối thoại thử"
    assert meeting.invite_role_list == ["commune_cadre"]
    url = reverse("meetings:detail", args=[meeting.pk])
    assert login(cast.commune_a_cadre).get(url).status_code == 200  # invited
    assert login(cast.citizen).get(url).status_code == 404  # not invited
    assert login(cast.commune_a_cadre).get(reverse("meetings:edit", args=[meeting.pk])).status_code == 404
    assert login(cast.commune_b_cadre).get(reverse("meetings:create")).status_code == 404


def test_public_form_closed_unless_open(cast, client):
    meeting = make_meeting(cast)
    url = reverse("opinions:submit", args=[meeting.form_token])
    response = client.post(url, {"idempotency_key": "k", "text": "x"})
    assert response.status_code == 200 and "không nhận ý kiến" in response.content.decode()
    services.set_status(actor=cast.secretary, meeting=meeting, status=MeetingStatus.OPEN)
    assert client.post(url, {"idempotency_key": "k", "text": "x" * 10_001}).status_code == 200
    assert meeting.opinions.count() == 0
    assert client.post(url, {"idempotency_key": "k", "text": "Ý kiến", "author_name": "Khách"}).status_code == 302
    assert meeting.opinions.get().author_name == "Khách"


def test_attachments_upload_and_scoped_download(cast, login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(cast)
    client = login(cast.secretary)
    url = reverse("meetings:attach", args=[meeting.pk])
    client.post(url, {"file": SimpleUploadedFile("Báo cáo tổng hợp.pdf", b"%PDF-1.4 test")})
    client.post(url, {"file": SimpleUploadedFile("script.exe", b"MZ")})
    item = meeting.attachments.get()
    assert item.name == "Báo cáo tổng hợp.pdf"
    download = reverse("meetings:attachment", args=[meeting.pk, item.pk])
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4 test"
    assert login(cast.citizen).get(download).status_code == 404


def test_attachment_on_a_full_disk_is_refused_in_vietnamese_with_nothing_left(cast, login, tmp_path, monkeypatch):
    """Drill F6 found a 500: a full media disk must answer a clear message, no row and no fragment."""
    import errno

    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sausat.core.uploads import STORAGE_FULL
    from sausat.meetings.models import MeetingAttachment

    class FullDisk(FileSystemStorage):
        """The operating system's answer when the disk fills up halfway through a write."""

        def _save(self, name, content):
            path = self.path(name)
            import os

            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fragment:
                fragment.write(b"%PDF-1.4 half")
            raise OSError(errno.ENOSPC, "No space left on device")

    storage = FullDisk(location=tmp_path)
    monkeypatch.setattr(MeetingAttachment._meta.get_field("file"), "storage", storage)
    meeting = make_meeting(cast)
    client = login(cast.secretary)
    response = client.post(
        reverse("meetings:attach", args=[meeting.pk]),
        {"file": SimpleUploadedFile("Báo cáo.pdf", b"%PDF-1.4 test")},
        follow=True,
    )
    assert response.status_code == 200
    assert STORAGE_FULL in response.content.decode()
    assert not meeting.attachments.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
