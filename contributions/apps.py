from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Contributions")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from copportal import pagecache
        from copportal.accounts.models import Organization
        from meetings.agenda import numbering
        from meetings.models import Meeting, Theme

        from .choices import forget_filter_choices, forget_organization_choices
        from .models import Contribution

        # What the agenda does with contributions, from the groups on our Status enum: the
        # builder's check before a release and the release itself both ask this rule.
        Status = Contribution.Status
        numbering.register_contribution_rule(
            numbering.ContributionRule(
                listed=Status.LISTED_FOR_THE_AGENDA,
                released=Status.ON_THE_AGENDA,
                expected=Status.FOR_THE_AGENDA,
                left_out=Status.LEFT_OFF_THE_AGENDA,
            )
        )

        pagecache.watch(*self.get_models(include_auto_created=True))  # cached pages follow

        # The cached lists of organizations (the Source picker), meetings and themes (the
        # list's filters) follow every change.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_organization_choices, sender=Organization, dispatch_uid=f"orgs-{signal}"
            )
            for model in (Meeting, Theme):
                signal.connect(
                    forget_filter_choices,
                    sender=model,
                    dispatch_uid=f"filters-{model.__name__}-{signal}",
                )
