from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "sausat.opinions"
    label = "opinions"
