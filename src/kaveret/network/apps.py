from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The ecosystem as a network: the map and its analytics.

    Split from ``ecosystem`` (which owns the records) because it reads the whole registry
    at once as a graph, with its own caching and background computation.
    """

    name = "kaveret.network"
    label = "network"
    verbose_name = _("Ecosystem map and analytics")

    def ready(self) -> None:
        from .signals import connect

        connect()
