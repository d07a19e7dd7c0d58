import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from sausat.geo.models import DivisionType, Level
from sausat.geo.selectors import unit_counts


class Command(BaseCommand):
    help = "Print unit counts by level and type for today, or for the date given with --on YYYY-MM-DD."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="Date (YYYY-MM-DD or DD/MM/YYYY).")

    def handle(self, *args, **options):
        day = dt.date.today()  # noqa: DTZ011
        if options["on"]:
            for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
                try:
                    day = dt.datetime.strptime(options["on"], fmt).date()  # noqa: DTZ007
                    break
                except ValueError:
                    continue
            else:
                raise CommandError("Ngày không hợp lệ; dùng YYYY-MM-DD hoặc DD/MM/YYYY.")
        counts = unit_counts(day)
        self.stdout.write(f"Đơn vị hành chính hiệu lực ngày {day:%d/%m/%Y}")
        for level in Level:
            total = counts["by_level"].get(level.label, 0)
            if not total:
                continue
            self.stdout.write(f"{level.label}: {total}")
            for (lvl, division_type), n in sorted(counts["by_type"].items()):
                if lvl == level:
                    self.stdout.write(f"  {DivisionType(division_type).label}: {n}")
