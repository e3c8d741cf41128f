"""Removing an agency from an installation of several (issue 22): an explicit command, never a side effect
of deleting a site (the agency's records PROTECT it).

`manage.py remove_agency CODE` first writes everything of the agency to an export (a zip of its rows in
Django's JSON serialisation, and the files of its documents and images), reads the export back, and only
then, in one transaction, deletes the agency's pages (both languages), its site and details, every record
that belongs to it, its role groups, workflows and review tasks, and closes the accounts that were its
own. The default site's agency is the installation's own and is never removed this way.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.cache import cache
from django.db import models, router, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, Task, Workflow

from portal.core.models import AgencySettings

# Never written to an export: a password hash is no one's business once the agency has gone.
SECRET_FIELDS = {"password"}


class RemovalRefused(Exception):
    """The agency cannot be removed as asked; nothing was exported or removed."""


@dataclass
class AgencyRecords:
    """Everything of one agency that removing it takes away (or, for accounts, closes)."""

    agency: AgencySettings
    site: Site
    page_roots: list[Page]
    pages: list[Page]  # the roots and everything under them, most specific class
    owned: list[models.Model] = field(default_factory=list)  # the agency's records and what hangs on them
    collections: list[Collection] = field(default_factory=list)  # its folders of images and documents
    groups: list[Group] = field(default_factory=list)
    workflows: list[Workflow] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    accounts: list = field(default_factory=list)

    def counts(self) -> Counter:
        counts = Counter(type(row)._meta.verbose_name_plural for row in self.owned)
        counts[_("pages")] = len(self.pages)
        counts[_("collections of images and documents")] = len(self.collections)
        counts[_("role groups")] = len(self.groups)
        counts[_("approval workflows")] = len(self.workflows)
        counts[_("review tasks")] = len(self.tasks)
        counts[_("accounts closed")] = len(self.accounts)
        return counts


def agency_to_remove(code: str) -> AgencySettings:
    agency = AgencySettings.objects.select_related("site").filter(code=code).first()
    if agency is None:
        raise RemovalRefused(_("No agency has the code “%(code)s”.") % {"code": code})
    if agency.site.is_default_site:
        raise RemovalRefused(
            _("“%(name)s” is the default site's agency, the installation's own: it cannot be removed.")
            % {"name": agency.name_vi}
        )
    return agency


def records_of(agency: AgencySettings) -> AgencyRecords:
    site = agency.site
    page_roots = list(site.root_page.get_translations(inclusive=True).order_by("path"))
    in_tree = models.Q()
    for root in page_roots:
        in_tree |= models.Q(path__startswith=root.path)
    pages = list(Page.objects.filter(in_tree).order_by("path").specific())

    from portal.units.models import AgencyCollection

    collections = [
        collection
        for link in AgencyCollection.objects.filter(agency=agency).select_related("collection")
        for collection in link.collection.get_descendants(inclusive=True)
    ]
    owned = []
    for model in (get_document_model(), get_image_model()):  # the files in its collections
        owned.extend(model.objects.filter(collection__in=collections))
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation and model_field.related_model is AgencySettings:
                owned.extend(model._default_manager.filter(**{model_field.name: agency}))
            # What was kept against its site (server errors, visits, redirects): its own, not left of no site
            elif model_field.is_relation and model_field.related_model is Site and model is not AgencySettings:
                owned.extend(model._default_manager.filter(**{model_field.name: site}))
    # With what hangs on them (a plan's rows, a question's answers...): what deleting them deletes.
    collector = NestedObjects(using=router.db_for_write(AgencySettings))
    for group in _by_model(owned).values():  # the collector takes one model at a time
        collector.collect(group)
    page_ids = {page.pk for page in pages}
    related = [row for model_rows in collector.data.values() for row in model_rows]
    owned = _unique([*owned, *(row for row in related if not (isinstance(row, Page) and row.pk in page_ids))])

    groups = list(Group.objects.filter(agency_link__agency=agency))
    workflows = [
        workflow
        for workflow in Workflow.objects.filter(workflow_pages__page__in=page_ids).distinct()
        if not workflow.workflow_pages.exclude(page__in=page_ids).exists()  # not shared with another agency
    ]
    tasks = [
        task
        for task in Task.objects.filter(workflow_tasks__workflow__in=workflows).distinct().specific()
        if not task.workflow_tasks.exclude(workflow__in=workflows).exists()
    ]
    accounts = list(_own_accounts(agency, groups))
    return AgencyRecords(agency, site, page_roots, pages, owned, collections, groups, workflows, tasks, accounts)


def _own_accounts(agency: AgencySettings, groups: list[Group]):
    """Accounts whose work is this agency only: in its role groups or its units, and nowhere else."""
    User = get_user_model()
    of_agency = models.Q(groups__in=groups) | models.Q(staff_profile__unit__agency=agency)
    elsewhere = User.objects.filter(groups__isnull=False).exclude(groups__in=groups).values("pk")
    return User.objects.filter(of_agency, is_superuser=False).exclude(pk__in=elsewhere).distinct().order_by("pk")


def _unique(rows: list[models.Model]) -> list[models.Model]:
    seen, unique = set(), []
    for row in rows:
        key = (row._meta.label, row.pk)
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def default_export_path(agency: AgencySettings) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_ROOT) / "agencies" / f"{agency.code}-{stamp}.zip"


def export(records: AgencyRecords, path: Path) -> dict:
    """Write the agency's records and files to the zip at `path`; its manifest (what it holds) is returned
    once the zip has been read back whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [records.agency, records.site, *records.pages, *records.owned, *records.collections, *records.groups]
    rows += [*records.workflows, *records.tasks, *records.accounts]
    manifest = {
        "agency": records.agency.code,
        "name": records.agency.name_vi,
        "hostname": records.site.hostname,
        "exported_at": timezone.localtime().isoformat(),
        "rows": dict(Counter(row._meta.label for row in rows)),
        "files": [],
    }
    partial = path.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, group in _by_model(rows).items():
            fields = [f.name for f in group[0]._meta.local_fields if f.name not in SECRET_FIELDS]
            text = serializers.serialize("json", group, fields=fields, indent=1)
            archive.writestr(f"rows/{label}.json", text)
        for row in rows:
            for file_field in row._meta.fields:
                if isinstance(file_field, models.FileField):
                    stored = getattr(row, file_field.name)
                    if stored and stored.storage.exists(stored.name):
                        with stored.storage.open(stored.name) as source:
                            archive.writestr(f"files/{stored.name}", source.read())
                        manifest["files"].append(stored.name)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    with zipfile.ZipFile(partial) as archive:  # read back whole before anything is deleted
        if archive.testzip() is not None:
            raise RemovalRefused(_("The export could not be read back; nothing was removed."))
    partial.rename(path)
    return manifest


