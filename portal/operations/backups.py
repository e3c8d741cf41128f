"""Backups that restore: the database and every folder of files, with a manifest of checksums.

A backup is a folder named by its time (`20261201-020000`) under `settings.BACKUP_ROOT`:

    manifest.json        what is inside, with a SHA-256 for every file, and for every member of
                         the archives (so a restore can be checked byte for byte)
    database.sqlite3     SQLite's online backup: a consistent copy while the portal runs
    database.pgdump      or PostgreSQL's `pg_dump --format=custom`, one consistent snapshot
    files-<name>.tar     the media (MEDIA_ROOT, or every object of the bucket where media are kept
                         in S3-compatible storage), PRIVATE_STORAGE_ROOT (uploads never served as
                         media), and any folder of `settings.BACKUP_FILE_ROOTS`

It is written under a hidden `.partial` name and renamed when complete, so a backup cut off
half-way never looks like one. The database is copied before the files: a file uploaded in
between is kept as an orphan, never referenced and missing.

Media in a bucket are read and written back through the storage (django-storages' S3Storage):
a backup of local media restores into a bucket and the other way round. The archive's ZIP files
are left out (NOT_BACKED_UP).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
FORMAT = 1
STAMP = "%Y%m%d-%H%M%S"
CHUNK = 1024 * 1024

Report = Callable[[str], None]
Root = Path | Storage  # a folder of this machine, or a storage of objects (a bucket)

# Folders of a root that no backup holds, because the portal makes their files again from the
# database: the archive's ZIPs (portal/archive; "export again" on its admin page), which would
# otherwise go into every daily backup. A restore leaves them as they are. The app that writes such
# a folder names it in its AppConfig.ready (`leave_out_of_backups`), so backups name no app.
NOT_BACKED_UP: dict[str, tuple[str, ...]] = {}


def leave_out_of_backups(root: str, folder: str) -> None:
    """Leave `folder` of `root` ("media" or "private") out of every backup (and a restore)."""
    if folder not in NOT_BACKED_UP.get(root, ()):
        NOT_BACKED_UP[root] = (*NOT_BACKED_UP.get(root, ()), folder)


class BackupError(Exception):
    """A backup that cannot be made, verified or restored; the message says why."""


@dataclass(frozen=True)
class Database:
    """The database a backup is taken from or restored into (a Django DATABASES entry)."""

    vendor: str
    settings: dict

    @classmethod
    def default(cls) -> Database:
        return cls(connection.vendor, connections.databases["default"])

    @property
    def file_name(self) -> str:
        return "database.sqlite3" if self.vendor == "sqlite" else "database.pgdump"

    def pg_environment(self) -> dict[str, str]:
        """libpq's variables for pg_dump and pg_restore (the password never on a command line)."""
        values = {
            "PGHOST": self.settings.get("HOST") or "",
            "PGPORT": str(self.settings.get("PORT") or ""),
            "PGUSER": self.settings.get("USER") or "",
            "PGPASSWORD": self.settings.get("PASSWORD") or "",
            "PGDATABASE": self.settings["NAME"],
        }
        return {**os.environ, **{key: value for key, value in values.items() if value}}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_roots() -> dict[str, Root]:
    """Every folder of files the portal keeps: its media, the private uploads (applications,
    questions), and any other the settings name. Media not kept on this machine's disk (a bucket)
    are the default storage itself."""
    media = Path(settings.MEDIA_ROOT) if isinstance(default_storage, FileSystemStorage) else default_storage
    roots = {"media": media, "private": Path(settings.PRIVATE_STORAGE_ROOT)}
    return roots | {name: Path(root) for name, root in settings.BACKUP_FILE_ROOTS.items()}


def describe(root: Root) -> str:
    """How the operator knows a root: its folder, or its bucket (`s3://portal-media`)."""
    if isinstance(root, Path):
        return str(root)
    bucket = getattr(root, "bucket_name", None)
    if bucket:
        location = getattr(root, "location", "") or ""
        return f"s3://{bucket}/{location}" if location else f"s3://{bucket}"
    return type(root).__name__


def _left_out(name: str, relative: str) -> bool:
    return any(relative == folder or relative.startswith(f"{folder}/") for folder in NOT_BACKED_UP.get(name, ()))


# ---------------------------------------------------------------------------------------------
# Making a backup
# ---------------------------------------------------------------------------------------------


