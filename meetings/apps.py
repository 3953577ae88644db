from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from copportal import pagecache
        from copportal.audit import registry as audit

        from .audited import AUDITED

        audit.register(*AUDITED)
        # Public pages show meetings, their agendas, notes and themes: cached ones follow.
        pagecache.watch(*self.get_models(include_auto_created=True))
