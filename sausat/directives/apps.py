from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "sausat.directives"
    label = "directives"
