"""Background tasks of accounts: the daily e-mail digest (see sausat.accounts.digest)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from sausat.core.jobs import labelled


@task
@labelled("Gửi thư tóm tắt việc cần làm hằng ngày")
def daily_digest(*, user_id: int, day: str) -> dict:
    from sausat.accounts.digest import send_digest

    return {"sent": send_digest(user_id, dt.date.fromisoformat(day))}
