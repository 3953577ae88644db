from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Contributions")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from copportal.accounts.models import Organization

        from .forms import forget_organization_choices

        # The cached list of organizations (the Source picker) follows every change.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_organization_choices, sender=Organization, dispatch_uid=f"orgs-{signal}"
            )
