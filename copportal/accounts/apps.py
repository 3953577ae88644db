from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "copportal.accounts"
    label = "accounts"
    verbose_name = "Accounts and organizations"
