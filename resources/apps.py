from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self):
        from copportal import sections as slots
        from copportal.audit import registry as audit

        from . import sections
        from .audited import AUDITED

        audit.register(*AUDITED)
        slots.register("contributions.detail", "resources", sections.contribution_resources)

        # The library and the helplines as CSV and JSON (copportal/exports.py).
        from copportal import exports

        from .exports.lists import HELPLINES, LIBRARY

        exports.register(LIBRARY)
        exports.register(HELPLINES)
