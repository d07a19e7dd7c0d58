"""Uploads and job files on an S3-compatible object store, as two or more app servers share one.

The store is moto's S3 server on a local port (a third-party emulator of the S3 HTTP API, standing in
for MinIO or a cloud store); the storage backend, the views and the services are the production ones.
"""

from __future__ import annotations

import socket

import pytest

pytestmark = pytest.mark.django_db

BUCKET = "sausat-test"
PDF = b"%PDF-1.4\n% bien ban\n%%EOF\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    boto3 = pytest.importorskip("boto3")
    server_module = pytest.importorskip("moto.server")
    port = _free_port()
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    endpoint, client = s3_endpoint
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                "addressing_style": "path",
            },
        },
    }
    return client


def _keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_meeting_attachment_goes_to_the_object_store_and_back(cast, login, s3_storage):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sausat.meetings.models import MeetingAttachment
    from sausat.opinions.tests.factories import make_meeting

    meeting = make_meeting(cast)
    secretary = login(cast.secretary)
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    assert secretary.post(f"/hoi-nghi/{meeting.pk}/dinh-kem/", {"file": upload}).status_code == 302
    item = MeetingAttachment.objects.get(meeting=meeting)
    assert item.file.name in _keys(s3_storage)

    response = secretary.get(f"/hoi-nghi/{meeting.pk}/dinh-kem/{item.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    from django.test import Client

    assert Client().get(f"/hoi-nghi/{meeting.pk}/dinh-kem/{item.pk}/").status_code == 302  # signed out: to the login


def test_a_jobs_file_is_written_and_read_through_the_store(cast, s3_storage):
    from sausat.core.jobs import purge_jobs, read_job_file, save_job_file
    from sausat.core.models_jobs import Job

    job = Job.objects.create(kind="test.export", args={})
    save_job_file(job, b"PK\x03\x04 xlsx bytes", "bao-cao.xlsx", "application/vnd.ms-excel")
    job.refresh_from_db()
    assert job.result_file.startswith("jobs/") and job.result_file in _keys(s3_storage)
    assert read_job_file(job) == b"PK\x03\x04 xlsx bytes"
    # A re-run (after a crash) replaces the file under the same name.
    save_job_file(job, b"second attempt", "bao-cao.xlsx", "application/vnd.ms-excel")
    assert read_job_file(job) == b"second attempt"

    from django.utils import timezone

    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, finished_at=timezone.now() - timezone.timedelta(days=60)
    )
    assert purge_jobs() == 1
    assert job.result_file not in _keys(s3_storage)
