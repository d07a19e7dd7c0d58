"""Shared fixtures: the real administrative units (loaded once per test database) and the named cast."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# CI must not fail at random: property tests draw the same examples on every run there (a failing
# example found by `make test-random` is kept as an explicit @example). `random` is for before a release.
hypothesis_settings.register_profile(
    "ci", derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile("random", deadline=None, database=None, max_examples=1000)
hypothesis_settings.load_profile(
    os.environ.get("SAUSAT_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "default")
)

# The dev server and live_server run in the test process; Playwright's sync API needs this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """The cast creates nine accounts for each test that uses it, and Django's default PBKDF2 work
    factor costs about half a second per password on this box: the suite spent most of its time
    hashing. Tests of hashing itself (sausat/accounts/tests) install their own counting hasher."""
    from django.test.utils import override_settings

    # PBKDF2 stays available for tests whose logins are checked by another process with the
    # production settings (make_password(..., hasher="pbkdf2_sha256")).
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(autouse=True)
def _empty_default_cache():
    """Each test starts with an empty process cache: entries cached under data versions
    (sausat.core.data_versions) would otherwise outlive the flush of a transactional test, whose
    versions restart at 0 and could meet an older test's key with other data behind it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _process_caches_per_test(monkeypatch):
    """The year calendars and the list of dated-setting keys are kept per process for 60 s. In a test
    that expiry fell at a random moment: a query-count comparison then saw one more query after its
    writes than before them, by timing alone. Each test starts with both caches empty (a rolled-back
    test's rows are not remembered either) and nothing expires while it runs."""
    from sausat.core import calendar, dated_rules

    monkeypatch.setattr(calendar, "_CACHE_SECONDS", float("inf"))
    monkeypatch.setattr(dated_rules, "_CACHE_SECONDS", float("inf"))
    calendar.invalidate_cache()
    dated_rules.invalidate_cache()
    yield
    calendar.invalidate_cache()
    dated_rules.invalidate_cache()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """Each test starts in the default language. A request made through the test client activates
    the reader's language in this thread and nothing deactivates it (a server's next request
    activates its own), so an English page in one test left the next test of that worker in
    English: a form's Vietnamese labels then failed at random, by test order."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from sausat.geo.loader import load_units

    with django_db_blocker.unblock():
        load_units()


@dataclass
class Cast:
    leader: object
    secretary: object
    responder: object
    liaison: object
    commune_a_cadre: object
    commune_b_cadre: object
    citizen: object
    admin: object
    province: object
    commune_a: object
    commune_b: object


@pytest.fixture
def units(db):
    """The administrative units; reloaded when a transactional test has flushed them."""
    from sausat.geo.loader import load_units
    from sausat.geo.models import AdministrativeUnit

    if not AdministrativeUnit.objects.filter(code="p92").exists():
        load_units()


@pytest.fixture
def cast(units) -> Cast:
    """The named test cast, created through the same services as the demo data."""
    from django.contrib.auth import get_user_model

    from sausat.people import demo

    demo.seed_cast()
    units = demo.cast_units()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[m.username for m in demo.CAST])}
    return Cast(
        leader=users["lanhdao"],
        secretary=users["vanphong"],
        responder=users["traloi"],
        liaison=users["theodoi"],
        commune_a_cadre=users["xa_a"],
        commune_b_cadre=users["xa_b"],
        citizen=users["congdan"],
        admin=users["quantri"],
        province=units["province"],
        commune_a=units["commune_a"],
        commune_b=units["commune_b"],
    )


@pytest.fixture
def login(client):
    """login(user) -> a test client signed in as ``user``."""

    def _login(user):
        from sausat.accounts.testing import pass_second_factor

        client.force_login(user)
        pass_second_factor(client)  # tests of MFA itself sign in through the real pages
        return client

    return _login


def shared_dir() -> Path:
    return Path(settings.SAUSAT_SHARED_DIR)


@pytest.fixture
def shared():
    """The ../shared folder (seeds, dev data); tests that need it skip with a reason when absent."""
    path = shared_dir()
    if not (path / "seeds").is_dir():
        pytest.skip(f"needs the project's shared folder at {path} (seeds and dev data); not present here")
    return path


CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}

# Fault drill (`make test-browser-slow-scripts`): with SAUSAT_BROWSER_SCRIPT_DELAY_MS=700, every
# JavaScript file under STATIC_URL (app.js, the charts, each page's own script, Wagtail's) reaches the
# browser that many ms late, as on a slow phone network. A test that acts on an element before the
# deferred script wiring it has run, and checks the result once, then fails every time instead of at
# random in CI: wait for the state the user would see (expect(...), a readiness marker), never sleep.
# Not held back: the scripts that base.html loads parser-blocking in <head> (htmx). The page is not
# parsed before they arrive, and the deferred scripts, fetched alongside, would arrive with them: the
# delay would only slow every page down and close the window it is meant to open.
SCRIPT_DELAY_MS = int(os.environ.get("SAUSAT_BROWSER_SCRIPT_DELAY_MS") or 0)
PARSER_BLOCKING_SCRIPTS = ("vendor/htmx-",)


def _delay_static_scripts(context) -> None:
    from playwright.sync_api import Error as PlaywrightError

    def is_static_script(url: str) -> bool:
        path = urlsplit(url).path
        if not (path.startswith(settings.STATIC_URL) and path.endswith(".js")):
            return False
        return not path.removeprefix(settings.STATIC_URL).startswith(PARSER_BLOCKING_SCRIPTS)

    def late(route) -> None:
        page = route.request.frame.page
        try:
            response = route.fetch()
            # Playwright runs a sync route handler in a greenlet of its own: this wait lets the test,
            # the page and the other scripts go on meanwhile. time.sleep() would hold Playwright's
            # loop, and so the test, until the script had arrived: no race left to show.
            page.wait_for_timeout(SCRIPT_DELAY_MS)
            route.fulfill(response=response)
        except PlaywrightError:
            if not page.is_closed():  # a test that ends while a script is held back closes its page
                raise

    context.route(is_static_script, late)


class _SlowScriptsBrowser:
    """The browser, whose new contexts (and pages) get their static scripts late: see SCRIPT_DELAY_MS."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        _delay_static_scripts(context)
        return context

    def new_page(self, **options):
        page = self._browser.new_page(**options)
        _delay_static_scripts(page.context)
        return page

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (never a downloaded browser).

    Skips with a reason when Chromium is not installed, except in CI (CI=true), where the
    browser tests must run: `.ci/run` installs it.
    """
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI; .ci/run should have installed it")
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield _SlowScriptsBrowser(browser) if SCRIPT_DELAY_MS else browser
        browser.close()


@pytest.fixture
def phone_page(chromium, live_server):
    """A phone-sized page; ``phone_page.base_url`` is the live server."""
    context = chromium.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.base_url = live_server.url
    page.csp_violations = []
    page.on(
        "console", lambda msg: page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    yield page
    context.close()


@pytest.fixture
def desktop_page(chromium, live_server):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def browser_login(page, username: str, password: str | None = None) -> None:
    """Sign in through the real login form."""
    page.goto(page.base_url + "/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or settings.SAUSAT_DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/xac-thuc-hai-lop/nhap-ma/" in page.url:  # accounts with a TOTP device: type the current code
        import time

        from django_otp.plugins.otp_totp.models import TOTPDevice

        from sausat.accounts.testing import totp_code

        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        # The next step's code: the current one may already have been used in this time step.
        page.fill("#id_token", totp_code(device.key, at=time.time() + device.step))
        page.click("#mfa-submit")
        page.wait_for_load_state("networkidle")


ARTIFACTS = Path(__file__).parent / "test-artifacts"


def screenshot(page, name: str) -> Path:
    """Save a screenshot under test-artifacts/ (git-ignored) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
