"""``manage.py opinions_flush_anonymous [--all]``: write the anonymous opinions whose batch is due.

Run it from cron (e.g. every 15 minutes): a meeting's held anonymous submissions become opinions
when a batch is full (done at once by the submission that fills it), when the day they came in is
over, or when the meeting stops taking opinions. See sausat/opinions/anonymity.py.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from sausat.opinions.services import flush_anonymous


class Command(BaseCommand):
    help = "Ghi các ý kiến ẩn danh đã đủ lô (theo ngày, khi hội nghị thôi nhận ý kiến, hoặc --all: tất cả)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Flush every held submission, due or not.")

    def handle(self, *args, **opts):
        n = flush_anonymous(everything=opts["all"])
        self.stdout.write(f"{n} anonymous opinion(s) written")