def backup_create(
    *,
    root: Path | None = None,
    database: Database | None = None,
    roots: dict[str, Root] | None = None,
    now: dt.datetime | None = None,
    report: Report = lambda line: None,
) -> Path:
    """Make a complete backup and return its folder."""
    root = Path(root or settings.BACKUP_ROOT)
    database = database or Database.default()
    roots = file_roots() if roots is None else roots
    stamp = timezone.localtime(now or timezone.now()).strftime(STAMP)
    final = root / stamp
    if final.exists():
        raise BackupError(_("A backup named %(name)s already exists.") % {"name": stamp})
    partial = root / f".{stamp}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        report("database ...")
        _dump_database(database, partial / database.file_name)
        files = []
        for name, folder in roots.items():
            report(f"files: {name} ...")
            if isinstance(folder, Path):
                files.append(_archive_folder(name, folder, partial / f"files-{name}.tar"))
            else:
                files.append(_archive_storage(name, folder, partial / f"files-{name}.tar", report))
        manifest = {
            "format": FORMAT,
            "created_at": timezone.localtime(now or timezone.now()).isoformat(),
            "database": {
                "vendor": database.vendor,
                "file": database.file_name,
                "sha256": sha256_of(partial / database.file_name),
                "bytes": (partial / database.file_name).stat().st_size,
            },
            "files": files,
            "migrations": _applied_migrations(),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    report(f"backup written: {final}")
    return final


def _dump_database(database: Database, target: Path) -> None:
    if database.vendor == "sqlite":
        name = str(database.settings["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise BackupError(_("An in-memory database cannot be backed up."))
        # A connection of its own sees what is committed, never another's open transaction.
        source = sqlite3.connect(f"file:{name}?mode=ro", uri=True)
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)  # page by page, consistent even while others write
        finally:
            destination.close()
            source.close()
        return
    if database.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)], database)
        return
    raise BackupError(_("Backups of %(vendor)s databases are not supported.") % {"vendor": database.vendor})


def _archive_folder(name: str, folder: Path, target: Path) -> dict:
    members = []
    with tarfile.open(target, "w") as archive:
        if folder.exists():
            for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
                relative = path.relative_to(folder).as_posix()
                if _left_out(name, relative):
                    continue
                archive.add(path, arcname=relative, recursive=False)
                members.append({"path": relative, "sha256": sha256_of(path), "bytes": path.stat().st_size})
    return _files_entry(name, str(folder), target, members)


def _archive_storage(name: str, storage: Storage, target: Path, report: Report) -> dict:
    """Every object of the storage into a tar, each read once (into a scratch file beside the tar,
    as a tar member's size comes before its bytes)."""
    members = []
    names = sorted(path for path in _storage_names(storage) if not _left_out(name, path))
    report(f"files: {name}: {len(names)} objects in {describe(storage)}")
    with tarfile.open(target, "w") as archive, tempfile.TemporaryFile(dir=target.parent) as scratch:
        for path in names:
            scratch.seek(0)
            scratch.truncate()
            digest = hashlib.sha256()
            try:
                with storage.open(path, "rb") as stream:
                    while chunk := stream.read(CHUNK):
                        digest.update(chunk)
                        scratch.write(chunk)
            except FileNotFoundError:
                continue  # deleted since it was listed: after the database copy, which may still name it
            info = tarfile.TarInfo(path)
            info.size, info.mtime = scratch.tell(), int(time.time())
            scratch.seek(0)
            archive.addfile(info, scratch)
            members.append({"path": path, "sha256": digest.hexdigest(), "bytes": info.size})
    return _files_entry(name, describe(storage), target, members)


