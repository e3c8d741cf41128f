"""Archive exports started from the admin: one row per export, which its background task keeps up to date."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.applications.models import private_storage
from portal.core.models import AgencyOwned

from .export import RENDERING, STAGE_LABELS, WRITING


def _private_storage():
    # The applications' private storage: outside MEDIA_ROOT, no URL; only a permission-checked view serves it.
    return private_storage


class ArchiveExport(AgencyOwned):
    """An export of a year of one agency's site: that agency's (`agency`), listed and served to its staff only."""

    QUEUED, RUNNING, FINISHED, FAILED = "queued", "running", "finished", "failed"
    STATUS_CHOICES = [
        (QUEUED, _("waiting")),
        (RUNNING, _("running")),
        (FINISHED, _("finished")),
        (FAILED, _("failed")),
    ]
    ACTIVE = (QUEUED, RUNNING)
    ZIPPING = "zipping"
    STAGE_CHOICES = [
        (RENDERING, STAGE_LABELS[RENDERING]),
        (WRITING, STAGE_LABELS[WRITING]),
        (ZIPPING, _("Packing the ZIP file")),
    ]

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=QUEUED)
    stage = models.CharField(_("stage"), max_length=20, choices=STAGE_CHOICES, blank=True)
    pages_done = models.PositiveIntegerField(_("pages done"), default=0)
    pages_total = models.PositiveIntegerField(_("pages in all"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    requested_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last progress at"), auto_now=True)
    file = models.FileField(_("ZIP file"), storage=_private_storage, upload_to="archives/", blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    pages = models.JSONField(_("pages per language"), default=dict, blank=True)
    error = models.CharField(_("reason of the failure"), max_length=500, blank=True)
    language = models.CharField(_("language of messages"), max_length=8, default="vi")

    class Meta:
        ordering = ["-requested_at", "-pk"]
        default_permissions = ()
        permissions = [("export_archive", _("Can export the archive of a year and download it"))]
        constraints = [
            # One export of an agency's year at a time: the check in services.archive_export_start, and this
            # for two requests that pass it at the same moment.
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=Q(status__in=["queued", "running"]),
                name="archive_one_running_export_of_an_agencys_year",
            )
        ]
        verbose_name = _("archive export")
        verbose_name_plural = _("archive exports")

    def __str__(self) -> str:
        return _("Archive of %(year)s") % {"year": self.year}

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.pages_done / self.pages_total)) if self.pages_total else 0

    def download_name(self) -> str:
        when = self.finished_at or self.requested_at
        return f"luu-tru-{self.year}-{when:%Y%m%d-%H%M}.zip"

    @property
    def file_kept(self) -> bool:
        """The ZIP is there to download. Backups leave the ZIPs out: after a restore, a finished export's
        row may name a file this installation does not have (exporting again makes it)."""
        return bool(self.file) and private_storage.exists(self.file.name)

    @property
    def pages_written(self) -> int:
        return sum(count for count in (self.pages or {}).values() if isinstance(count, int))
