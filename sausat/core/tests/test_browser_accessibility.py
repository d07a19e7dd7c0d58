"""axe-core (vendored for tests only, sausat/core/tests/vendor/) on the main pages of every demo role:
the home page, each page of the role's main menu, the page of the first item of each inbox section
(where the role acts: an opinion with its answer form, a task with its reports, a commune), and the
public pages. No serious or critical violation of WCAG 2.x A/AA is allowed, and no element id may
repeat on a page (axe 4.x no longer checks that under WCAG 2.2, but labels and fragments rely on it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
ROLES = ("lanhdao", "vanphong", "traloi", "theodoi", "xa_a", "congdan")
BLOCKING = {"serious", "critical"}
RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
  return {passes: result.passes.length, violations: result.violations.map(v => ({id: v.id, impact: v.impact,
    help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))};
}"""


def _violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol, so the page's strict CSP needs no exception for it.
    page.evaluate(AXE.read_text())
    result = page.evaluate(RUN)
    assert result["passes"] > 0  # axe did look at the page
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


DUPLICATE_IDS = """() => {
  const seen = new Set(), repeated = new Set();
  for (const el of document.querySelectorAll("[id]")) { (seen.has(el.id) ? repeated : seen).add(el.id); }
  return [...repeated];
}"""


def _check(page, url: str, failures: list[str]) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for v in _violations(page):
        failures.append(f"{url}: {v['id']} ({v['impact']}) {v['help']} at {v['nodes']}")
    repeated = page.evaluate(DUPLICATE_IDS)
    if repeated:
        failures.append(f"{url}: duplicate element ids {repeated}")


@pytest.mark.parametrize("username", ROLES)
def test_main_pages_of_each_role_have_no_serious_violation(desktop_page, demo, username):
    page = desktop_page
    browser_login(page, username)
    base = page.base_url
    menu = page.eval_on_selector_all("nav.mainnav a", "els => els.map(e => e.getAttribute('href'))")
    items = page.eval_on_selector_all(
        "#inbox .inbox-section",
        "els => els.map(s => s.querySelector('.inbox-item a')).filter(a => a).map(a => a.getAttribute('href').split('#')[0])",
    )
    failures: list[str] = []
    for href in dict.fromkeys(["/", *menu, "/tai-khoan/", *items]):
        _check(page, base + href, failures)
    assert failures == [], "\n".join(failures)


def test_public_pages_have_no_serious_violation(phone_page, demo):
    from sausat.meetings.models import Meeting, MeetingStatus

    meeting = Meeting.objects.filter(status=MeetingStatus.OPEN).first()
    page = phone_page
    failures: list[str] = []
    for href in ("/dang-nhap/", f"/y-kien/gui/{meeting.form_token}/", "/y-kien/gui/tra-cuu/"):
        _check(page, page.base_url + href, failures)
    assert failures == [], "\n".join(failures)