def _storage_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file of a storage, walked with listdir (S3: listed by prefix, a page at a time)."""
    directories, files = storage.listdir(folder)
    for file in files:
        yield posixpath.join(folder, file)
    for directory in directories:
        yield from _storage_names(storage, posixpath.join(folder, directory))


def _files_entry(name: str, source: str, target: Path, members: list[dict]) -> dict:
    return {
        "name": name,
        "source": source,
        "archive": target.name,
        "sha256": sha256_of(target),
        "bytes": target.stat().st_size,
        "members": members,
        "left_out": [f"{folder}/" for folder in NOT_BACKED_UP.get(name, ())],
    }


def _applied_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _run(command: list[str], database: Database) -> None:
    try:
        subprocess.run(command, env=database.pg_environment(), check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(
            _("%(program)s is not installed (Debian: apt-get install postgresql-client).") % {"program": command[0]}
        ) from error
    except subprocess.CalledProcessError as error:
        raise BackupError(
            _("%(program)s failed: %(error)s") % {"program": command[0], "error": error.stderr.strip()[-2000:]}
        ) from error


# ---------------------------------------------------------------------------------------------
# Verifying
# ---------------------------------------------------------------------------------------------


def backup_verify(folder: Path) -> dict:
    """Check every checksum and that the database copy is readable; return the manifest.

    Raises BackupError naming the first thing wrong.
    """
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(
            _("%(folder)s has no manifest.json: not a backup, or an unfinished one.") % {"folder": folder}
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(_("manifest.json is damaged: %(error)s") % {"error": error}) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Unknown backup format %(format)r.") % {"format": manifest.get("format")})
    database = manifest["database"]
    _check_file(folder / database["file"], database["sha256"])
    if database["vendor"] == "sqlite":
        check = sqlite3.connect(f"file:{folder / database['file']}?mode=ro", uri=True)
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            check.close()
        if result != "ok":
            raise BackupError(_("The database copy fails SQLite's integrity check: %(result)s") % {"result": result})
    else:
        listing = subprocess.run(["pg_restore", "--list", str(folder / database["file"])], capture_output=True)
        if listing.returncode:
            raise BackupError(_("pg_restore cannot read the database dump."))
    for files in manifest["files"]:
        archive_path = folder / files["archive"]
        _check_file(archive_path, files["sha256"])
        expected = {member["path"]: member["sha256"] for member in files["members"]}
        with tarfile.open(archive_path) as archive:
            found = {}
            for member in archive.getmembers():
                if member.isfile():
                    stream = archive.extractfile(member)
                    found[member.name] = hashlib.sha256(stream.read()).hexdigest()
        if found != expected:
            missing = sorted(set(expected) - set(found)) or sorted(
                path for path in found if found[path] != expected.get(path)
            )
            raise BackupError(
                _("%(archive)s does not hold what the manifest lists: %(paths)s")
                % {"archive": files["archive"], "paths": ", ".join(missing[:5])}
            )
    return manifest


def _check_file(path: Path, sha256: str) -> None:
    if not path.is_file():
        raise BackupError(_("%(file)s is missing.") % {"file": path.name})
    if sha256_of(path) != sha256:
        raise BackupError(_("%(file)s does not match its checksum: it was changed or damaged.") % {"file": path.name})


# ---------------------------------------------------------------------------------------------
# Restoring
# ---------------------------------------------------------------------------------------------


def backup_restore(
    folder: Path,
    *,
    database: Database | None = None,
    roots: dict[str, Root] | None = None,
    force: bool = False,
    report: Report = lambda line: None,
) -> dict:
    """Restore a verified backup into an empty installation (or over one, with `force`)."""
    manifest = backup_verify(folder)
    database = database or Database.default()
    roots = file_roots() if roots is None else roots
    if manifest["database"]["vendor"] != database.vendor:
        raise BackupError(
            _("This is a backup of a %(backup)s database; this installation uses %(here)s.")
            % {"backup": manifest["database"]["vendor"], "here": database.vendor}
        )
    if not force:
        problems = _not_empty(database, roots, manifest)
        if problems:
            raise BackupError(
                _("The installation is not empty (%(problems)s). Use --force to overwrite it.")
                % {"problems": "; ".join(problems)}
            )
    report("database ...")
    _load_database(database, Path(folder) / manifest["database"]["file"])
    for files in manifest["files"]:
        target = roots.get(files["name"])
        if target is None:
            raise BackupError(
                _("This installation has no folder for the backup's %(name)s files.") % {"name": files["name"]}
            )
        report(f"files: {files['name']} ...")
        with tarfile.open(Path(folder) / files["archive"]) as archive:
            if isinstance(target, Path):
                target.mkdir(parents=True, exist_ok=True)
                archive.extractall(target, filter="data")  # no absolute paths, no "..", no devices
            else:
                _restore_into_storage(archive, target, files["name"], force=force, report=report)
    report("restored.")
    return manifest


def _restore_into_storage(
    archive: tarfile.TarFile, storage: Storage, name: str, *, force: bool, report: Report
) -> None:
    """Each file of the tar written back under its own name (with force, over the object there)."""
    count = 0
    for member in archive:
        if not member.isfile():
            continue
        try:
            tarfile.data_filter(member, "/restore")  # the same refusals as extractall's: no absolute path, no ".."
        except tarfile.FilterError as error:
            raise BackupError(
                _("%(archive)s holds an unsafe name: %(error)s") % {"archive": name, "error": error}
            ) from error
        if force and storage.exists(member.name):
            storage.delete(member.name)
        saved = storage.save(member.name, File(archive.extractfile(member)))
        if saved != member.name:  # written meanwhile by someone else: the restored database names the original
            raise BackupError(
                _("%(file)s could not be restored under its own name (%(storage)s)")
                % {"file": member.name, "storage": describe(storage)}
            )
        count += 1
    report(f"files: {name}: {count} objects written to {describe(storage)}")


def _holds_files(name: str, root: Root) -> bool:
    """True when a restore of `name` would write over something (left-out folders do not count)."""
    if isinstance(root, Path):
        return root.exists() and any(
            p.is_file() and not _left_out(name, p.relative_to(root).as_posix()) for p in root.rglob("*")
        )
    return any(not _left_out(name, path) for path in _storage_names(root))


def _not_empty(database: Database, roots: dict[str, Root], manifest: dict) -> list[str]:
    problems = []
    for files in manifest["files"]:
        target = roots.get(files["name"])
        if target is not None and _holds_files(files["name"], target):
            problems.append(_("%(folder)s holds files") % {"folder": describe(target)})
    if _database_has_content(database):
        problems.append(_("the database holds content"))
    return problems


def _database_has_content(database: Database) -> bool:
    """True when the database has accounts, or pages beyond the two Wagtail's migrations make."""
    if database.vendor == "sqlite":
        path = Path(str(database.settings["NAME"]))
        if str(path) == ":memory:" or "mode=memory" in str(path) or not path.exists():
            return False
        check = sqlite3.connect(str(path))
        try:
            tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "auth_user" not in tables:
                return False
            users = check.execute("SELECT COUNT(*) FROM auth_user").fetchone()[0]
            pages = (
                check.execute("SELECT COUNT(*) FROM wagtailcore_page").fetchone()[0]
                if "wagtailcore_page" in tables
                else 0
            )
            return users > 0 or pages > 2
        finally:
            check.close()
    import psycopg

    with psycopg.connect(**_psycopg_params(database)) as check:
        tables = {row[0] for row in check.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        if "auth_user" not in tables:
            return False
        users = check.execute("SELECT COUNT(*) FROM auth_user").fetchone()[0]
        pages = (
            check.execute("SELECT COUNT(*) FROM wagtailcore_page").fetchone()[0] if "wagtailcore_page" in tables else 0
        )
        return users > 0 or pages > 2


def _psycopg_params(database: Database) -> dict:
    values = {
        "host": database.settings.get("HOST"),
        "port": database.settings.get("PORT"),
        "user": database.settings.get("USER"),
        "password": database.settings.get("PASSWORD"),
        "dbname": database.settings["NAME"],
    }
    return {key: value for key, value in values.items() if value}


def _load_database(database: Database, dump: Path) -> None:
    if database.vendor == "sqlite":
        if database.settings is connections.databases["default"]:
            connections.close_all()  # the portal's own connection must not hold the old file
        target = Path(str(database.settings["NAME"]))
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)  # replaces every page of the target in one go
        finally:
            destination.close()
            source.close()
        return
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--dbname", database.settings["NAME"], str(dump)],
        database,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The daily backup of the embedded default
