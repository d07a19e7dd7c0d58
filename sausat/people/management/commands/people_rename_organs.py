"""``manage.py people_rename_organs [--apply] [--unit CODE]``: bring bodies seeded from an older
template to the template's current name (e.g. "Tỉnh ủy Cần Thơ" → "Thành ủy Cần Thơ"), audited.
Without ``--apply`` it only lists what would change."""

from django.core.management.base import BaseCommand

from sausat.core.actors import SystemActor
from sausat.geo.models import AdministrativeUnit
from sausat.people import services
from sausat.people.models import Organ


class Command(BaseCommand):
    help = "Đổi tên các cơ quan theo mẫu tên hiện hành (chỉ liệt kê nếu không có --apply)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Đổi tên thật (ghi nhật ký).")
        parser.add_argument("--unit", help="Chỉ đơn vị có mã này.")

    def handle(self, *args, **options):
        units = AdministrativeUnit.objects.filter(pk__in=Organ.objects.exclude(key="").values("unit_id"))
        if options["unit"]:
            units = units.filter(code=options["unit"])
        actor = SystemActor(reason="people_rename_organs")
        total = 0
        for unit in units.order_by("code"):
            for organ, name in services.rename_organs_to_template(actor=actor, unit=unit, apply=options["apply"]):
                total += 1
                self.stdout.write(f"{unit.code}: {organ.name} → {name}")
        verb = "Đã đổi tên" if options["apply"] else "Sẽ đổi tên (chạy lại với --apply)"
        self.stdout.write(f"{verb}: {total} cơ quan")
