from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self):
        from copportal import menus
        from copportal import sections as slots
        from copportal.audit import registry as audit

        from . import sections
        from .audited import AUDITED

        audit.register(*AUDITED)
        slots.register("contributions.detail", "resources", sections.contribution_resources)
        menus.register("main", menus.Entry("library", _("Library"), "resources:list", order=60))
        menus.register(
            "footer",
            menus.Entry(
                "helplines",
                _("Child helplines: where to find help"),
                "resources:helplines",
                order=10,
            ),
            menus.Entry("library", _("Resource library"), "resources:list", order=20),
        )
