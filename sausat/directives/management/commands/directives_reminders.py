"""Send today's deadline reminders (idempotent: safe to run again, or after a crash)."""

from sausat.core.management.reminder_command import ReminderCommand
from sausat.directives.reminders import ReminderRun, reminders_job, run_reminders


class Command(ReminderCommand):
    help = "Nhắc hạn nhiệm vụ: trước hạn N ngày làm việc và mỗi ngày quá hạn (mỗi nhiệm vụ, mỗi ngày một lần)."
    run_reminders = staticmethod(run_reminders)
    reminders_job = reminders_job

    def summary(self, run: ReminderRun) -> str:
        return (
            f"Ngày {run.day:%d/%m/%Y}: {run.tasks} nhiệm vụ, {run.notifications} thông báo mới, "
            f"{run.skipped} đã nhắc trước đó."
        )
