"""Exports of the archive started from the admin: start one, run it in the background, delete it.

The export itself is export.archive_export (the command's); these functions wrap it in a row that
says who started it, how far it has gone and where its ZIP file is, and log each step.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from portal.core.models import AgencySettings, default_site
from portal.units.agencies import agency_of

from .export import ArchiveError, archive_export, archive_zip
from .models import ArchiveExport, private_storage
from .permissions import can_export, export_policy
from .selectors import archive_years

logger = logging.getLogger(__name__)

# A running export writes its progress at least every few seconds: one silent this long has lost its
# worker (stopped or restarted), and is shown as failed so that the year can be exported again.
STALE_AFTER = dt.timedelta(minutes=15)
PROGRESS_EVERY_SECONDS = 1.0
# Under PRIVATE_STORAGE_ROOT: the exports' ZIP files, and the folder an export is written to before zipping.
# Backups leave EXPORTS_FOLDER out (ArchiveConfig.ready): a ZIP is made again from the database.
EXPORTS_FOLDER = "archives"
WORK_FOLDER = f"{EXPORTS_FOLDER}/work"


class ArchiveExportRefused(Exception):
    """Why an export cannot be started or deleted, in the user's language."""


def _require(user, export: ArchiveExport | None = None) -> None:
    """Refused without the permission, and for an export of another agency (`permissions.export_policy`)."""
    if not can_export(user):
        raise PermissionDenied
    if export is not None and not export_policy.user_has_permission_for_instance(user, "delete", export):
        raise PermissionDenied


def _language(user) -> str:
    """The language the user reads the admin in: the export's messages (a failure's reason) are written in it."""
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = getattr(profile, "preferred_language", "") if profile is not None else ""
    language = preferred or translation.get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def archive_exports_mark_stale(*, now: dt.datetime | None = None) -> int:
    """Running exports silent for STALE_AFTER become failed (their worker is gone). How many."""
    now = now or timezone.now()
    stale = list(ArchiveExport.objects.filter(status=ArchiveExport.RUNNING, updated_at__lt=now - STALE_AFTER))
    for export in stale:
        with translation.override(export.language):
            reason = _("The export stopped: the background worker was interrupted. Start it again.")
        if _finish(export.pk, status=ArchiveExport.FAILED, error=reason, expected=ArchiveExport.RUNNING):
            export.error = reason
            log(instance=export, action="archive.export_failed", data={"year": export.year, "reason": reason})
    return len(stale)


def export_site(user, request=None) -> Site | None:
    """The site whose archive `user` exports: their agency's; for someone of no agency (a superuser), the
    site the request came to, else the default site."""
    agency = agency_of(user)
    if agency is None and request is not None:
        agency = AgencySettings.for_request(request)
    return agency.site if agency is not None else default_site()


def archive_export_start(*, user, year: int, site: Site | None = None) -> ArchiveExport:
    """Queue the export of `year` of `site` (by default the user's agency's) for the background worker; the
    export is the agency's whose site it archives. Refused without the permission, for a year with no
    published content, and while another export of the agency's same year is waiting or running."""
    _require(user)
    site = site or export_site(user)
    agency = AgencySettings.for_site(site) if site is not None else None
    if year not in archive_years(site):
        raise ArchiveExportRefused(
            _("%(year)s has no published public page: choose one of the years listed.") % {"year": year}
        )
    archive_exports_mark_stale()
    refused = ArchiveExportRefused(
        _("An export of %(year)s of %(agency)s is already under way: wait for it to finish.")
        % {"year": year, "agency": agency.name if agency is not None else site.site_name}
    )
    try:
        with transaction.atomic():
            active = ArchiveExport.objects.select_for_update().filter(year=year, status__in=ArchiveExport.ACTIVE)
            if active.filter(agency=agency).exists():
                raise refused
            owner = {"agency": agency} if agency is not None else {}
            export = ArchiveExport.objects.create(year=year, requested_by=user, language=_language(user), **owner)
            log(instance=export, action="archive.export_started", user=user, data={"year": year})
    except IntegrityError as error:  # a second request that passed the check at the same moment
        raise refused from error
    transaction.on_commit(lambda: _enqueue(export, site))
    return export


def _enqueue(export: ArchiveExport, site: Site | None = None) -> None:
    from .tasks import archive_export_task

    try:
        archive_export_task.enqueue(export_id=export.pk, site_id=site.pk if site is not None else None)
    except Exception:  # the queue unreachable: the row says so rather than waiting for ever
        logger.exception("The archive export %s could not be queued", export.pk)
        with translation.override(export.language):
            reason = _("The export could not be queued for the background worker.")
        _finish(export.pk, status=ArchiveExport.FAILED, error=reason, expected=ArchiveExport.QUEUED)


