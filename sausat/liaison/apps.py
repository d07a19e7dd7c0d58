from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "sausat.liaison"
    label = "liaison"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.core.data_versions import track
        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area, with_role
        from sausat.liaison import inbox, policy
        from sausat.people.models import Role

        register_area(
            Area(
                label=gettext_noop("Theo dõi cơ sở"),
                url_name="liaison:index",
                order=60,
                visible=with_role(Role.LEADER, Role.SECRETARY, Role.LIAISON, Role.COMMUNE_CADRE),
            )
        )
        inbox.register()
        # The coverage dashboard's tables are cached until one of these changes (dashboard_selectors.DATA;
        # "people" and "calendar" are tracked by directives too: tracking is idempotent).
        track("liaison.", key="liaison")
        track("people.", key="people")
        track("geo.", key="geo")
        track("core.calendarday", key="calendar")
        track("core.datedsetting", key="settings")
        register_history("liaison.activity", policy.activity_or_404)
        register_history("liaison.situationreport", policy.report_or_404)
        register_history("liaison.assignmentdecision", policy.office_decision_or_404)
