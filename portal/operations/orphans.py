"""Private files that no row refers to: what a request killed between writing its uploads and
committing its rows leaves behind (bench/fault.py kill-worker shows it).

They are personal documents no retention rule would ever reach, so they are removed once they are
old enough that no submission can still be on its way to commit them. Only the folders the
private file fields write into are looked at, and only files no row of those fields names.
"""

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

GRACE = dt.timedelta(days=1)  # far longer than any request, so a submission in progress is never touched


@dataclass
class OrphanReport:
    scanned: int = 0
    orphans: list[Path] = field(default_factory=list)
    removed: int = 0


def _private_file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    private_root = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    found = []
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if not isinstance(model_field, models.FileField):
                continue
            try:
                location = model_field.storage.path("")
            except NotImplementedError:  # a storage of objects (media in a bucket): never private uploads
                continue
            if Path(location).resolve().is_relative_to(private_root):
                found.append((model, model_field))
    return found


def _folder_of(model_field: models.FileField) -> Path:
    """The fixed part of the field's upload_to ("questions/%Y/%m/" writes under "questions/")."""
    upload_to = model_field.upload_to if isinstance(model_field.upload_to, str) else ""
    fixed = upload_to.split("%")[0].rstrip("/")
    return Path(model_field.storage.path(fixed)).resolve()


def find_orphan_files(*, now: dt.datetime | None = None) -> OrphanReport:
    """Files older than GRACE under the private file fields' folders that no row names."""
    cutoff = (now or timezone.now()) - GRACE
    referenced: set[Path] = set()
    folders: set[Path] = set()
    for model, model_field in _private_file_fields():
        folders.add(_folder_of(model_field))
        names = model._default_manager.exclude(**{model_field.name: ""}).values_list(model_field.name, flat=True)
        referenced.update(Path(model_field.storage.path(name)).resolve() for name in names.iterator() if name)
    report = OrphanReport()
    private_root = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    for folder in sorted(folders):
        if folder == private_root or not folder.is_dir():  # never the whole private area
            continue
        for directory, _subfolders, files in os.walk(folder):
            for name in files:
                path = Path(directory, name).resolve()
                report.scanned += 1
                modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
                if path not in referenced and modified < cutoff:
                    report.orphans.append(path)
    return report


def remove_orphan_files(*, now: dt.datetime | None = None, dry_run: bool = False) -> OrphanReport:
    report = find_orphan_files(now=now)
    if not dry_run:
        for path in report.orphans:
            path.unlink(missing_ok=True)
            report.removed += 1
    return report
