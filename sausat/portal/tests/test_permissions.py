"""Portal permissions follow our roles and units; the workflow's steps are audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.portal import services
from sausat.portal.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_hau_giang_lies_in_the_cast_province_tree(portal, cast):
    assert portal.home.unit.scope_path.startswith(cast.province.scope_path)
    assert not portal.other_home.unit.scope_path.startswith(cast.province.scope_path)


def test_editor_edits_own_tree_and_gets_404_in_another(portal, login):
    client = login(portal.editor)
    assert client.get(f"/quan-tri-tin/pages/{portal.article.pk}/edit/").status_code == 200
    other = login(portal.other_editor)
    assert other.get(f"/quan-tri-tin/pages/{portal.article.pk}/edit/").status_code == 404
    assert other.get(f"/quan-tri-tin/pages/{portal.home.pk}/").status_code == 404
    assert other.get(f"/quan-tri-tin/pages/{portal.other_home.pk}/").status_code == 200


def test_another_province_editor_can_neither_draft_nor_approve(portal):
    with pytest.raises(Http404):
        services.create_draft(actor=portal.other_editor, category=portal.category, title="Không được")
    draft = services.create_draft(actor=portal.reporter, category=portal.category, title="Bài mới")
    services.submit_for_review(actor=portal.reporter, article=draft)
    with pytest.raises(Http404):
        services.approve(actor=portal.other_editor, article=draft)


def test_workflow_reporter_editor_leader_publishes_and_audits(portal, cast):
    draft = services.create_draft(
        actor=portal.reporter, category=portal.category, title="Đối thoại với thanh niên", paragraphs=["Nội dung."]
    )
    assert not draft.live
    services.submit_for_review(actor=portal.reporter, article=draft)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # the reporter cannot approve the editor's step
        services.approve(actor=portal.reporter, article=draft)
    services.approve(actor=portal.editor, article=draft)
    assert not ArticlePage.objects.get(pk=draft.pk).live  # the leader's step is still to come
    with pytest.raises(PermissionDenied):
        services.approve(actor=portal.editor, article=draft)
    services.approve(actor=cast.leader, article=draft)
    draft = ArticlePage.objects.get(pk=draft.pk)
    assert draft.live
    assert draft.search_key.startswith("doi thoai voi thanh nien")
    rows = AuditEvent.objects.filter(object_type="portal.articlepage", object_id=str(draft.pk))
    verbs = list(rows.order_by("id").values_list("verb", "actor__username"))
    assert ("portal.approve", "bt") in verbs
    assert ("portal.approve", "lanhdao") in verbs
    assert ("portal.publish", "lanhdao") in verbs


def test_reject_and_unpublish_are_audited(portal, cast):
    draft = services.create_draft(actor=portal.reporter, category=portal.category, title="Bài bị trả lại")
    services.submit_for_review(actor=portal.reporter, article=draft)
    services.reject(actor=portal.editor, article=draft, comment="Cần bổ sung số liệu")
    services.unpublish(actor=cast.leader, article=portal.article)
    assert not ArticlePage.objects.get(pk=portal.article.pk).live
    assert AuditEvent.objects.filter(verb="portal.reject", object_id=str(draft.pk), actor=portal.editor).exists()
    assert AuditEvent.objects.filter(
        verb="portal.unpublish", object_id=str(portal.article.pk), actor=cast.leader
    ).exists()


def test_editor_cannot_publish_directly(portal):
    draft = services.create_draft(actor=portal.editor, category=portal.category, title="Đăng thẳng")
    with pytest.raises(Http404):
        services.publish(actor=portal.editor, article=draft)


def test_revoked_grant_loses_the_admin(portal, login):
    from sausat.people import services as people_services
    from sausat.people.models import RoleGrant

    grant = RoleGrant.objects.get(user=portal.editor, role="portal_editor")
    people_services.revoke_role(grant, actor=SYSTEM_ACTOR, on=dt.date(2000, 1, 1))
    client = login(portal.editor)
    assert client.get(f"/quan-tri-tin/pages/{portal.article.pk}/edit/").status_code == 404
    assert not portal.editor.groups.filter(name__startswith=services.GROUP_PREFIX).exists()


SYSTEM_ACTOR = SystemActor(reason="test")
