from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "copportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organizations")

    def ready(self):
        from copportal import menus, pagecache

        from .models import Classification, Organization

        # Cached public pages name organizations and count them by classification (the
        # statistics); users and affiliations change no public page.
        pagecache.watch(Organization, Classification, Organization.classifications.through)

        menus.register(
            "main",
            menus.Entry(
                "affiliations",
                _("Affiliations"),
                "accounts:affiliation_queue",
                order=80,
                permission="accounts.review_affiliations",
                current=False,
            ),
        )
        menus.register(
            "account",
            menus.Entry(
                "me", _("My account"), "accounts:me", order=20, signed_in=True, current=False
            ),
        )
