"""manage.py import_article FILE [--save --confirm --as USERNAME]: propose a meeting record from an article."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sausat.core.actors import Actor, SystemActor
from sausat.textkit.articles import parse_article


class Command(BaseCommand):
    help = "Đọc bài báo về một hội nghị và đề xuất biên bản (JSON). --save --confirm để lưu thành hội nghị."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--save", action="store_true", help="Lưu thành hội nghị (cần --confirm).")
        parser.add_argument("--confirm", action="store_true", help="Xác nhận đã kiểm tra bản đề xuất.")
        parser.add_argument("--as", dest="username", default="", help="Tài khoản ghi nhận thao tác (nhật ký).")
        parser.add_argument("--unit", default="", help="Mã đơn vị hành chính, thay cho tỉnh đọc được.")

    def handle(self, *args, file, save=False, confirm=False, username="", unit="", **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}")
        record = parse_article(path.read_text(encoding="utf-8", errors="replace"))
        data = record.as_json()
        for warning in record.warnings:
            self.stderr.write(warning)
        if not save:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        from sausat.meetings.article_import import match_persons, province_unit_code, save_meeting

        data["province_unit"] = unit or province_unit_code(record.province, record.meeting_date)
        matches = match_persons(record)
        data["person_matches"] = matches
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
        if not confirm:
            raise CommandError("Chưa lưu: hãy kiểm tra bản đề xuất rồi chạy lại với --save --confirm.")
        if not data["province_unit"]:
            raise CommandError("Chưa lưu: không xác định được tỉnh; dùng --unit MÃ_ĐƠN_VỊ.")
        actor: Actor = SystemActor(reason="import_article")
        if username:
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Không có tài khoản {username}")
            actor = user
        chair_ids = [ids[0] for p in record.chairs if len(ids := matches.get(p.name, [])) == 1]
        try:
            meeting = save_meeting(actor=actor, record=record, unit_code=data["province_unit"], chair_ids=chair_ids)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Đã tạo hội nghị #{meeting.pk}: {meeting.title}")
