"""The signed-in account arrives with its person: the header's name costs no query of its own."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sausat.accounts.backends import AccountWithPersonBackend

pytestmark = pytest.mark.django_db


def test_the_account_comes_with_its_person_in_one_query(cast):
    with CaptureQueriesContext(connection) as queries:
        user = AccountWithPersonBackend().get_user(cast.secretary.pk)
        name = user.person.full_name
    assert len(queries.captured_queries) == 1
    assert name == cast.secretary.person.full_name


def test_an_account_without_a_person_and_an_inactive_one(cast):
    loner = get_user_model().objects.create_user("khongcohoso", password="x" * 20)
    assert not hasattr(AccountWithPersonBackend().get_user(loner.pk), "person")
    loner.is_active = False
    loner.save(update_fields=["is_active"])
    assert AccountWithPersonBackend().get_user(loner.pk) is None
    assert AccountWithPersonBackend().get_user(10**9) is None


def test_the_header_names_the_person_without_a_person_query(cast, login):
    client = login(cast.secretary)
    client.get(reverse("core:home"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("core:home")).content.decode()
    assert cast.secretary.person.full_name in page
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT "people_person"')]
