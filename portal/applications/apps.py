from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "portal.applications"
    label = "applications"
    verbose_name = _("Online applications")

    def ready(self) -> None:
        from portal.core.figures import register_figures
        from portal.procedures.selectors import register_on_time_source

        from . import signal_handlers  # noqa: F401
        from .figures import online_services_figures
        from .selectors import on_time_by_procedure

        register_figures("online_services", online_services_figures, order=40)
        # The catalogue's on-time rate of each procedure, counted from the applications decided.
        register_on_time_source(on_time_by_procedure)

        from portal.operations.scheduler import register_job

        # Each unit's staff hear of the online applications past their due date, once a day.
        register_job(
            "send_overdue_alerts",
            24 * 60 * 60,
            "send_overdue_alerts",
            label=_("alerts on overdue applications"),
            order=80,
        )
