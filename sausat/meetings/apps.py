from django.apps import AppConfig


def _is_secretary(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    from sausat.core.policy import scope_for
    from sausat.people.models import Role

    return scope_for(user).has_role(Role.SECRETARY)


class MeetingsConfig(AppConfig):
    name = "sausat.meetings"
    label = "meetings"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area, signed_in
        from sausat.meetings import policy

        register_area(Area(label=gettext_noop("Hội nghị"), url_name="meetings:index", order=40, visible=signed_in))
        register_area(
            Area(label=gettext_noop("Nhập từ bài báo"), url_name="articles:import", order=45, visible=_is_secretary)
        )
        register_history("meetings.meeting", policy.meeting_or_404)
