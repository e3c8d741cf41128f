from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "portal.archive"
    label = "archive"
    verbose_name = _("Archive")

    def ready(self) -> None:
        from portal.operations.backups import leave_out_of_backups

        from .services import EXPORTS_FOLDER

        # The ZIPs are made again from the database ("export again"): not in every daily backup.
        leave_out_of_backups("private", EXPORTS_FOLDER)
