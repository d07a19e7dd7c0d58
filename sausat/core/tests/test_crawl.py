"""Every link a demo account is shown opens: the menu and the home page, and one click deeper from each
(same-site links, GET only; downloads and logout skipped). Any 4xx/5xx fails, so a menu never offers
what a role cannot open and no page links to an object out of the reader's scope."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest

CAST = ("leader", "secretary", "responder", "liaison", "commune_a_cadre", "commune_b_cadre", "citizen", "admin")
HREF = re.compile(r'href="([^"]+)"')
SKIP = re.compile(
    r"(\.(xlsx|docx|csv|pdf|png|jpg|json)$)|^/(static|media|i18n|api)/|/tai-ve/|^/dang-xuat/|/anh/\d+/|^/metrics|^/readyz|^/healthz"
)
MAX_PAGES = 120  # per account: the second level of a long list is sampled, not exhausted
# Django's and browsers' English placeholders for an empty choice: a provincial office writes "- Chọn -".
DEVELOPER_WORDS = re.compile(r">-{5,}<|Select an option")


def _links(html: str) -> list[str]:
    out = []
    for raw in HREF.findall(html):
        url, _frag = urldefrag(unescape(raw))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or SKIP.search(parts.path):
            continue
        out.append(url)
    return out


@pytest.mark.parametrize("who", CAST)
def test_every_link_two_clicks_deep_opens(demo, login, who):
    _crawl(login(getattr(demo, who)))


# The accounts of the later apps, with their apps' demo seeded on top of the current-year demo.
LATER = {
    "tochuc": "sausat.cadres.demo:seed",
    "bientap": "sausat.portal.demo:seed",
    "phongvien": "sausat.portal.demo:seed",
    "bientap_qn": "sausat.portal.demo:seed",
    "vanphong_bt": "sausat.liaison.demo:seed_ben_tre",
}


@pytest.mark.parametrize("username", sorted(LATER))
def test_later_apps_accounts_links_two_clicks_deep_open(demo, login, username):
    from importlib import import_module

    from django.contrib.auth import get_user_model

    module, seed = LATER[username].split(":")
    getattr(import_module(module), seed)()
    _crawl(login(get_user_model().objects.get(username=username)))


def _crawl(client) -> None:
    seen: dict[str, int] = {}
    failures = []

    def visit(url: str, origin: str) -> str:
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code >= 400:
            failures.append(f"{url} -> {response.status_code} (linked from {origin})")
            return ""
        if response.status_code in (301, 302):
            return ""
        if "text/html" not in response.get("Content-Type", ""):
            return ""
        html = response.content.decode()
        if url.startswith("/quan-tri-tin/"):  # Wagtail's own admin
            return html
        for found in DEVELOPER_WORDS.findall(html):
            failures.append(f"{url} shows {found!r} (glossary: '- Chọn -')")
        return html

    home = visit("/", "login")
    first = list(dict.fromkeys(_links(home)))
    second: list[tuple[str, str]] = []
    for url in first:
        if url in seen:
            continue
        html = visit(url, "/")
        second += [(link, url) for link in _links(html)]
    for url, origin in second:
        if url in seen or len(seen) >= MAX_PAGES:
            continue
        visit(url, origin)
    assert not failures, "\n".join(failures)
    assert len(seen) > 5
