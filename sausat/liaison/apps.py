from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "sausat.liaison"
    label = "liaison"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area, signed_in
        from sausat.liaison import policy

        register_area(Area(label=gettext_noop("Theo dõi cơ sở"), url_name="liaison:index", order=60, visible=signed_in))
        register_history("liaison.activity", policy.activity_or_404)
        register_history("liaison.situationreport", policy.report_or_404)
        register_history("liaison.assignmentdecision", policy.office_decision_or_404)
