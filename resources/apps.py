from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self):
        from copportal import menus, pagecache
        from copportal import sections as slots
        from copportal.audit import registry as audit
        from meetings import providers

        from . import sections
        from .audited import AUDITED

        audit.register(*AUDITED)
        pagecache.watch(*self.get_models(include_auto_created=True))  # cached pages follow
        slots.register("contributions.detail", "resources", sections.contribution_resources)
        # What meetings show and ask of the library: meetings know nothing of it.
        providers.register_page_flag("has_records", sections.meeting_records_rows)
        providers.register_theme_use("resources", lambda theme: theme.resources.count())
        slots.register("meetings.detail.record", "resources", sections.meeting_record)
        slots.register("meetings.agenda.record", "resources", sections.agenda_record)
        slots.register("meetings.theme", "resources", sections.theme_resources)
        slots.register(
            "contributions.officer_links", "country-entries", sections.country_entry_queue
        )
        menus.register(
            "main",
            menus.Entry("library", _("Library"), "resources:list", order=60),
            menus.Entry("countries", _("Countries"), "resources:countries:list", order=65),
        )
        menus.register(
            "footer",
            menus.Entry(
                "helplines",
                _("Child helplines: where to find help"),
                "resources:helplines",
                order=10,
            ),
            menus.Entry("library", _("Resource library"), "resources:list", order=20),
            menus.Entry("statistics", _("Statistics"), "resources:statistics", order=30),
            menus.Entry("open-data", _("Open data"), "resources:data", order=40),
        )

        # The library and the helplines as CSV and JSON (copportal/exports.py).
        from copportal import exports

        from .exports.lists import HELPLINES, LIBRARY

        exports.register(LIBRARY)
        exports.register(HELPLINES)
