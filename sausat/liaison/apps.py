from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "sausat.liaison"
    label = "liaison"
