"""``manage.py portal_refresh_related``: recompute every portal's related-article lists (after an import)."""

from django.core.management.base import BaseCommand

from sausat.portal.models import PortalHome
from sausat.portal.related import refresh_related


class Command(BaseCommand):
    help = "Tính lại danh sách tin liên quan của mọi cổng tin."

    def handle(self, *args, **options):
        for home in PortalHome.objects.all():
            changed = refresh_related(home)
            self.stdout.write(f"{home.title}: {changed} bài viết được cập nhật tin liên quan")
