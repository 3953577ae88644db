from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from copportal.audit import registry as audit

        from .audited import AUDITED

        audit.register(*AUDITED)
