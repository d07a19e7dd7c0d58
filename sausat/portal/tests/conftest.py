"""Portal fixtures: the Hậu Giang portal (under the cast's Cần Thơ) and the Quảng Nam one, with editors."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from sausat.core.actors import SystemActor

SYSTEM = SystemActor(reason="test")


@dataclass
class Portal:
    home: object
    category: object
    article: object
    other_home: object
    other_category: object
    editor: object
    reporter: object
    other_editor: object


def make_user(username: str):
    return get_user_model().objects.create_user(username=username, password="x-portal-test-1")


@pytest.fixture
def portal(cast, settings, tmp_path):
    from sausat.geo.models import AdministrativeUnit
    from sausat.people.models import Role
    from sausat.portal import services, views_count

    settings.VAR_DIR = tmp_path  # the view spool and salts of this test only
    views_count._seen.clear()
    home = services.ensure_portal(actor=SYSTEM, unit=AdministrativeUnit.objects.get(code="L-p93"))
    other = services.ensure_portal(actor=SYSTEM, unit=AdministrativeUnit.objects.get(code="L-p49"))
    editor, reporter, other_editor = make_user("bt"), make_user("pv"), make_user("bt_qn")
    services.grant_portal_role(actor=SYSTEM, user=editor, role=Role.PORTAL_EDITOR, unit=cast.province)
    services.grant_portal_role(actor=SYSTEM, user=reporter, role=Role.PORTAL_REPORTER, unit=cast.province)
    services.grant_portal_role(actor=SYSTEM, user=other_editor, role=Role.PORTAL_EDITOR, unit=other.unit)
    services.sync_portal_permissions(cast.leader)
    category = services.create_category(actor=SYSTEM, home=home, title="Xây dựng Đảng")
    other_category = services.create_category(actor=SYSTEM, home=other, title="Thời sự")
    article = services.create_draft(
        actor=SYSTEM,
        category=category,
        title="Hội nghị đối thoại với cán bộ cơ sở",
        summary="Tóm tắt",
        paragraphs=["Cán bộ chủ chốt cấp xã nêu 375 ý kiến."],
    )
    services.publish(actor=SYSTEM, article=article)
    article.refresh_from_db()
    return Portal(home, category, article, other, other_category, editor, reporter, other_editor)


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Reader pages cached by an earlier test (same process) must not answer this one's requests."""
    from django.core.cache import caches

    from sausat.portal.page_cache import CACHE_ALIAS

    caches[CACHE_ALIAS].clear()
