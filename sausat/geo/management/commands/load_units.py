import time

from django.core.management.base import BaseCommand

from sausat.geo.loader import load_units


class Command(BaseCommand):
    help = "Load or refresh Vietnam's administrative units (current and pre-2025) from vietnam-provinces."

    def add_arguments(self, parser):
        parser.add_argument("--no-legacy", action="store_true", help="Skip the pre-1/7/2025 units.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        report = load_units(include_legacy=not options["no_legacy"])
        elapsed = time.perf_counter() - started
        for warning in report.warnings:
            self.stderr.write(f"cảnh báo: {warning}")
        self.stdout.write(
            f"Đơn vị hành chính: {report.created} tạo mới, {report.updated} cập nhật, "
            f"{report.successions} liên kết kế thừa ({elapsed:.1f} s)."
        )
