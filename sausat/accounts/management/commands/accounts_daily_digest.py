"""Queue today's digest e-mails (idempotent: a second run the same day queues nothing new)."""

import datetime as dt

from django.core.management.base import BaseCommand

from sausat.accounts.digest import enqueue_daily_digests


class Command(BaseCommand):
    help = "Xếp hàng thư tóm tắt việc cần làm hằng ngày cho người đã đăng ký (mỗi người, mỗi ngày một thư)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day of the digest (YYYY-MM-DD); today in Vietnam by default.")

    def handle(self, *args, **options):
        day = dt.date.fromisoformat(options["date"]) if options["date"] else None
        run = enqueue_daily_digests(day)
        self.stdout.write(f"Ngày {run.day:%d/%m/%Y}: {run.queued} thư tóm tắt trong hàng đợi.")
