from django.apps import AppConfig


def _is_secretary(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    from sausat.core.policy import scope_for
    from sausat.people.models import Role

    return scope_for(user).has_role(Role.SECRETARY)


class TextkitConfig(AppConfig):
    name = "sausat.textkit"
    label = "textkit"

    def ready(self):
        from django.utils.translation import gettext_noop

        from sausat.core.navigation import Area, register_area
        from sausat.textkit import services  # noqa: F401  (registers the textkit.suggest_groups job)

        register_area(
            Area(label=gettext_noop("Nhập từ bài báo"), url_name="textkit:index", order=45, visible=_is_secretary)
        )
