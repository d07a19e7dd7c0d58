from django.apps import AppConfig


class CadresConfig(AppConfig):
    name = "sausat.cadres"
    label = "cadres"
    verbose_name = "Công tác cán bộ"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.cadres import policy
        from sausat.core.navigation import Area, register_area

        register_area(
            Area(label=gettext_noop("Công tác cán bộ"), url_name="cadres:index", order=55, visible=policy.sees_area)
        )
