"""Portal writes: portals and their Wagtail permissions, drafts and the workflow, audited page events.

Reader comments live in :mod:`sausat.portal.comments`, view counting in :mod:`sausat.portal.views_count`.
Each function is atomic and writes our audit row in the same transaction as Wagtail's rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from functools import partial
from typing import Any

from anyascii import anyascii
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from sausat.core.actors import Actor, SystemActor, Viewer, acting_user
from sausat.core.models import AuditEvent
from sausat.core.policy import forget_scope, require, require_in_scope, scope_for
from sausat.core.services import record_audit
from sausat.geo.models import AdministrativeUnit, Level
from sausat.people import services as people_services
from sausat.people.models import Role, RoleGrant
from sausat.portal import page_cache, policy, related
from sausat.portal.context import current_actor
from sausat.portal.models import ArticlePage, CategoryPage, PortalHome, PortalRoot
from sausat.textkit.normalize import normalize, normalize_line, search_key

GROUP_PREFIX = "Cổng tin "
# role -> (group label, Wagtail page permissions over the province's tree)
PORTAL_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    Role.PORTAL_REPORTER: ("Phóng viên", ("add_page",)),
    Role.PORTAL_EDITOR: ("Biên tập viên", ("add_page", "change_page", "lock_page")),
    # Only the approvers may publish: editors review, the leader's approval publishes.
    Role.LEADER: ("Lãnh đạo phê duyệt", ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")),
}
IMAGE_PERMISSIONS = ("add_image", "choose_image", "change_image")
# The actor of page events Wagtail raises outside our services and outside a request.
WAGTAIL_ACTOR = SystemActor(reason="wagtail")


@contextlib.contextmanager
def acting(actor: Actor) -> Iterator[None]:
    """Our services name the actor for the audit rows written by the Wagtail signal hooks."""
    token = current_actor.set(actor)
    try:
        yield
    finally:
        current_actor.reset(token)


def on_page_event(*, page: Page, verb: str, user: Any = None, task: str = "") -> None:
    """Called by :mod:`sausat.portal.hooks` inside Wagtail's transaction."""
    actor = user or current_actor.get() or WAGTAIL_ACTOR
    page = page.specific
    with transaction.atomic():
        after: dict[str, Any] = {"live": page.live, "title": page.title}
        if task:
            after["task"] = task
        if verb == "portal.publish" and isinstance(page, ArticlePage):
            key = article_search_key(page)
            ArticlePage.objects.filter(pk=page.pk).update(search_key=key)
            transaction.on_commit(partial(related.refresh_related_for, page.pk))
        record_audit(actor=actor, action=AuditEvent.Action.UPDATE, obj=page, verb=verb, after=after)
        # Readers' cached pages show the new state from now on.
        page_cache.invalidate()


def article_search_key(page: ArticlePage) -> str:
    parts = [page.title, page.summary]
    for block in page.body:
        if block.block_type == "paragraph":
            parts.append(_html_text(block.value.source))
        elif block.block_type == "image":
            parts.append(block.value.get("caption") or "")
    return search_key(" ".join(p for p in parts if p))


def _html_text(html: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").get_text(" ")


# --- Portals and their permissions --------------------------------------------------------------


def ensure_root() -> PortalRoot:
    root: PortalRoot | None = PortalRoot.objects.first()
    if root is not None:
        return root
    tree_root = Page.get_first_root_node()
    if tree_root is None:
        # Wagtail's migrations create the tree's root and the default locale; a database emptied
        # after migrating (a flush) has neither, and the portal must still be able to start.
        from django.conf import settings
        from wagtail.coreutils import get_supported_content_language_variant
        from wagtail.models import Locale

        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        tree_root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    root = PortalRoot(title="Tin tức", slug="tin-tuc", live=True)
    tree_root.add_child(instance=root)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True, site_name="Tin tức")
    else:
        old_root = site.root_page
        site.root_page = root
        site.save()
        # Wagtail's placeholder "Welcome" page, never ours.
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    return root


def _group(home: PortalHome, role: str) -> Group:
    label = PORTAL_GROUPS[role][0]
    group, _ = Group.objects.get_or_create(name=f"{GROUP_PREFIX}{home.unit.code} – {label}")
    return group


