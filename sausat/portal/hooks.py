"""Wagtail's editorial events, delegated to our audited services.

Wagtail sends these signals inside its own transaction (workflow approve/reject/finish are atomic;
admin writes are wrapped by :class:`sausat.portal.middleware.PortalAdminMiddleware`; our services
wrap publish/unpublish themselves), so the audit row commits with the change or not at all.
"""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, task_approved, task_rejected

from sausat.portal import services


@receiver(page_published)
def _published(sender, instance, revision=None, **kwargs):
    services.on_page_event(page=instance, verb="portal.publish")


@receiver(page_unpublished)
def _unpublished(sender, instance, **kwargs):
    services.on_page_event(page=instance, verb="portal.unpublish")


@receiver(task_approved)
def _approved(sender, instance, user=None, **kwargs):
    services.on_page_event(
        page=instance.workflow_state.content_object, verb="portal.approve", user=user, task=instance.task.name
    )


@receiver(task_rejected)
def _rejected(sender, instance, user=None, **kwargs):
    services.on_page_event(
        page=instance.workflow_state.content_object, verb="portal.reject", user=user, task=instance.task.name
    )
