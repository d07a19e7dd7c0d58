"""List or change the dated settings (thresholds with their basis, docs/rules.md).

    manage.py dated_setting list [--on 2026-01-15] [--unit p92]
    manage.py dated_setting docs   # the table of docs/rules.md
    manage.py dated_setting set opinions.answer_period '{"amount": 15, "unit": "working_days"}' \
        --from 2026-01-01 --basis "Quy chế 05-QC/TU ngày 02/01/2026" [--unit p92] [--to 2026-12-31]
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sausat.core import dated_rules
from sausat.core.actors import SystemActor
from sausat.core.calendar import local_date
from sausat.core.setting_services import do_set_dated_setting


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {value} (dạng YYYY-MM-DD).") from exc


def _unit(code: str | None):
    if not code:
        return None
    from sausat.core.models import DatedSetting

    units = DatedSetting._meta.get_field("unit").related_model  # geo's units (core does not import geo)
    unit = units.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"Không có đơn vị mã {code}.")
    return unit


class Command(BaseCommand):
    help = "Xem hoặc đặt các ngưỡng, thời hạn áp dụng (có ngày hiệu lực và căn cứ)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("list", help="Giá trị đang áp dụng.")
        show.add_argument("--on", help="Ngày xét (YYYY-MM-DD), mặc định hôm nay.")
        show.add_argument("--unit", help="Mã đơn vị (tỉnh) để xem giá trị riêng.")
        sub.add_parser("docs", help="In bảng thiết lập cho docs/rules.md.")
        put = sub.add_parser("set", help="Đặt giá trị từ một ngày.")
        put.add_argument("key")
        put.add_argument("value", help="Giá trị JSON, cùng dạng với giá trị mặc định.")
        put.add_argument("--from", dest="valid_from", required=True)
        put.add_argument("--to", dest="valid_to")
        put.add_argument("--basis", required=True, help=f"Căn cứ, hoặc '{dated_rules.PRODUCT_DEFAULT}'.")
        put.add_argument("--unit", help="Mã tỉnh (bỏ trống: cả nước).")
        put.add_argument("--note", default="")

    def handle(self, *args, **options):
        if options["action"] == "docs":
            self.stdout.write(dated_rules.registry_markdown(), ending="")
            return
        unit = _unit(options.get("unit"))
        if options["action"] == "list":
            from django.utils import timezone

            on = _date(options["on"]) if options.get("on") else local_date(timezone.now())
            for key in dated_rules.setting_keys():
                try:
                    s = dated_rules.setting_for(key, on=on, unit=unit)
                except dated_rules.NoSetting:
                    self.stdout.write(f"{key}: (không áp dụng ngày {on:%d/%m/%Y})")
                    continue
                self.stdout.write(f"{key}: {s.label} (từ {s.valid_from:%d/%m/%Y})")
            return
        try:
            value = json.loads(options["value"])
        except json.JSONDecodeError as exc:
            raise CommandError(f"Giá trị không phải JSON: {exc}") from exc
        try:
            row = do_set_dated_setting(
                actor=SystemActor(reason="dated_setting"),
                key=options["key"],
                value=value,
                valid_from=_date(options["valid_from"]),
                valid_to=_date(options["valid_to"]) if options.get("valid_to") else None,
                basis=options["basis"],
                unit=unit,
                note=options["note"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        self.stdout.write(
            f"Đã lưu {row.key} từ {row.valid_from:%d/%m/%Y}: {json.dumps(row.value, ensure_ascii=False)}."
        )
