import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class OperationsConfig(AppConfig):
    """What keeps the portal running: the scheduler and its job records, the background task queue,
    server errors (incidents), backups, /health/ and the administrator's status panel."""

    name = "portal.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401  (a server error becomes an Incident)
        from .scheduler import register_job

        # Wagtail publishes and expires scheduled pages (go-live and expiry dates).
        register_job("publish_scheduled", 60, "publish_scheduled", label=_("scheduled publishing and expiry"), order=10)
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
        # The background task queue keeps a month of finished tasks; tasks a killed worker left go to failed.
        register_job(
            "prune_background_tasks",
            24 * 60 * 60,
            _prune_background_tasks,
            label=_("clearing old background tasks"),
            order=110,
        )


def _daily_backup() -> None:
    from .backups import daily_backup  # when the job runs, not at start-up

    daily_backup()


def _prune_background_tasks() -> None:
    from .task_queue import prune_tasks

    deleted, abandoned = prune_tasks()
    if deleted or abandoned:
        logger.info("Background tasks: %s old rows deleted, %s left by a stopped worker failed", deleted, abandoned)
