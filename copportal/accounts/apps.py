from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "copportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organizations")

    def ready(self):
        from copportal import menus

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
