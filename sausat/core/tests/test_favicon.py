"""Every page names the icon, so browsers do not ask for a /favicon.ico that answers 404 (a console error)."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_pages_link_the_shipped_icon(client):
    assert finders.find("sausat/favicon.svg")
    html = client.get("/dang-nhap/").content.decode()
    assert 'rel="icon"' in html and "favicon" in html
