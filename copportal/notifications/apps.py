from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "copportal.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from copportal import menus

        menus.register(
            "main",
            menus.Entry(
                "mail-log",
                _("Mail log"),
                "notifications:log",
                order=90,
                permission="notifications.view_log",
            ),
        )
