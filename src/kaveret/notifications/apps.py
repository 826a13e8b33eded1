from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "kaveret.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .selectors import warm_unread_count

        user_logged_in.connect(warm_unread_count, dispatch_uid="notifications-warm-unread-count")
