"""Backups that restore: the database and every folder of files, with a manifest of checksums.

A backup is a folder named by its time (`20261201-020000`) under `settings.BACKUP_ROOT`:

    manifest.json        what is inside, with a SHA-256 for every file, and for every member of
                         the archives (so a restore can be checked byte for byte)
    database.sqlite3     SQLite's online backup: a consistent copy while the portal runs
    database.pgdump      or PostgreSQL's `pg_dump --format=custom`, one consistent snapshot
    files-<name>.tar     MEDIA_ROOT, PRIVATE_STORAGE_ROOT (uploads never served as media), and any
                         folder of `settings.BACKUP_FILE_ROOTS`

It is written under a hidden `.partial` name and renamed when complete, so a backup cut off
half-way never looks like one. The database is copied before the files: a file uploaded in
between is kept as an orphan, never referenced and missing.

Files kept in S3-compatible storage in production are backed up by the bucket's versioning,
not here (see the README's production section).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
FORMAT = 1
STAMP = "%Y%m%d-%H%M%S"
CHUNK = 1024 * 1024

Report = Callable[[str], None]


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


def file_roots() -> dict[str, Path]:
    """Every folder of files the portal keeps: its media, the private uploads (applications,
    questions), and any other the settings name."""
    roots = {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_STORAGE_ROOT)}
    return roots | {name: Path(root) for name, root in settings.BACKUP_FILE_ROOTS.items()}


# ---------------------------------------------------------------------------------------------
# Making a backup
# ---------------------------------------------------------------------------------------------


def backup_create(
    *,
    root: Path | None = None,
    database: Database | None = None,
    roots: dict[str, Path] | None = None,
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
            files.append(_archive_folder(name, folder, partial / f"files-{name}.tar"))
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
                archive.add(path, arcname=relative, recursive=False)
                members.append({"path": relative, "sha256": sha256_of(path), "bytes": path.stat().st_size})
    return {
        "name": name,
        "archive": target.name,
        "sha256": sha256_of(target),
        "bytes": target.stat().st_size,
        "members": members,
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
    roots: dict[str, Path] | None = None,
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
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(Path(folder) / files["archive"]) as archive:
            archive.extractall(target, filter="data")  # no absolute paths, no "..", no devices
    report("restored.")
    return manifest


def _not_empty(database: Database, roots: dict[str, Path], manifest: dict) -> list[str]:
    problems = []
    for files in manifest["files"]:
        target = roots.get(files["name"])
        if target is not None and target.exists() and any(p.is_file() for p in target.rglob("*")):
            problems.append(_("%(folder)s holds files") % {"folder": target})
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
