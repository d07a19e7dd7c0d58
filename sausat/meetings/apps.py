from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "sausat.meetings"
    label = "meetings"