# ---------------------------------------------------------------------------------------------


def backups_in(root: Path | None = None) -> list[Path]:
    """Complete backups, oldest first (unfinished `.partial` folders are not backups)."""
    root = Path(root or settings.BACKUP_ROOT)
    if not root.exists():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).exists())


def daily_backup(
    *,
    root: Path | None = None,
    keep: int | None = None,
    now: dt.datetime | None = None,
    database: Database | None = None,
) -> Path | None:
    """Make today's backup if there is none yet, then keep only the newest `keep`. Idempotent.

    Does nothing where settings.BACKUP_DAILY is off (the test suite, or a site whose backups are
    taken by its hosting)."""
    if not settings.BACKUP_DAILY:
        return None
    root = Path(root or settings.BACKUP_ROOT)
    today = timezone.localtime(now or timezone.now()).strftime("%Y%m%d")
    made = None
    if not any(folder.name.startswith(today) for folder in backups_in(root)):
        made = backup_create(root=root, now=now, database=database)
    backups_prune(root=root, keep=settings.BACKUP_KEEP if keep is None else keep)
    return made


def backups_prune(*, root: Path, keep: int) -> list[Path]:
    removed = []
    for folder in backups_in(root)[:-keep] if keep > 0 else []:
        shutil.rmtree(folder)
        removed.append(folder)
    return removed
