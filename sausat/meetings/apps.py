from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "sausat.meetings"
    label = "meetings"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area, signed_in
        from sausat.meetings import policy

        register_area(Area(label=gettext_noop("Hội nghị"), url_name="meetings:index", order=40, visible=signed_in))
        register_history("meetings.meeting", policy.meeting_or_404)