def ensure_portal(*, actor: Actor, unit: AdministrativeUnit, title: str = "") -> PortalHome:
    """The province's portal: its home page, permission groups, image collection and workflow."""
    require_in_scope(actor, lambda: scope_for(actor).is_admin)
    if unit.level != Level.PROVINCE:
        raise ValidationError({"unit": "Cổng tin được lập cho cấp tỉnh."})
    existing: PortalHome | None = PortalHome.objects.filter(unit=unit).first()
    if existing is not None:
        return existing
    with transaction.atomic(), acting(actor):
        root = ensure_root()
        home = PortalHome(
            title=normalize_line(title) or f"Cổng thông tin {unit.name}",
            slug=slugify(anyascii(unit.name)) or unit.code,
            unit=unit,
            live=True,
        )
        root.add_child(instance=home)
        admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        collection = Collection.get_first_root_node().add_child(name=f"Ảnh – {unit.name}")
        groups = {}
        for role, (_label, codenames) in PORTAL_GROUPS.items():
            group = groups[role] = _group(home, role)
            group.permissions.add(admin_access)
            for codename in codenames:
                perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=home, permission=perm)
            for codename in IMAGE_PERMISSIONS:
                perm = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
                GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=perm)
        workflow = Workflow.objects.create(name=f"Duyệt tin – {unit.name}")
        review = GroupApprovalTask.objects.create(name="Biên tập viên duyệt")
        review.groups.set([groups[Role.PORTAL_EDITOR]])
        approve = GroupApprovalTask.objects.create(name="Lãnh đạo phê duyệt")
        approve.groups.set([groups[Role.LEADER]])
        WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=approve, sort_order=1)
        WorkflowPage.objects.create(workflow=workflow, page=home)
        record_audit(
            actor=actor, action=AuditEvent.Action.CREATE, obj=home, verb="portal.create", after={"unit": unit.code}
        )
        page_cache.invalidate()
        for user_id in RoleGrant.objects.filter(role__in=PORTAL_GROUPS).values_list("user_id", flat=True).distinct():
            sync_portal_permissions(_user(user_id))
    return home


def _user(user_id: int) -> User:
    return User.objects.get(pk=user_id)


def wanted_groups(user: User) -> set[int]:
    forget_scope(user)
    wanted: set[int] = set()
    for role in PORTAL_GROUPS:
        for home in policy.homes_for(user, role).select_related("unit"):
            wanted.add(_group(home, role).pk)
    return wanted


def sync_portal_permissions(user: Viewer | None) -> bool:
    """Make the user's portal groups follow their live role grants; True when something changed.

    Called when a portal role is granted and on every Wagtail admin request, so a revoked or expired
    grant loses the admin access at once (the product's grants, not Wagtail's groups, are the truth)."""
    if not isinstance(user, User) or user.is_superuser:
        return False
    wanted = wanted_groups(user)
    current = set(user.groups.filter(name__startswith=GROUP_PREFIX).values_list("pk", flat=True))
    if wanted == current:
        return False
    with transaction.atomic():
        user.groups.remove(*(current - wanted))
        user.groups.add(*(wanted - current))
        record_audit(
            actor=SystemActor(reason="portal"),
            action=AuditEvent.Action.UPDATE,
            obj=user,
            verb="portal.permissions",
            before={"groups": sorted(current)},
            after={"groups": sorted(wanted)},
        )
    return True


def grant_portal_role(*, actor: Actor, user: User, role: str, unit: AdministrativeUnit, **extra: Any) -> RoleGrant:
    """Grant a portal role (or the approving leader's) and the matching Wagtail permissions at once."""
    if role not in PORTAL_GROUPS:
        raise ValidationError({"role": "Vai trò không thuộc cổng tin."})
    require_in_scope(actor, lambda: scope_for(actor).covers_path(unit.scope_path, Role.SECRETARY))
    with transaction.atomic():
        grant = people_services.grant_role(actor=actor, user=user, role=role, unit=unit, **extra)
        sync_portal_permissions(user)
    return grant


# --- Categories, drafts and the workflow --------------------------------------------------------


