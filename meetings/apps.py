from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from copportal.audit import registry as audit

        from .audited import AUDITED

        audit.register(*AUDITED)

        # The public lists as CSV and JSON (copportal/exports.py).
        from copportal import exports

        from . import exports as meeting_exports
        from .liaison import exports as liaison_exports
        from .roadmap import exports as roadmap_exports

        for table in (meeting_exports.TABLE, liaison_exports.TABLE, roadmap_exports.TABLE):
            exports.register(table)
