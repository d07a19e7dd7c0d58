from django.apps import AppConfig


class CadresConfig(AppConfig):
    name = "sausat.cadres"
    label = "cadres"
    verbose_name = "Công tác cán bộ"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.cadres import inbox, policy
        from sausat.core.navigation import AccountLink, Area, register_account_link, register_area

        register_area(
            Area(label=gettext_noop("Công tác cán bộ"), url_name="cadres:index", order=55, visible=policy.sees_area)
        )
        register_account_link(
            "cadres:record",
            AccountLink(label=gettext_noop("Hồ sơ cán bộ của tôi"), url=policy.own_record_url, order=10),
        )
        inbox.register()
