from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "portal.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from portal.core.scheduler import register_job

        # Today's backup, if there is none yet; older ones beyond BACKUP_KEEP are removed.
        register_job("daily_backup", 60 * 60, _daily_backup, label=_("daily backup"), order=30)
        # Private uploads a killed request left without their rows, a day after they were written.
        register_job(
            "remove_orphan_files",
            24 * 60 * 60,
            "remove_orphan_files",
            label=_("removing uploads left without their rows"),
            order=90,
        )


def _daily_backup() -> None:
    from .backups import daily_backup  # when the job runs, not at start-up

    daily_backup()
