"""List what risks being forgotten ("không để sót nhiệm vụ"), as the office sees it."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sausat.directives.selectors import no_task_missed


class Command(BaseCommand):
    help = "Rà soát: văn bản chưa giao nhiệm vụ, nhiệm vụ thiếu chủ trì/thời hạn, lâu không báo cáo, quá hạn chưa xin gia hạn, định kỳ thiếu kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Days without a progress report.")
        parser.add_argument("--user", help="See as this user (default: a superuser, i.e. everything).")
        parser.add_argument("--fail", action="store_true", help="Exit with status 1 when anything is found.")

    def handle(self, *args, **options):
        User = get_user_model()
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có tài khoản {options['user']}.")
        else:
            user = User(username="directives_check", is_superuser=True, is_active=True)
            user.pk = 0
        report = no_task_missed(user, silent_days=options["days"])
        for _key, label, items in report.sections():
            self.stdout.write(f"{label}: {len(items)}")
            for obj in items:
                title = getattr(obj, "title", str(obj))
                organ = getattr(getattr(obj, "lead_organ", None), "name", "")
                self.stdout.write(f"  #{obj.pk} {title}" + (f" — {organ}" if organ else ""))
        self.stdout.write(f"Tổng: {report.total} mục cần xử lý.")
        if options["fail"] and report.total:
            raise SystemExit(1)
