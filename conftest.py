"""Shared fixtures: the real administrative units (loaded once per test database) and the named cast."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

# The dev server and live_server run in the test process; Playwright's sync API needs this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
def cast(db) -> Cast:
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
        client.force_login(user)
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
