"""Count the spooled article views (run every minute from the scheduler; see sausat.portal.views_count)."""

from django.core.management.base import BaseCommand

from sausat.portal import views_count


class Command(BaseCommand):
    help = "Cộng lượt xem bài viết đã ghi đệm vào cơ sở dữ liệu."

    def handle(self, *args, **options):
        result = views_count.flush()
        self.stdout.write(f"{result['views']} lượt xem mới cho {result['articles']} bài ({result['lines']} dòng đệm).")
