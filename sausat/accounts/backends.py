"""The sign-in backend: Django's, with the signed-in account's person loaded in the same query.

Every page's header shows the person's name (``core.context_processors.navigation`` reads
``user.person``); fetching the account and its person together spares a query on every request
(issue 17). Authentication itself is Django's ``ModelBackend``, unchanged.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class AccountWithPersonBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            # "person" is the reverse side of people.Person.user (one-to-one): a LEFT JOIN.
            user = user_model._default_manager.select_related("person").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
