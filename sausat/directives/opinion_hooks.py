"""directives' part in the opinions flows, through the hooks opinions declares (:mod:`sausat.opinions.hooks`)."""

from __future__ import annotations

from sausat.opinions.hooks import register_direction_handler, register_linked_reader


def register() -> None:
    from sausat.directives.opinion_task_services import create_task_from_opinion
    from sausat.directives.selectors import any_task_from_opinion, tasks_from_opinion

    register_direction_handler("directives.task", create_task_from_opinion)
    # The opinion page's task list: directives' own selector, scoped by directives' policy.
    register_linked_reader("tasks", tasks_from_opinion, exists=any_task_from_opinion, data=("directives",))
