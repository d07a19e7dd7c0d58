"""directives' part in the opinions flows, through the hooks opinions declares (:mod:`sausat.opinions.hooks`)."""

from __future__ import annotations

from sausat.opinions.hooks import register_direction_handler, register_linked_reader


def tasks_from_opinion(user, opinion, limit: int) -> list:
    from sausat.directives.policy import visible_tasks

    return list(visible_tasks(user).filter(source_opinion=opinion).order_by("pk")[:limit])


def register() -> None:
    from sausat.directives.services import create_task_from_opinion

    register_direction_handler("directives.task", create_task_from_opinion)
    register_linked_reader("tasks", tasks_from_opinion)
