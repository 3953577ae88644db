from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "copportal"
    verbose_name = _("CWG-COP Portal")

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            pagecache,
        )
        from .accounts.models import Organization
        from .content import use_shown_descriptors

        # modeltranslation (first in INSTALLED_APPS) has registered every translation.py.
        use_shown_descriptors()
        # Organizations' names are on public pages: cached ones follow their changes.
        pagecache.watch(Organization)
