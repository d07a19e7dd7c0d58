"""Inbox sources of the news portal (registered in ``PortalConfig.ready``): articles waiting for the
person's review step and readers' comments waiting for moderation."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_noop
from wagtail.models import GroupApprovalTask, TaskState

from sausat.core.inbox import InboxItem, InboxResult, InboxSource, from_queryset, register_inbox_source
from sausat.core.policy import scope_for
from sausat.portal import policy
from sausat.portal.models import CommentStatus


def _reviewable(user):
    """In-progress workflow steps whose approving groups the user belongs to (one query, whatever the
    number of portals; Wagtail's ``reviewable_by`` asks once per task)."""
    qs = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    if scope_for(user).is_admin:
        return qs
    tasks = GroupApprovalTask.objects.filter(active=True, groups__in=user.groups.all())
    return qs.filter(task__in=tasks.values("pk"))


def to_review(user, today: dt.date, limit: int) -> InboxResult:
    """Articles submitted for review waiting at a step the person approves, oldest first (no
    deadline: the list keeps the order of submission)."""
    qs = _reviewable(user).select_related("revision", "task").order_by("started_at", "id")

    def to_item(state: TaskState) -> InboxItem:
        return InboxItem(
            title=Truncator(state.revision.object_str if state.revision_id else "").chars(120),
            url=reverse("wagtailadmin_pages:edit", args=[int(state.workflow_state.object_id)]),
            kind="article_review",
            detail=state.task.name,
        )

    return from_queryset(qs.select_related("workflow_state"), limit, to_item)


def comments(user, today: dt.date, limit: int) -> InboxResult:
    """Readers' comments waiting for moderation on the portals the person moderates."""
    qs = (
        policy.moderated_comments(user)
        .filter(status=CommentStatus.PENDING)
        .select_related("article")
        .order_by("created_at", "id")
    )
    moderation = reverse("portal:moderation")

    def to_item(comment) -> InboxItem:
        return InboxItem(
            title=Truncator(comment.text).chars(120),
            url=moderation,
            kind="comment",
            detail=comment.article.title,
        )

    return from_queryset(qs, limit, to_item)


def _staff(user) -> bool:
    return bool(scope_for(user).roles & set(policy.STAFF_ROLES)) and policy.sees_area(user)


def register() -> None:
    for source in (
        InboxSource(
            key="portal.review",
            label=gettext_noop("Bài viết chờ bạn duyệt"),
            visible=_staff,
            items=to_review,
            order=60,
        ),
        InboxSource(
            key="portal.comments",
            label=gettext_noop("Ý kiến bạn đọc chờ duyệt"),
            # Leaders may moderate too, but day to day it is the editors' work: only their home lists it.
            visible=lambda u: bool(scope_for(u).roles & set(policy.EDITOR_ROLES)) and policy.can_moderate(u),
            items=comments,
            order=62,
            more_url=lambda: reverse("portal:moderation"),
        ),
    ):
        register_inbox_source(source)
