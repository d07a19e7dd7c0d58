"""A page that applies a threshold says which one and on what basis (issue 18)."""

from __future__ import annotations

import datetime as dt

import pytest

from sausat.core.setting_services import do_set_dated_setting

pytestmark = pytest.mark.django_db


def test_the_task_check_page_names_its_thresholds(cast, login):
    body = login(cast.secretary).get("/chi-dao/ra-soat/").content.decode()
    assert "Mặc định: 30 ngày — mặc định của sản phẩm" in body
    assert "Ngày hoàn thành: ngày văn phòng duyệt đề nghị hoàn thành — mặc định của sản phẩm" in body
    assert "Nhắc hạn: nhắc trước hạn 3 ngày làm việc và mỗi ngày quá hạn — mặc định của sản phẩm" in body


def test_the_coverage_dashboard_names_its_thresholds_and_a_provinces_own(cast, login):
    client = login(cast.secretary)
    body = client.get("/co-so/bao-quat/").content.decode()
    assert "Lâu không liên hệ: 30 ngày — mặc định của sản phẩm" in body
    assert "Góp ý chung chung khi độ cụ thể dưới: 50/100 điểm — mặc định của sản phẩm" in body
    do_set_dated_setting(
        actor=cast.secretary,
        key="liaison.no_contact_days",
        value=45,
        valid_from=dt.date(2020, 1, 1),
        basis="Kế hoạch 23-KH/TU (thử)",
        unit=cast.province,
    )
    # The office's province has its own value: the dashboard applies it and says so.
    body = client.get("/co-so/bao-quat/").content.decode()
    assert "Lâu không liên hệ: 45 ngày — Kế hoạch 23-KH/TU (thử)" in body
    assert 'value="45"' in body
    assert login(cast.liaison).get("/co-so/bao-quat/").status_code == 404
