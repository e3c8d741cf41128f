from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "portal.visits"
    label = "visits"
    verbose_name = _("Visits")

    def ready(self) -> None:
        from portal.operations.scheduler import register_job

        # Visits counted in the cache move into the database.
        register_job("flush_visits", 5 * 60, "flush_visits", label=_("counting visits"), order=50)
