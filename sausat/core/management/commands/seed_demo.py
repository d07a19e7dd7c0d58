from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Create the demo data from the seed articles (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        from sausat.core.services import seed_calendar

        self.stdout.write(f"Lịch nghỉ được công bố: {seed_calendar()} ngày mới.")
        for dotted in settings.SAUSAT_DEMO_SEEDERS:
            for line in import_string(dotted)():
                self.stdout.write(line)
