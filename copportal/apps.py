from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "copportal"
    verbose_name = "CWG-COP Portal"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
