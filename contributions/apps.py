from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Contributions")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from copportal import exports, menus, pagecache
        from copportal import sections as slots
        from copportal.accounts.models import Organization
        from meetings import providers
        from meetings.agenda import numbering
        from meetings.models import Meeting, Theme

        from . import exports as contribution_exports
        from . import meeting_parts as parts
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
        # What meetings show and read of their contributions: meetings know none of them.
        providers.register_agenda_documents(parts.AGENDA_DOCUMENTS)
        providers.register_theme_use("contributions", lambda theme: theme.contributions.count())
        slots.register("meetings.detail.documents", "contributions", parts.meeting_documents)
        slots.register("meetings.detail.submission", "contributions", parts.meeting_submission)
        slots.register("meetings.detail.downloads", "contributions", parts.meeting_archives)
        slots.register("meetings.theme", "contributions", parts.theme_contributions)

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

        menus.register(
            "main",
            menus.Entry("contributions", _("Contributions"), "contributions:list", order=20),
            menus.Entry(
                "submit",
                _("Submit"),
                "contributions:submit",
                order=30,
                permission="contributions.add_contribution",
                signed_in=True,
            ),
            menus.Entry(
                "desk",
                _("Desk"),
                "contributions:desk",
                order=40,
                permission="contributions.use_desk",
                signed_in=True,
            ),
        )
        menus.register(
            "account",
            menus.Entry(
                "dashboard", _("Dashboard"), "contributions:mine", order=10, signed_in=True
            ),
        )
        menus.register(
            "ways-on",
            menus.Entry("contributions", _("Contributions"), "contributions:list", order=20),
        )
        # The public list as CSV and JSON (copportal/exports.py).
        exports.register(contribution_exports.TABLE)
