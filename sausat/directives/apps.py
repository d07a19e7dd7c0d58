from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "sausat.directives"
    label = "directives"
    verbose_name = "Kết luận, chỉ đạo và nhiệm vụ"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.core.data_versions import track
        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area, with_role
        from sausat.directives import history_labels, inbox, opinion_hooks, policy, references, reminders  # noqa: F401  (reminders job)
        from sausat.people.models import Role

        register_area(
            Area(
                label=gettext_noop("Nhiệm vụ"),
                url_name="directives:index",
                order=50,
                visible=with_role(Role.LEADER, Role.SECRETARY, Role.RESPONDER, Role.COMMUNE_CADRE),
            )
        )
        inbox.register()
        history_labels.register()  # how its objects' histories read (core.timeline)
        # The quarter's figures on the home page are cached until one of these changes (figures.py).
        track("directives.", key="directives")
        track("people.", key="people")
        track("core.calendarday", key="calendar")
        opinion_hooks.register()
        references.register()  # tasks as links for liaison's "cầu nối" activities (core.references)
        register_history("directives.task", policy.task_or_404)
        register_history("directives.directingdocument", policy.document_or_404)
