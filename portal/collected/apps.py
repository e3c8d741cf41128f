from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectedConfig(AppConfig):
    name = "portal.collected"
    label = "collected"
    verbose_name = _("Collected items")

    def ready(self) -> None:
        from portal.operations.scheduler import register_job

        # New entries of the collected items' sources land in the inbox.
        register_job(
            "fetch_feeds", 30 * 60, "fetch_feeds", label=_("collecting items from the sources' feeds"), order=20
        )
