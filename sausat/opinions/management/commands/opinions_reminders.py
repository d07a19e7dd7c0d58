"""Send today's answer-deadline and petition reminders (idempotent: safe to run again)."""

import datetime as dt

from django.core.management.base import BaseCommand

from sausat.core.calendar import VN_TZ
from sausat.opinions.reminders import run_reminders


class Command(BaseCommand):
    help = "Nhắc hạn trả lời ý kiến và hạn cấp trên trả lời kiến nghị (mỗi hạn, mỗi ngày một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as of this day (YYYY-MM-DD, Vietnam time 08:00).")
        parser.add_argument("--before", type=int, default=None, help="Working days before the deadline.")
        parser.add_argument("--no-overdue", action="store_true", help="Do not send overdue reminders.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the worker instead.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            from sausat.core.actors import SystemActor
            from sausat.core.jobs import enqueue
            from sausat.opinions.reminders import reminders_job

            job = enqueue(reminders_job, actor=SystemActor(reason="opinions_reminders"))
            self.stdout.write(f"Đã xếp hàng việc nhắc hạn #{job.pk}.")
            return
        now = None
        if options["date"]:
            day = dt.date.fromisoformat(options["date"])
            now = dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=VN_TZ)
        run = run_reminders(now=now, before=options["before"], overdue=False if options["no_overdue"] else None)
        self.stdout.write(
            f"Ngày {run.day:%d/%m/%Y}: {run.deadlines} hạn trả lời, {run.petitions} kiến nghị, "
            f"{run.notifications} thông báo mới, {run.skipped} đã nhắc trước đó."
        )
