from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "copportal.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from .registry import register_all

        register_all()