def create_category(*, actor: Actor, home: PortalHome, title: str, intro: str = "") -> CategoryPage:
    require_in_scope(actor, lambda: policy.can_work_on(actor, home, *policy.EDITOR_ROLES))
    title = normalize_line(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tên chuyên mục."})
    with transaction.atomic(), acting(actor):
        category = CategoryPage(title=title, slug=slugify(anyascii(title)), intro=normalize(intro), live=True)
        home.add_child(instance=category)
        record_audit(actor=actor, action=AuditEvent.Action.CREATE, obj=category, verb="portal.category")
        page_cache.invalidate()
    return category


def create_draft(
    *,
    actor: Actor,
    category: CategoryPage,
    title: str,
    summary: str = "",
    paragraphs: list[str] | None = None,
    date: dt.date | None = None,
    tags: list[str] | None = None,
    source_meeting_id: int | None = None,
) -> ArticlePage:
    """A draft article (never live); it is published only through the workflow or an approver."""
    require_in_scope(actor, lambda: policy.can_work_on(actor, category, *(policy.REPORTER_ROLES + policy.EDITOR_ROLES)))
    title = normalize_line(title)
    if not title:
        raise ValidationError({"title": "Vui lòng nhập tiêu đề."})
    body = [("paragraph", RichText(_paragraph_html(p))) for p in paragraphs or [] if normalize(p)]
    with transaction.atomic(), acting(actor):
        article = ArticlePage(
            title=title,
            slug=_free_slug(category, title),
            summary=normalize(summary),
            body=body,
            live=False,
            source_meeting_id=source_meeting_id,
            **({"date": date} if date else {}),
        )
        category.add_child(instance=article)
        if tags:
            article.tags.add(*[normalize_line(t) for t in tags if normalize_line(t)])
        user = acting_user(actor)
        article.save_revision(user=user)
        record_audit(actor=actor, action=AuditEvent.Action.CREATE, obj=article, verb="portal.draft")
    return article


def _paragraph_html(text: str) -> str:
    from django.utils.html import escape

    return f"<p>{escape(normalize(text))}</p>"


def _free_slug(parent: Page, title: str) -> str:
    base = slugify(anyascii(title))[:70] or "bai-viet"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def submit_for_review(*, actor: Actor, article: ArticlePage) -> Any:
    require(policy.can_work_on(actor, article))
    workflow = article.get_workflow()
    if workflow is None:
        raise ValidationError("Cổng tin chưa có quy trình duyệt.")
    with transaction.atomic(), acting(actor):
        state = workflow.start(article, actor)
        record_audit(actor=actor, action=AuditEvent.Action.UPDATE, obj=article, verb="portal.submit")
    return state


def _current_task(actor: Actor, article: ArticlePage) -> Any:  # a Wagtail TaskState
    require(policy.can_work_on(actor, article))
    article = ArticlePage.objects.get(pk=article.pk)
    task_state = article.current_workflow_task_state
    if task_state is None:
        raise ValidationError("Bài viết không ở bước duyệt nào.")
    actions = {a[0] for a in task_state.task.specific.get_actions(article, actor)}
    if "approve" not in actions:
        raise PermissionDenied("Bạn không duyệt bước này.")
    return task_state


def approve(*, actor: Actor, article: ArticlePage, comment: str = "") -> None:
    """Approve the current step; the last step's approval publishes (audited by the hooks)."""
    with transaction.atomic(), acting(actor):
        _current_task(actor, article).approve(user=actor, comment=normalize(comment))


def reject(*, actor: Actor, article: ArticlePage, comment: str = "") -> None:
    with transaction.atomic(), acting(actor):
        _current_task(actor, article).reject(user=actor, comment=normalize(comment))


def publish(*, actor: Actor, article: ArticlePage) -> None:
    """Publish the latest revision directly: approvers only (and the demo seeder)."""
    require_in_scope(actor, lambda: article.permissions_for_user(actor).can_publish())
    with transaction.atomic(), acting(actor):
        revision = article.get_latest_revision() or article.save_revision()
        revision.publish(user=acting_user(actor))


def unpublish(*, actor: Actor, article: ArticlePage) -> None:
    require_in_scope(actor, lambda: article.permissions_for_user(actor).can_unpublish())
    with transaction.atomic(), acting(actor):
        article.unpublish(user=acting_user(actor))


def add_views(*, actor: Actor, article: ArticlePage, views: int) -> None:
    """Views counted elsewhere (the demo's figures from the seed pages; an import of old counts)."""
    from django.db.models import F

    require_in_scope(actor, lambda: scope_for(actor).is_admin)
    with transaction.atomic():
        ArticlePage.objects.filter(pk=article.pk).update(view_count=F("view_count") + views)
        record_audit(
            actor=actor, action=AuditEvent.Action.UPDATE, obj=article, verb="portal.views", after={"added": views}
        )
