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

        from copportal import menus

        menus.register(
            "main",
            menus.Entry("meetings", _("Meetings"), "meetings:list", order=10),
            menus.Entry("roadmap", _("Roadmap"), "meetings:roadmap", order=50),
            menus.Entry("liaison-notes", _("Liaison notes"), "meetings:liaison_notes", order=70),
        )
        menus.register("ways-on", menus.Entry("meetings", _("Meetings"), "meetings:list", order=10))
        # The public lists as CSV and JSON (copportal/exports.py).
        from copportal import exports

        from . import exports as meeting_exports
        from .liaison import exports as liaison_exports
        from .roadmap import exports as roadmap_exports

        for table in (meeting_exports.TABLE, liaison_exports.TABLE, roadmap_exports.TABLE):
            exports.register(table)
        # Public pages show meetings, their agendas, notes and themes: cached ones follow.
        pagecache.watch(*self.get_models(include_auto_created=True))
