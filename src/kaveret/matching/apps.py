from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "kaveret.matching"
    label = "matching"
    verbose_name = _("Search and matching")

    def ready(self) -> None:
        from . import signals

        signals.connect()
