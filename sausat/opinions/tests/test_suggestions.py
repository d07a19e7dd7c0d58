"""The grouping page's suggestions fragment, served by the text engine."""

import uuid

import pytest

from sausat.opinions import services
from sausat.opinions.tests.factories import make_meeting

pytestmark = pytest.mark.django_db

TOPICS = [
    "Đề nghị nâng mức phụ cấp cho người hoạt động không chuyên trách ở ấp, khu vực {n}",
    "Đường giao thông nông thôn tại ấp {n} xuống cấp, đề nghị sửa chữa sớm",
    "Đề nghị mở lớp bồi dưỡng nghiệp vụ cho cán bộ chủ chốt cấp xã đợt {n}",
]


def _fill(cast, meeting):
    for n in range(4):
        for topic in TOPICS:
            services.register_opinion(
                actor=cast.secretary,
                text=topic.format(n=n + 1),
                channel="paper",
                unit=cast.commune_a,
                meeting=meeting,
                author_name="Cán bộ xã",
                idempotency_key=uuid.uuid4().hex,
            )


def test_secretary_gets_group_suggestions_without_anything_applied(cast, login):
    meeting = make_meeting(cast)
    _fill(cast, meeting)
    response = login(cast.secretary).get(f"/y-kien/hoi-nghi/{meeting.pk}/phan-nhom/goi-y/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nhóm đề xuất" in body
    assert "phụ cấp" in body
    assert not meeting.issue_groups.exists()


def test_commune_b_cadre_gets_404_for_suggestions(cast, login):
    meeting = make_meeting(cast)
    response = login(cast.commune_b_cadre).get(f"/y-kien/hoi-nghi/{meeting.pk}/phan-nhom/goi-y/")
    assert response.status_code == 404