def _finish(pk: int, *, status: str, expected: str, **fields) -> bool:
    return bool(
        ArchiveExport.objects.filter(pk=pk, status=expected).update(
            status=status, finished_at=timezone.now(), updated_at=timezone.now(), **fields
        )
    )


def _progress(pk: int):
    def tracked(items: Iterable, stage: str) -> Iterator:
        items = list(items)
        ArchiveExport.objects.filter(pk=pk).update(
            stage=stage, pages_done=0, pages_total=len(items), updated_at=timezone.now()
        )
        last = time.monotonic()
        for done, item in enumerate(items):
            if time.monotonic() - last >= PROGRESS_EVERY_SECONDS:
                ArchiveExport.objects.filter(pk=pk).update(pages_done=done, updated_at=timezone.now())
                last = time.monotonic()
            yield item
        ArchiveExport.objects.filter(pk=pk).update(pages_done=len(items), updated_at=timezone.now())

    return tracked


def archive_export_run(*, export_id: int, site_id: int | None = None) -> str:
    """What the background task does: write the archive, zip it into private storage, record the outcome.

    Never raises for an export that cannot be made: the row says "failed" and why. Returns the status.
    """
    now = timezone.now()
    claimed = ArchiveExport.objects.filter(pk=export_id, status=ArchiveExport.QUEUED).update(
        status=ArchiveExport.RUNNING, started_at=now, updated_at=now
    )
    if not claimed:
        return "skipped"  # deleted while waiting, or already run by another worker
    export = ArchiveExport.objects.select_related("requested_by", "agency__site").get(pk=export_id)
    site = Site.objects.filter(pk=site_id).first() if site_id is not None else None
    site = site or export.agency.site  # the site of the agency whose export it is
    work = Path(settings.PRIVATE_STORAGE_ROOT) / WORK_FOLDER / f"{export.pk}-{uuid.uuid4().hex[:8]}"
    with translation.override(export.language):
        try:
            summary = archive_export(
                year=export.year, output=work / f"luu-tru-{export.year}", progress=_progress(export.pk), site=site
            )
            ArchiveExport.objects.filter(pk=export.pk).update(stage=ArchiveExport.ZIPPING, updated_at=timezone.now())
            zip_path = archive_zip(summary.folder)
            with zip_path.open("rb") as handle:
                name = private_storage.save(
                    f"{EXPORTS_FOLDER}/luu-tru-{export.year}-{uuid.uuid4().hex}.zip", File(handle)
                )
        except ArchiveError as error:
            return _failed(export, str(error))
        except Exception as error:  # an export must end as "failed" with its reason, whatever broke
            logger.exception("The archive export %s of %s failed", export.pk, export.year)
            return _failed(export, _("Unexpected error: %(error)s") % {"error": f"{type(error).__name__}: {error}"})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    size = private_storage.size(name)
    if not _finish(
        export.pk,
        status=ArchiveExport.FINISHED,
        expected=ArchiveExport.RUNNING,
        file=name,
        size=size,
        pages=summary.pages,
        error="",
    ):
        private_storage.delete(name)  # marked failed as stale meanwhile: its file is not kept
        return ArchiveExport.objects.filter(pk=export.pk).values_list("status", flat=True).first() or "deleted"
    export.refresh_from_db()
    log(
        instance=export,
        action="archive.export_finished",
        data={"year": export.year, "pages": summary.pages, "size": size, "skipped": len(summary.skipped)},
    )
    return ArchiveExport.FINISHED


def _failed(export: ArchiveExport, reason: str) -> str:
    reason = reason if len(reason) <= 300 else reason[:299] + "…"
    if _finish(export.pk, status=ArchiveExport.FAILED, expected=ArchiveExport.RUNNING, error=reason):
        export.error = reason
        log(instance=export, action="archive.export_failed", data={"year": export.year, "reason": reason})
    return ArchiveExport.FAILED


def archive_export_delete(*, user, export: ArchiveExport) -> None:
    """Remove an export and its ZIP file. Refused while it runs (a waiting one may be withdrawn), and for
    another agency's."""
    _require(user, export)
    archive_exports_mark_stale()
    with transaction.atomic():
        export = ArchiveExport.objects.select_for_update().filter(pk=export.pk).first()
        if export is None:
            return  # deleted meanwhile (two clicks)
        if export.status == ArchiveExport.RUNNING:
            raise ArchiveExportRefused(
                _("The export of %(year)s is running: it can be deleted once it has finished.") % {"year": export.year}
            )
        log(
            instance=export,
            action="archive.export_deleted",
            user=user,
            data={"year": export.year, "status": export.status, "size": export.size},
        )
        name = export.file.name
        ArchiveExport.objects.filter(pk=export.pk).delete()
        if name:
            transaction.on_commit(lambda: private_storage.delete(name))
