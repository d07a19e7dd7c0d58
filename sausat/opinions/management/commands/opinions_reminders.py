"""Send today's answer-deadline and petition reminders (idempotent: safe to run again)."""

from sausat.core.management.reminder_command import ReminderCommand
from sausat.opinions.reminders import ReminderRun, reminders_job, run_reminders


class Command(ReminderCommand):
    help = "Nhắc hạn trả lời ý kiến và hạn cấp trên trả lời kiến nghị (mỗi hạn, mỗi ngày một lần)."
    run_reminders = staticmethod(run_reminders)
    reminders_job = reminders_job

    def summary(self, run: ReminderRun) -> str:
        return (
            f"Ngày {run.day:%d/%m/%Y}: {run.deadlines} hạn trả lời, {run.petitions} kiến nghị, "
            f"{run.notifications} thông báo mới, {run.skipped} đã nhắc trước đó."
        )
