import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from sausat.core.actors import SystemActor, acting_user, actor_label, check_actor
from sausat.core.models import AuditEvent
from sausat.core.policy import ANONYMOUS_SCOPE, require_in_scope, scope_for
from sausat.core.services import record_audit


def test_system_actor_needs_a_reason_and_reads_as_the_system():
    actor = SystemActor(reason="seed_demo")
    assert str(actor) == "Hệ thống: seed_demo"
    assert actor_label(actor) == "Hệ thống: seed_demo"
    assert acting_user(actor) is None
    assert scope_for(actor) is ANONYMOUS_SCOPE
    with pytest.raises(ValueError):
        SystemActor(reason=" ")


@pytest.mark.parametrize("bad", [None, "seed_demo", 7])
def test_none_and_strings_are_not_actors(bad):
    with pytest.raises(TypeError):
        check_actor(bad)
    with pytest.raises(TypeError):
        require_in_scope(bad, lambda: True)


def test_the_system_is_trusted_a_visitor_is_checked():
    require_in_scope(SystemActor(reason="test"), lambda: False)
    require_in_scope(AnonymousUser(), lambda: True)
    with pytest.raises(Http404):
        require_in_scope(AnonymousUser(), lambda: False)


@pytest.mark.django_db
def test_audit_rows_name_the_user_the_system_or_nobody(cast):
    by_user = record_audit(actor=cast.secretary, action=AuditEvent.Action.OTHER, object_type="t", verb="t")
    assert by_user.actor == cast.secretary and by_user.actor_label == cast.secretary.get_username()
    by_system = record_audit(actor=SystemActor(reason="test"), action=AuditEvent.Action.OTHER, object_type="t")
    assert by_system.actor is None and by_system.actor_label == "Hệ thống: test"
    by_visitor = record_audit(actor=AnonymousUser(), action=AuditEvent.Action.OTHER, object_type="t")
    assert by_visitor.actor is None and by_visitor.actor_label == ""
    hidden = record_audit(actor=cast.citizen, action=AuditEvent.Action.OTHER, object_type="t", anonymous=True)
    assert hidden.actor is None and hidden.actor_label == ""
