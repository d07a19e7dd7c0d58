"""Who may work on which portal, and what readers may see.

A portal's editorial scope is its province's unit subtree: portal reporters, portal editors and the
province's leaders (who give the final approval) act only in the trees of the units their grants
cover. Anything outside answers 404 exactly like a missing page or comment.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from sausat.core.policy import get_or_404, scope_for, unit_q
from sausat.people.models import Role
from sausat.portal.models import ArticlePage, CategoryPage, Comment, PortalHome

REPORTER_ROLES = (Role.PORTAL_REPORTER,)
EDITOR_ROLES = (Role.PORTAL_EDITOR,)
APPROVER_ROLES = (Role.LEADER,)
STAFF_ROLES = REPORTER_ROLES + EDITOR_ROLES + APPROVER_ROLES
# Moderating reader comments is the editors' and the leaders' work.
MODERATOR_ROLES = EDITOR_ROLES + APPROVER_ROLES


def homes_for(user, *roles: str) -> QuerySet[PortalHome]:
    """Portal homes whose province the user's grants (of ``roles``) cover."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return PortalHome.objects.none()
    if scope.is_admin:
        return PortalHome.objects.all()
    return PortalHome.objects.filter(unit_q(scope, "unit", *(roles or STAFF_ROLES)))


def home_of(page: Page) -> PortalHome | None:
    """The portal a page belongs to (itself for a home); None for the root."""
    return (
        PortalHome.objects.filter(path__startswith=page.path[: PortalHome.steplen * 3]).first()
        if page.depth >= 3
        else None
    )


def can_work_on(user, page: Page, *roles: str) -> bool:
    home = home_of(page)
    if home is None:
        return scope_for(user).is_admin
    return homes_for(user, *roles).filter(pk=home.pk).exists()


def moderated_comments(user) -> QuerySet[Comment]:
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Comment.objects.none()
    if scope.is_admin:
        return Comment.objects.all()
    return Comment.objects.filter(unit_q(scope, "unit", *MODERATOR_ROLES))


def can_moderate(user) -> bool:
    return homes_for(user, *MODERATOR_ROLES).exists()


def can_draft(user) -> bool:
    return homes_for(user, *(REPORTER_ROLES + EDITOR_ROLES)).exists()


def sees_area(user) -> bool:
    return user is not None and user.is_authenticated and homes_for(user).exists()


# --- Readers: live pages only -----------------------------------------------------------------


def live_articles(root: Page | None = None) -> QuerySet[ArticlePage]:
    qs = ArticlePage.objects.live().public()
    if root is not None:
        qs = qs.descendant_of(root)
    return qs


def live_category_or_404(pk) -> CategoryPage:
    return get_or_404(CategoryPage.objects.live().public(), pk=pk)


def open_article_or_404(pk) -> ArticlePage:
    return get_or_404(live_articles(), pk=pk)