def _by_model(rows: list[models.Model]) -> dict[str, list[models.Model]]:
    grouped: dict[str, list[models.Model]] = {}
    for row in rows:
        grouped.setdefault(row._meta.label, []).append(row)
    return grouped


@transaction.atomic
def remove(records: AgencyRecords) -> None:
    """Delete what `records` holds (accounts are closed, not deleted: their names stay on the history of
    other agencies' pages they may have touched)."""
    for root in records.page_roots:  # the pages first: they name the agency's units
        for child in Page.objects.get(pk=root.pk).get_children():
            child.delete()
    _delete_in_turn([row for row in records.owned if row.pk is not None])
    for collection in records.collections[:1]:  # the agency's folder, with the folders inside it
        Collection.objects.get(pk=collection.pk).delete()
    for task in records.tasks:
        task.delete()
    for workflow in records.workflows:
        workflow.delete()
    for account in records.accounts:
        account.groups.clear()
        account.is_active = False
        account.save(update_fields=["is_active"])
    for group in records.groups:
        group.delete()
    records.site.delete()  # with its settings: the agency's details among them
    for root in records.page_roots:
        Page.objects.get(pk=root.pk).delete()
    cache.clear()  # pages, sites and agencies are kept per publication under ids that are gone


def _delete_in_turn(rows: list[models.Model]) -> None:
    """Delete rows whose order PROTECT decides: what nothing protects first, again until all are gone."""
    waiting = rows
    while waiting:
        still = []
        for row in waiting:
            if not type(row)._default_manager.filter(pk=row.pk).exists():
                continue  # gone with something deleted before it
            try:
                with transaction.atomic():
                    row.delete()
            except ProtectedError:
                still.append(row)
        if len(still) == len(waiting):
            names = ", ".join(sorted({str(row._meta.verbose_name) for row in still}))
            raise RemovalRefused(
                _("Records of the agency are held by records of others (%(names)s); nothing was removed.")
                % {"names": names}
            )
        waiting = still
