from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "sausat.geo"
    label = "geo"

    def ready(self):
        from sausat.core.navigation import Area, register_area
        from sausat.core.policy import register_unit_model
        from sausat.geo.models import AdministrativeUnit

        register_unit_model(AdministrativeUnit)

        register_area(Area(label="Địa bàn", url_name="geo:index", order=20))
