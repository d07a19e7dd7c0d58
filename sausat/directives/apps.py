from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "sausat.directives"
    label = "directives"
    verbose_name = "Kết luận, chỉ đạo và nhiệm vụ"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area, signed_in
        from sausat.directives import policy, reminders  # noqa: F401  (registers the reminders job)

        register_area(Area(label=gettext_noop("Nhiệm vụ"), url_name="directives:index", order=50, visible=signed_in))
        register_history("directives.task", policy.task_or_404)
        register_history("directives.directingdocument", policy.document_or_404)
