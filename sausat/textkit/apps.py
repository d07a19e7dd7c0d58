from django.apps import AppConfig


class TextkitConfig(AppConfig):
    """The Vietnamese text package. It is an app only for its vector cache table; it imports no other
    sausat package (see docs/architecture.md), so its features appear on the pages of the apps that
    own the data (meetings: article import; opinions: grouping suggestions)."""

    name = "sausat.textkit"
    label = "textkit"
