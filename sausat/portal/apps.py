from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sausat.portal"
    label = "portal"
    verbose_name = "Cổng thông tin"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Wagtail's publish/unpublish/approve/reject signals, delegated to our audited services.
        from sausat.portal import hooks, inbox  # noqa: F401

        inbox.register()
