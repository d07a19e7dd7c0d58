from django.apps import AppConfig


class TextkitConfig(AppConfig):
    name = "sausat.textkit"
    label = "textkit"
