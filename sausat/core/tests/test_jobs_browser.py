"""The job progress page in a real Chromium: it polls itself and turns into a download link."""

import pytest
from django.tasks import task

from conftest import browser_login, screenshot
from sausat.core.job_worker import claim_next, complete_job
from sausat.core.jobs import enqueue, labelled, report_progress, save_job_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@task
@labelled("Xuất tổng hợp ý kiến")
def browser_export():
    return None


def test_progress_page_polls_until_done(phone_page, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = enqueue(browser_export, args={}, actor=cast.leader)
    page = phone_page
    browser_login(page, cast.leader.username)
    page.goto(f"{page.base_url}/jobs/{job.pk}/")
    page.wait_for_selector(f"#job-{job.pk} >> text=Đang chờ xử lý")
    claimed = claim_next("browser-test")
    report_progress(claimed, 60, "Đang ghi tệp")
    page.wait_for_selector(f"#job-{job.pk} >> text=Đang ghi tệp")
    assert page.locator(f"#job-{job.pk} progress").get_attribute("value") == "60"
    screenshot(page, "jobs-progress-phone")
    save_job_file(claimed, b"xlsx", "Tổng hợp ý kiến.xlsx", "application/octet-stream")
    complete_job(claimed, {"rows": 3})
    link = page.wait_for_selector(f"#job-{job.pk} a[download]")
    assert "Tổng hợp ý kiến.xlsx" in link.inner_text()
    assert page.locator(f"#job-{job.pk}").get_attribute("hx-trigger") is None  # polling stopped
    screenshot(page, "jobs-done-phone")
    assert page.csp_violations == []


def test_other_commune_cadre_gets_404(phone_page, cast):
    job = enqueue(browser_export, args={}, actor=cast.leader)
    page = phone_page
    browser_login(page, cast.commune_b_cadre.username)
    response = page.goto(f"{page.base_url}/jobs/{job.pk}/")
    assert response.status == 404
