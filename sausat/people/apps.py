from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sausat.people"
    label = "people"

    def ready(self):
        from sausat.core.history import register_history
        from sausat.core.navigation import Area, register_area
        from sausat.people import policy

        register_area(Area(label="Cán bộ", url_name="people:directory", order=30))
        register_history("people.person", policy.person_or_404)
        register_history("people.organ", policy.organ_or_404)
