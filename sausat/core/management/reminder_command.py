"""The shape every ``<app>_reminders`` command shares: send today's reminders now, or queue the job.

A subclass names its app's reminder run and job and says what a run did::

    class Command(ReminderCommand):
        help = "Nhắc hạn …"
        run_reminders = staticmethod(reminders.run_reminders)  # (now=, before=, overdue=) -> a run
        reminders_job = reminders.reminders_job                 # the django.tasks task for --enqueue

        def summary(self, run) -> str: ...

Flags: ``--date YYYY-MM-DD`` (as of that day, 08:00 Vietnam time), ``--before N`` (working days
before the deadline), ``--no-overdue``, ``--enqueue`` (queue the job for the worker instead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand
from django.tasks import Task

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ
from sausat.core.jobs import enqueue


class ReminderCommand(BaseCommand):
    run_reminders: Callable[..., Any]
    reminders_job: Task

    def summary(self, run: Any) -> str:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as of this day (YYYY-MM-DD, Vietnam time 08:00).")
        parser.add_argument("--before", type=int, default=None, help="Working days before the deadline.")
        parser.add_argument("--no-overdue", action="store_true", help="Do not send overdue reminders.")
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the worker instead.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            # The command's own name (e.g. "opinions_reminders") says who queued the job.
            job = enqueue(self.reminders_job, actor=SystemActor(reason=self.__module__.rsplit(".", 1)[-1]))
            self.stdout.write(f"Đã xếp hàng việc nhắc hạn #{job.pk}.")
            return
        now = None
        if options["date"]:
            day = dt.date.fromisoformat(options["date"])
            now = dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=VN_TZ)
        run = self.run_reminders(now=now, before=options["before"], overdue=False if options["no_overdue"] else None)
        self.stdout.write(self.summary(run))
