from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sausat.core"
    label = "core"
