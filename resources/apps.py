from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self):
        from copportal import pagecache
        from copportal import sections as slots
        from copportal.audit import registry as audit

        from . import sections
        from .audited import AUDITED

        audit.register(*AUDITED)
        pagecache.watch(*self.get_models(include_auto_created=True))  # cached pages follow
        slots.register("contributions.detail", "resources", sections.contribution_resources)
